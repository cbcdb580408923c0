import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NnbookFormatError, parseNnbook, serializeNnbook } from "../format";
import { parseArgs, USAGE, UsageError } from "./args";
import { htmlReport } from "./htmlReport";
import { OutGuard } from "./outGuard";
import { runNotebook } from "./runNotebook";
import { cellName } from "../kernel";

/**
 * Exit codes: 0 every cell ran, 1 a cell failed, 2 the file or the arguments are wrong, or the
 * `--out` file changed on disk during the run and was left as it is.
 */
async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`nnbook: ${error.message}\n${USAGE}\n`);
    return 2;
  }

  let notebook;
  try {
    notebook = parseNnbook(readFileSync(args.file));
  } catch (error) {
    if (error instanceof NnbookFormatError) {
      process.stderr.write(`nnbook: cannot read ${error.inFile(args.file).message}\n`);
    } else {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
      process.stderr.write(`nnbook: cannot read ${args.file}: ${reason}\n`);
    }
    return 2;
  }
  const guard = args.out ? new OutGuard(args.out) : undefined;

  const out = path.resolve(__dirname, "..");
  const outcome = await runNotebook(notebook, {
    files: { dir: path.join(out, "kernel") },
    notebookDir: path.dirname(path.resolve(args.file)),
    timeoutSeconds: args.timeoutSeconds,
    threads: args.threads,
    onText: args.quiet ? undefined : (text) => process.stdout.write(text),
    onProgress: args.quiet ? undefined : (text) => process.stderr.write(text),
  });

  const keptOut = guard !== undefined && !guard.unchanged();
  if (args.out && !keptOut) writeFileSync(args.out, serializeNnbook(outcome.notebook));
  if (args.html) writeFileSync(args.html, htmlReport(outcome.notebook, { title: path.basename(args.file), outDir: out }));
  let code = 0;
  if (outcome.failure) {
    const { cellNumber, executionCount, line, message } = outcome.failure;
    process.stderr.write(`nnbook: ${cellName(cellNumber, executionCount)}${line ? `, line ${line}` : ""} failed: ${message}\n`);
    code = 1;
  }
  if (keptOut) {
    process.stderr.write(
      `nnbook: ${args.out} changed on disk during the run; nothing was overwritten. ` +
        `To keep this run's outputs, run again with --out naming another file.\n`,
    );
    code = 2;
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`nnbook: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
