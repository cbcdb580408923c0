// CSV text to a Dataset. Pure: reading the file is the host's job (see csvFile.ts).
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { checkOptions, describe } from "../options";
import { Dataset, type Task } from "./dataset";
import { numberedFeatures } from "./featureNames";
import { sklearnFeatureNames } from "./sklearnSets";

/** Options of `parseCsv` and `data.csv`. */
export interface CsvOptions {
  /** The label column: its name in the header or its index (negative counts from the end). Default: the last column. */
  target?: string | number;
  /** Force the task instead of inferring it from the label column (see `parseCsv`). */
  task?: Task;
  /** A name per feature (every column but the target, in order), in place of the header's. */
  featureNames?: string[];
}

/** Options of `parseCsv`. */
export interface ParseCsvOptions extends CsvOptions {
  /** The name used in error messages (default "data.csv"). */
  fileName?: string;
}

const CSV_OPTIONS = { target: "checked", task: "checked", featureNames: "strings" } as const;
const TASKS: readonly Task[] = ["binary", "multiclass", "regression"];

/** Checks the options of `data.csv` (`fn`), or of `data.parseCsv` with its `fileName`; unknown keys are errors. */
export function checkCsvOptions(fn: string, options: ParseCsvOptions | undefined, withFileName: boolean): ParseCsvOptions {
  const checked: ParseCsvOptions = withFileName
    ? checkOptions<ParseCsvOptions>(fn, options, { ...CSV_OPTIONS, fileName: "string" })
    : checkOptions<CsvOptions>(fn, options, CSV_OPTIONS);
  const { target, task } = checked;
  if (target !== undefined && typeof target !== "string" && typeof target !== "number") {
    throw new TypeError(`${fn}: target must be a column name or index, not ${describe(target)}`);
  }
  if (task !== undefined && !TASKS.includes(task)) throw new TypeError(`${fn}: task must be ${TASKS.map((t) => `"${t}"`).join(", ")}, not ${describe(task)}`);
  return checked;
}

/** Label columns with whole numbers and at most this many distinct values are classes. */
export const MAX_CLASSES = 20;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const isNumber = (cell: string): boolean => NUMBER.test(cell);
const isCount = (cell: string): boolean => /^\d+$/.test(cell);

interface Line {
  number: number; // 1-based, as an editor shows it
  cells: string[];
}

