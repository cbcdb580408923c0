// The data sets scikit-learn ships as CSV files (sklearn/datasets/data), known by their first line, and
// the feature names its loaders (load_iris, load_wine, load_breast_cancer) give them: the files carry none.

interface BundledSet {
  rows: number;
  classes: readonly string[];
  featureNames: readonly string[];
}

const measures = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points", "symmetry", "fractal dimension"];

const BUNDLED: readonly BundledSet[] = [
  {
    rows: 150,
    classes: ["setosa", "versicolor", "virginica"],
    featureNames: ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
  },
  {
    rows: 178,
    classes: ["class_0", "class_1", "class_2"],
    featureNames: [
      "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
      "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
    ],
  },
  {
    rows: 569,
    classes: ["malignant", "benign"],
    featureNames: [...measures.map((m) => `mean ${m}`), ...measures.map((m) => `${m} error`), ...measures.map((m) => `worst ${m}`)],
  },
];

/** The feature names scikit-learn gives the bundled set with this header line, if it is one. */
export function sklearnFeatureNames(rows: number, features: number, classes: readonly string[]): readonly string[] | undefined {
  return BUNDLED.find(
    (set) => set.rows === rows && set.featureNames.length === features && set.classes.length === classes.length && set.classes.every((c, k) => c === classes[k]),
  )?.featureNames;
}
