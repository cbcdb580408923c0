// data.csv: the engine parses; the host (the notebook kernel) reads the file.
import type { Dataset } from "./dataset";
import { workspaceFiles } from "../io/files";
import { checkCsvOptions, parseCsv, type CsvOptions } from "./csv";

/**
 * Load a CSV file from the workspace as a Dataset (like pandas' `read_csv` followed by
 * picking X and y). `path` is relative to the notebook. The last column is the label unless
 * `target` names another (by header name or index). Header, label and error rules: see `data.parseCsv`.
 * @example const iris = await data.csv("iris.csv"); const [train, test] = iris.split(0.8);
 */
export async function csv(path: string, options: CsvOptions = {}): Promise<Dataset> {
  options = checkCsvOptions("data.csv", options, false);
  if (typeof path !== "string") throw new TypeError(`data.csv: the path must be a string, not ${typeof path}`);
  const { contents, displayPath } = await workspaceFiles("data.csv").readText(path);
  return parseCsv(contents, { ...options, fileName: displayPath });
}
