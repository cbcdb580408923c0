// The `data` namespace: toy sets, the digits, and CSV files, each a Dataset.
import { callable } from "../callable";
import * as ds from "./dataset";

export { and, or, nand, not, xor } from "./logic";
export { circles } from "./circles";
export { moons } from "./moons";
export { spiral } from "./spiral";
export { blobs } from "./blobs";
export { line } from "./line";
export { sine } from "./sine";
export { digits } from "./digits";
export { csv } from "./csvFile";
export { parseCsv } from "./csv";

/**
 * Inputs `x` ([n, features], one example per row) and labels `y` (one per row), with what they
 * mean: `task` ("binary": y [n, 1] of 0/1; "multiclass": y [n] of class indices; "regression":
 * y [n, 1]) and `classes`. A PyTorch `TensorDataset` with `split` (scikit-learn's stratified
 * `train_test_split`), `shuffle`, `batches` (a `DataLoader`), `normalize` (`StandardScaler`), `concat`
 * (`ConcatDataset`), `subset` (`Subset`) and `map` (a per-row transform). Iterable: `for (const [x, y] of ds)`
 * gives one example at a time. Made by `data.xor()`, `data.digits()`, `await data.csv(path)`, or from your
 * own tensors or arrays, with or without `new`.
 * @example const ds = Dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]); // Dataset(4 rows, x [4,2], y [4,1])
 * @example const ds = new Dataset(randn(6, 3), [0, 1, 2, 0, 1, 2]); // Dataset(6 rows, x [6,3], y [6]), multiclass
 */
export const Dataset = callable(ds.Dataset);
export type Dataset = ds.Dataset;

export type { Task, DatasetInfo, SplitOptions, RowTransform } from "./dataset";
export type { Normalization } from "./normalize";
export type { BatchOptions, Batches, Batch } from "./batches";
export type { ToyOptions } from "./make";
export type { CirclesOptions } from "./circles";
export type { SpiralOptions } from "./spiral";
export type { BlobsOptions } from "./blobs";
export type { LineOptions } from "./line";
export type { CsvOptions, ParseCsvOptions } from "./csv";
