// Runs a course notebook the way a learner does (`nnbook run`), followed by one more cell of checks on the
// names its cells left behind: what the notebook teaches is asserted on its own variables, not on its text.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseNnbook, serializeNnbook, type CodeCell, type NnbookFile } from "../../../src/format";

export const root = path.resolve(__dirname, "../../..");
export const courseDir = path.join(root, "examples/course");
const cli = path.join(root, "out/cli/nnbook.js");

/** What a lesson's run left: the exit code, its printed text, and the notebook with its outputs. */
export interface LessonRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The lesson's own code cells, run (the checks cell left out). */
  cells: CodeCell[];
  /** The file as shipped, as parsed. */
  shipped: NnbookFile;
  /** The shipped bytes, to compare with a canonical save. */
  bytes: string;
}

/**
 * Runs `examples/course/<file>` and then `checks`, a cell's source in which `check(ok, what)` throws `what`
 * when `ok` is false. A failed lesson cell or check ends the run with exit code 1, naming it.
 */
export function runLesson(file: string, checks: string, timeoutSeconds = 90): LessonRun {
  const source = path.join(courseDir, file);
  const bytes = readFileSync(source, "utf8");
  const shipped = parseNnbook(Buffer.from(bytes));
  const checkCell: CodeCell = {
    kind: "code",
    language: "nnts",
    source: ['const check = (ok: boolean, what: string) => { if (!ok) throw new Error("check failed: " + what); };', checks].join("\n"),
    outputs: [],
  };
  const dir = mkdtempSync(path.join(tmpdir(), "nnbook-course-"));
  const withChecks = path.join(dir, file), out = path.join(dir, `ran-${file}`);
  writeFileSync(withChecks, serializeNnbook({ ...shipped, cells: [...shipped.cells, checkCell] }));
  const run = spawnSync(process.execPath, [cli, "run", withChecks, "--out", out, "--quiet", "--timeout", String(timeoutSeconds)], {
    cwd: root,
    encoding: "utf8",
    timeout: (timeoutSeconds + 30) * 1000,
  });
  let cells: CodeCell[] = [];
  try {
    cells = parseNnbook(readFileSync(out)).cells.filter((c): c is CodeCell => c.kind === "code").slice(0, -1);
  } catch {
    // No notebook was written: the run's own message says why.
  }
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, cells, shipped, bytes };
}

/**
 * What holds for every lesson: it ran to the end with its checks, each of its cells succeeded, it is saved in
 * the canonical layout with no outputs (the shipped copy stays small and diffs stay code), it opens with a
 * title and ends with exercises.
 */
export function assertLesson(run: LessonRun): void {
  const tail = (s: string) => s.split("\n").slice(-40).join("\n");
  if (run.code !== 0) throw new Error(`the lesson failed (exit ${run.code}):\n${tail(run.stdout)}\n${tail(run.stderr)}`);
  const code = run.shipped.cells.filter((c) => c.kind === "code");
  if (run.cells.length !== code.length) throw new Error(`${run.cells.length} of ${code.length} code cells ran`);
  run.cells.forEach((c, i) => {
    if (c.execution?.success !== true) throw new Error(`code cell ${i + 1} did not succeed`);
  });
  if (Buffer.from(serializeNnbook(run.shipped)).toString("utf8") !== run.bytes) throw new Error("the shipped file is not in the canonical layout: open and save it");
  if (code.some((c) => c.kind === "code" && c.outputs.length > 0)) throw new Error("the shipped file carries outputs");
  const first = run.shipped.cells[0], last = run.shipped.cells.at(-1);
  if (first?.kind !== "markdown" || !/^# \S/.test(first.source)) throw new Error("the first cell is not a markdown title");
  if (last?.kind !== "markdown" || !/^## Exercises$/m.test(last.source)) throw new Error("the last cell is not the exercises");
}

/** The text a run printed for one of the lesson's code cells (console and text fallbacks), 1-based. */
export function cellText(run: LessonRun, n: number): string {
  const cell = run.cells[n - 1];
  if (!cell) throw new Error(`no code cell ${n}`);
  return cell.outputs
    .flatMap((o) => o.items)
    .filter((i) => i.mime === "text/plain" || i.mime.startsWith("application/vnd.code.notebook.std"))
    .map((i) => String(i.data))
    .join("\n");
}

/** The payload of the view of `mime` that code cell `n` (1-based) drew. */
export function cellView(run: LessonRun, n: number, mime: string): Record<string, unknown> {
  const item = run.cells[n - 1]?.outputs.flatMap((o) => o.items).find((i) => i.mime === mime);
  if (!item) throw new Error(`code cell ${n} drew no ${mime}`);
  return (typeof item.data === "string" ? JSON.parse(item.data) : item.data) as Record<string, unknown>;
}