/**
 * Parse CSV text into a Dataset: every column but the target becomes a feature of `x`.
 *
 * Header: a first line with names (cells that are not numbers, above a line of numbers) names
 * the columns. scikit-learn's own header is recognised too: a first line of row count, feature
 * count and then class names (as in iris.csv: `150,4,setosa,versicolor,virginica`), when the
 * two counts match the file; the names become `classes`, and the data sets scikit-learn ships
 * (iris, wine, breast cancer) get the feature names its loaders give them ("sepal length (cm)", …).
 * `featureNames` names the features yourself. Features without a name are x1, x2, … as in the toy
 * sets. Commas separate cells (or semicolons or tabs when the first line has no comma); cells may
 * be "quoted"; blank lines are skipped.
 *
 * Labels: with scikit-learn's header, classes as named. Otherwise a target column of words
 * gives one class per distinct word (sorted, as scikit-learn's LabelEncoder); a column of whole
 * numbers with at most 20 distinct values gives one class per value (class k = the k-th smallest,
 * named by the value); anything else is regression. Two classes → binary (y [n, 1] of 0/1), more
 * → multiclass (y [n] of indices), regression → y [n, 1]. Pass `task` to decide yourself.
 *
 * Errors name the file, line and column: `iris.csv, line 12, column 3: "abc" is not a number`.
 * @example const ds = data.parseCsv("a,b,label\n0,1,1\n1,0,0", { fileName: "tiny.csv" }); // Dataset(2 rows, x [2,2], y [2,1])
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Dataset {
  options = checkCsvOptions("data.parseCsv", options, true);
  const file = options.fileName ?? "data.csv";
  const lines = splitLines(text);
  if (lines.length === 0) throw new Error(`${file}: the file is empty`);

  let columnNames: string[] | undefined, classNames: string[] | undefined, start = 0;
  const sk = sklearnHeader(lines);
  if (sk) {
    classNames = sk.classNames.length > 0 ? sk.classNames : undefined;
    start = 1;
    if (lines.length > 1 && isNameLine(lines[1], lines[2])) (columnNames = lines[1].cells), (start = 2);
  } else if (isNameLine(lines[0], lines[1])) {
    columnNames = lines[0].cells;
    start = 1;
  }
  const rows = lines.slice(start);
  if (rows.length === 0) throw new Error(`${file}: no rows of data after the header`);
  const width = sk ? sk.features + 1 : (columnNames?.length ?? rows[0].cells.length);
  for (const row of rows) {
    if (row.cells.length !== width) throw new Error(`${file}, line ${row.number}: ${row.cells.length} ${row.cells.length === 1 ? "column" : "columns"}, expected ${width}`);
  }
  if (width < 2) throw new Error(`${file}: a data set needs at least two columns (features and a label), found ${width}`);

  const t = targetIndex(options.target, columnNames, width, file);
  const n = rows.length, d = width - 1, x = alloc(n * d);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let j = 0; j < width; j++) if (j !== t) x[i * d + k++] = cellNumber(rows[i], j, file);
  }
  const labels = labelColumn(rows, t, file, options.task, classNames);
  const featureNames = givenFeatureNames(options.featureNames, d, file) ?? columnNames?.filter((_, j) => j !== t) ?? (sk && t === d ? sklearnFeatureNames(n, d, sk.classNames) : undefined);
  return new Dataset(new Tensor(x, [n, d]), labels.y, {
    task: labels.task,
    classes: labels.classes,
    featureNames: featureNames ?? numberedFeatures(d),
    ...(columnNames && { targetName: columnNames[t] }),
    name: baseName(file),
  });
}

function splitLines(text: string): Line[] {
  const raw = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const sep = [",", ";", "\t"].find((s) => raw.find((l) => l.trim() !== "")?.includes(s)) ?? ",";
  const out: Line[] = [];
  raw.forEach((l, i) => l.trim() !== "" && out.push({ number: i + 1, cells: splitCells(l, sep) }));
  return out;
}

/** Cells of one line; a cell in double quotes may hold the separator, and "" is a quote. */
function splitCells(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === "") (cell = ""), (quoted = true);
    else if (c === sep) cells.push(cell.trim()), (cell = "");
    else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/** `150,4,setosa,versicolor,virginica`: rows, features, then class names (scikit-learn's data files). */
function sklearnHeader(lines: Line[]): { features: number; classNames: string[] } | null {
  const [first, next] = lines;
  if (!next || first.cells.length < 2 || !isCount(first.cells[0]) || !isCount(first.cells[1])) return null;
  // A file saved from a spreadsheet pads the first line with empty cells to the width of the rows.
  const rows = Number(first.cells[0]), features = Number(first.cells[1]), classNames = withoutTrailingEmpty(first.cells.slice(2));
  if (classNames.some(isNumber)) return null;
  const dataLines = lines.length - 1 - (isNameLine(next, lines[2]) ? 1 : 0);
  const widthMatches = (isNameLine(next, lines[2]) ? lines[2]?.cells.length : next.cells.length) === features + 1;
  // Both numbers must match the file, or a first row of data that starts with two whole numbers would be taken for a header.
  return widthMatches && rows === dataLines ? { features, classNames } : null;
}

function withoutTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  return cells.slice(0, end);
}

/** The `featureNames` option, one per feature. */
function givenFeatureNames(names: readonly string[] | undefined, features: number, file: string): readonly string[] | undefined {
  if (names === undefined) return undefined;
  if (names.length !== features) {
    throw new RangeError(`${file}: featureNames has ${names.length} ${names.length === 1 ? "name" : "names"}, but the file has ${features} ${features === 1 ? "feature" : "features"} (every column but the target)`);
  }
  return [...names];
}

