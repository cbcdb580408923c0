import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as data from "../../../src/engine/data/index";
import { setWorkspaceFiles } from "../../../src/engine/io/files";

const iris = readFileSync(new URL("../../fixtures/engine/data-iris.csv", import.meta.url), "utf8");

test("iris.csv: scikit-learn's header gives the class names", () => {
  const ds = data.parseCsv(iris, { fileName: "iris.csv" });
  assert.equal(String(ds), "Dataset(150 rows, x [150,4], y [150])");
  assert.equal(ds.task, "multiclass");
  assert.deepEqual(ds.classes, ["setosa", "versicolor", "virginica"]);
  assert.equal(ds.name, "iris");
  assert.deepEqual(Array.from(ds.x.data.subarray(0, 4)), [5.1, 3.5, 1.4, 0.2].map(Math.fround));
  assert.deepEqual([0, 50, 100, 149].map((i) => ds.y.data[i]), [0, 1, 2, 2]);
  assert.deepEqual(ds.featureNames, ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]);
});

test("scikit-learn's bundled sets get the feature names its loaders give them, known by their first line", () => {
  const rows = (n: number, features: number, classes: number) =>
    Array.from({ length: n }, (_, i) => [...Array.from({ length: features }, (_, j) => (i + j) / 10), i % classes].join(",")).join("\n");
  const wine = data.parseCsv(`178,13,class_0,class_1,class_2\n${rows(178, 13, 3)}`, { fileName: "wine_data.csv" });
  assert.deepEqual(wine.featureNames, [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
    "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
  ]);
  // breast_cancer.csv pads its first line with empty cells to the width of the rows.
  const cancer = data.parseCsv(`569,30,malignant,benign${",".repeat(27)}\n${rows(569, 30, 2)}`, { fileName: "breast_cancer.csv" });
  assert.deepEqual(cancer.classes, ["malignant", "benign"]);
  assert.equal(cancer.task, "binary");
  assert.equal(cancer.featureNames!.length, 30);
  assert.deepEqual([0, 7, 9, 10, 20, 29].map((j) => cancer.featureNames![j]), ["mean radius", "mean concave points", "mean fractal dimension", "radius error", "worst radius", "worst fractal dimension"]);
  // The same counts with other classes are some other file: its features are numbered.
  assert.deepEqual(data.parseCsv(`150,4,a,b,c\n${rows(150, 4, 3)}`).featureNames, ["x1", "x2", "x3", "x4"]);
  // With another column as the target, the bundled names would be misplaced: numbered instead.
  assert.deepEqual(data.parseCsv(iris, { target: 0, task: "regression" }).featureNames, ["x1", "x2", "x3", "x4"]);
});

test("features without a name are x1, x2, … as in the toy sets; featureNames names them", () => {
  assert.deepEqual(data.parseCsv("1,2,0\n3,4,1").featureNames, ["x1", "x2"]);
  assert.deepEqual(data.parseCsv("1,0.5\n2,1.5").featureNames, ["x"]);
  assert.deepEqual(data.xor().featureNames, ["x1", "x2"]);
  const named = data.parseCsv(iris, { featureNames: ["sl", "sw", "pl", "pw"] });
  assert.deepEqual(named.featureNames, ["sl", "sw", "pl", "pw"]);
  assert.deepEqual(data.parseCsv("a,b,c\n1,2,0\n3,4,1", { featureNames: ["first", "second"] }).featureNames, ["first", "second"]);
  assert.throws(() => data.parseCsv(iris, { fileName: "iris.csv", featureNames: ["a", "b"] }), {
    message: "iris.csv: featureNames has 2 names, but the file has 4 features (every column but the target)",
  });
  assert.throws(() => data.parseCsv(iris, { featureNames: [1, 2, 3, 4] as unknown as string[] }), {
    message: "data.parseCsv: featureNames must be a list of strings, not a list",
  });
});

