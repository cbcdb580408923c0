/** `nnbook run <file.nnbook> [--out <file>] [--html <file>] [--timeout <seconds>] [--threads <n>] [--quiet]` */
export interface RunArgs {
  file: string;
  out?: string;
  html?: string;
  timeoutSeconds?: number;
  /** Threads for large matrix products (1: no helpers); default one per core. */
  threads?: number;
  quiet: boolean;
}

export const USAGE = "usage: nnbook run <file.nnbook> [--out <file.nnbook>] [--html <file.html>] [--timeout <seconds>] [--threads <n>] [--quiet]";

export class UsageError extends Error {}

export function parseArgs(argv: string[]): RunArgs {
  const [command, ...rest] = argv;
  if (command !== "run") throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  const args: Partial<RunArgs> = { quiet: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--out":
        args.out = value();
        break;
      case "--html":
        args.html = value();
        break;
      case "--timeout": {
        const seconds = Number(value());
        if (!(seconds > 0)) throw new UsageError("--timeout needs a number of seconds above 0");
        args.timeoutSeconds = seconds;
        break;
      }
      case "--threads": {
        const text = value(), threads = Number(text);
        if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads needs a whole number of threads from 1 up, not "${text}"`);
        args.threads = threads;
        break;
      }
      case "--quiet":
        args.quiet = true;
        break;
      default:
        if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
        if (args.file) throw new UsageError(`one notebook at a time (got "${args.file}" and "${arg}")`);
        args.file = arg;
    }
  }
  if (!args.file) throw new UsageError("no notebook given");
  return args as RunArgs;
}