/** A line of column names: some cell is not a number where the line below has one (or every cell is a name). */
function isNameLine(line: Line, below: Line | undefined): boolean {
  if (line.cells.every((c) => !isNumber(c))) return true;
  return below !== undefined && line.cells.some((c, j) => c !== "" && !isNumber(c) && below.cells[j] !== undefined && isNumber(below.cells[j]));
}

function targetIndex(target: string | number | undefined, names: string[] | undefined, width: number, file: string): number {
  if (target === undefined) return width - 1;
  if (typeof target === "number") {
    const t = target < 0 ? width + target : target;
    if (!Number.isInteger(t) || t < 0 || t >= width) throw new RangeError(`${file}: target column ${target} is out of range (the file has ${width} columns, 0..${width - 1})`);
    return t;
  }
  const i = names ? names.indexOf(target) : -1;
  if (i >= 0) return i;
  if (!names) throw new Error(`${file}: the file has no header line, so the target must be a column index (0..${width - 1}), not "${target}"`);
  throw new Error(`${file}: no column named "${target}"; the columns are ${names.map((s) => `"${s}"`).join(", ")}`);
}

function cellNumber(row: Line, j: number, file: string): number {
  const cell = row.cells[j];
  if (cell === "") throw new Error(`${file}, line ${row.number}, column ${j + 1}: the cell is empty`);
  if (!isNumber(cell)) throw new Error(`${file}, line ${row.number}, column ${j + 1}: "${cell}" is not a number`);
  return Number(cell);
}

function labelColumn(rows: Line[], t: number, file: string, task: Task | undefined, classNames: string[] | undefined): { y: Tensor; task: Task; classes: string[] } {
  const n = rows.length, cells = rows.map((r) => r.cells[t]);
  const words = cells.some((c) => !isNumber(c));
  if (task === "regression" || (!task && !words && !classNames && !fewWholeNumbers(cells))) {
    const y = alloc(n);
    rows.forEach((r, i) => (y[i] = cellNumber(r, t, file)));
    return { y: new Tensor(y, [n, 1]), task: "regression", classes: [] };
  }
  let classes: string[], index: (cell: string, row: Line) => number;
  if (classNames && !words) {
    classes = classNames;
    index = (cell, row) => {
      const k = Number(cell);
      if (!Number.isInteger(k) || k < 0 || k >= classes.length) {
        throw new Error(`${file}, line ${row.number}, column ${t + 1}: class ${cell} is not one of 0..${classes.length - 1} (${classes.join(", ")})`);
      }
      return k;
    };
  } else {
    const key = (cell: string): string => (words ? cell : String(Number(cell))); // "1" and "1.0" are one class
    const distinct = [...new Set(cells.filter((c) => c !== "").map(key))];
    if (words) distinct.sort();
    else distinct.sort((a, b) => Number(a) - Number(b));
    classes = distinct;
    const lookup = new Map(distinct.map((c, k) => [c, k]));
    index = (cell) => lookup.get(key(cell))!;
  }
  const y = alloc(n);
  rows.forEach((r, i) => {
    if (r.cells[t] === "") throw new Error(`${file}, line ${r.number}, column ${t + 1}: the label is empty`);
    y[i] = index(r.cells[t], r);
  });
  const binary = task ? task === "binary" : classes.length === 2;
  if (binary && classes.length !== 2) throw new Error(`${file}: task "binary" needs 2 classes in the label column, found ${classes.length}`);
  return { y: new Tensor(y, binary ? [n, 1] : [n]), task: binary ? "binary" : "multiclass", classes };
}

function fewWholeNumbers(cells: string[]): boolean {
  if (!cells.every((c) => Number.isInteger(Number(c)))) return false;
  return new Set(cells.map(Number)).size <= MAX_CLASSES;
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, "");
}