test("an option data.csv does not know is an error that names it and the one meant", async () => {
  const unknown = { featureName: ["a"] } as unknown as data.ParseCsvOptions;
  assert.throws(() => data.parseCsv(iris, unknown), {
    message: 'data.parseCsv: unknown option "featureName"; did you mean "featureNames"? The options are target, task, featureNames, fileName',
  });
  await assert.rejects(data.csv("iris.csv", { targt: "species" } as unknown as data.CsvOptions), {
    message: 'data.csv: unknown option "targt"; did you mean "target"? The options are target, task, featureNames',
  });
  assert.throws(() => data.parseCsv(iris, { task: "classification" as data.Task }), {
    message: 'data.parseCsv: task must be "binary", "multiclass", "regression", not "classification"',
  });
  assert.throws(() => data.parseCsv(iris, { target: true as unknown as number }), { message: "data.parseCsv: target must be a column name or index, not true" });
});

test("a header of column names; target by name or index; names kept", () => {
  const text = "sepal,petal,kind\n1,2,0\n3,4,1\n5,6,0\n";
  const ds = data.parseCsv(text, { fileName: "t.csv" });
  assert.equal(String(ds), "Dataset(3 rows, x [3,2], y [3,1])");
  assert.equal(ds.task, "binary");
  assert.deepEqual(ds.featureNames, ["sepal", "petal"]);
  assert.equal(ds.targetName, "kind");
  const byName = data.parseCsv(text, { target: "sepal" });
  assert.deepEqual(byName.x.toArray(), [[2, 0], [4, 1], [6, 0]]);
  assert.deepEqual(byName.featureNames, ["petal", "kind"]);
  assert.equal(byName.task, "multiclass"); // 1, 3, 5: three whole numbers → three classes
  assert.deepEqual(byName.classes, ["1", "3", "5"]);
  assert.deepEqual(Array.from(byName.y.data), [0, 1, 2]);
  assert.deepEqual(data.parseCsv(text, { target: 0 }).x.toArray(), byName.x.toArray());
  assert.deepEqual(data.parseCsv(text, { target: -2 }).featureNames, ["sepal", "kind"]);
  assert.throws(() => data.parseCsv(text, { fileName: "t.csv", target: "species" }), /t\.csv: no column named "species"; the columns are "sepal", "petal", "kind"/);
  assert.throws(() => data.parseCsv(text, { fileName: "t.csv", target: 3 }), /t\.csv: target column 3 is out of range/);
  assert.throws(() => data.parseCsv("1,2\n3,4", { target: "a" }), /no header line/);
});

test("labels: words become sorted classes, many or fractional numbers regression, task can be forced", () => {
  const words = data.parseCsv("a,b,species\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8,setosa");
  assert.deepEqual(words.classes, ["setosa", "versicolor", "virginica"]);
  assert.deepEqual(Array.from(words.y.data), [2, 0, 1, 0]);
  // no header: the word column does not make the first line a header
  const noHeader = data.parseCsv("1,2,yes\n3,4,no\n5,6,yes");
  assert.equal(noHeader.length, 3);
  assert.equal(noHeader.task, "binary");
  assert.deepEqual(noHeader.classes, ["no", "yes"]);

  const reg = data.parseCsv("x,y\n1,0.5\n2,1.5\n3,2.25");
  assert.equal(reg.task, "regression");
  assert.deepEqual(reg.y.shape, [3, 1]);
  const many = Array.from({ length: 30 }, (_, i) => `${i},${i * 2}`).join("\n");
  assert.equal(data.parseCsv(many).task, "regression"); // 30 distinct whole numbers > 20
  assert.equal(data.parseCsv("x,y\n1,0\n2,1", { task: "regression" }).task, "regression");
  assert.deepEqual(data.parseCsv("x,y\n1,0\n2,1\n3,1", { task: "multiclass" }).y.shape, [3]);
  // numbers that are not 0..k−1 are mapped to indices by rank
  const wine = data.parseCsv("a,class\n1,3\n2,1\n3,2\n4,1.0");
  assert.deepEqual(wine.classes, ["1", "2", "3"]);
  assert.deepEqual(Array.from(wine.y.data), [2, 0, 1, 0]);
});

