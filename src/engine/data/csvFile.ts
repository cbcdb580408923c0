// data.csv: the engine parses; the host (the notebook kernel) reads the file.
import type { Dataset } from "./dataset";
import { checkCsvOptions, parseCsv, type CsvOptions } from "./csv";

/**
 * Reads a file for `data.csv`: resolves `path` (relative to the notebook), returns its text
 * and the path to show in messages, or rejects with a message for the user (e.g. no such file).
 */
export type CsvFileReader = (path: string) => Promise<{ text: string; displayPath: string }>;

let reader: CsvFileReader | undefined;

/** Install (or remove, with undefined) the file reader `data.csv` uses. Called by the host, not by cells. */
export function setFileReader(next: CsvFileReader | undefined): void {
  reader = next;
}

/**
 * Load a CSV file from the workspace as a Dataset (like pandas' `read_csv` followed by
 * picking X and y). `path` is relative to the notebook. The last column is the label unless
 * `target` names another (by header name or index). Header, label and error rules: see `data.parseCsv`.
 * @example const iris = await data.csv("iris.csv"); const [train, test] = iris.split(0.8);
 */
export async function csv(path: string, options: CsvOptions = {}): Promise<Dataset> {
  options = checkCsvOptions("data.csv", options, false);
  if (!reader) throw new Error("data.csv reads files relative to a notebook; there is no notebook here");
  const { text, displayPath } = await reader(path);
  return parseCsv(text, { ...options, fileName: displayPath });
}