test("errors name the file, the line and the column", () => {
  const ragged = "a,b,c,d,label\n" + "1,2,3,4,0\n".repeat(5) + "1,2,3,0\n";
  assert.throws(() => data.parseCsv(ragged, { fileName: "iris.csv" }), { message: "iris.csv, line 7: 4 columns, expected 5" });
  const lines = ["a,b,c,label", ...Array.from({ length: 10 }, () => "1,2,3,0"), "1,2,abc,1"];
  assert.throws(() => data.parseCsv(lines.join("\n"), { fileName: "iris.csv" }), { message: 'iris.csv, line 12, column 3: "abc" is not a number' });
  assert.throws(() => data.parseCsv("", { fileName: "iris.csv" }), { message: "iris.csv: the file is empty" });
  assert.throws(() => data.parseCsv("\n  \n", { fileName: "e.csv" }), /e\.csv: the file is empty/);
  assert.throws(() => data.parseCsv("a,b\n", { fileName: "h.csv" }), /h\.csv: no rows of data after the header/);
  assert.throws(() => data.parseCsv("a,b\n1,\n", { fileName: "m.csv" }), /m\.csv, line 2, column 2: the label is empty/);
  assert.throws(() => data.parseCsv("a,b\n,1\n", { fileName: "m.csv" }), /m\.csv, line 2, column 1: the cell is empty/);
  // line numbers count blank lines, as an editor does
  assert.throws(() => data.parseCsv("a,b\n\n1,2\n\nx,1", { fileName: "b.csv" }), /b\.csv, line 5, column 1: "x" is not a number/);
});

test("formats: CRLF, quotes, semicolons, a byte-order mark, sklearn's header without class names", () => {
  assert.deepEqual(data.parseCsv("a,b\r\n1,0\r\n2,1\r\n").x.toArray(), [[1], [2]]);
  const quoted = data.parseCsv('"width, cm","label"\n"1.5",0\n2,1');
  assert.deepEqual(quoted.featureNames, ["width, cm"]);
  assert.deepEqual(quoted.x.toArray(), [[1.5], [2]]);
  assert.deepEqual(data.parseCsv("a;b\n1;0\n2;1").x.toArray(), [[1], [2]]);
  assert.deepEqual(data.parseCsv("\uFEFFa,b\n1,0").featureNames, ["a"]);
  const counts = data.parseCsv("3,2\n1,2,0.5\n3,4,1.5\n5,6,2.5");
  assert.equal(String(counts), "Dataset(3 rows, x [3,2], y [3,1])");
  const countsAndNames = data.parseCsv("2,2\nf1,f2,price\n1,2,0.5\n3,4,1.5");
  assert.deepEqual(countsAndNames.featureNames, ["f1", "f2"]);
  // two numbers that do not match the rest are data, not a header
  assert.equal(data.parseCsv("5,1\n2,0\n3,1").length, 3);
});

test("data.csv asks the host's reader, passes its errors on, and explains when there is none", async () => {
  setWorkspaceFiles(undefined);
  await assert.rejects(data.csv("iris.csv"), { message: "data.csv reads and writes files relative to a notebook; there is no notebook here" });
  const files: Record<string, string> = { "data/iris.csv": iris };
  const asked: string[] = [];
  const readText = async (path: string) => {
    asked.push(path);
    const contents = files[path];
    if (contents === undefined) throw new Error(`data.csv: no file "${path}" next to the notebook`);
    return { contents, displayPath: path };
  };
  setWorkspaceFiles({ readText, readBytes: () => Promise.reject(new Error("not here")), writeBytes: () => Promise.reject(new Error("not here")) });
  try {
    const ds = await data.csv("data/iris.csv");
    assert.equal(String(ds), "Dataset(150 rows, x [150,4], y [150])");
    assert.deepEqual(asked, ["data/iris.csv"]);
    await assert.rejects(data.csv("missing.csv"), { message: 'data.csv: no file "missing.csv" next to the notebook' });
    files["bad.csv"] = "a,b\n1,2\n3";
    await assert.rejects(data.csv("bad.csv"), { message: "bad.csv, line 3: 1 column, expected 2" });
    files["t.csv"] = "a,b,c\n1,2,3\n4,5,6";
    assert.deepEqual((await data.csv("t.csv", { target: "a" })).featureNames, ["b", "c"]);
  } finally {
    setWorkspaceFiles(undefined);
  }
});
