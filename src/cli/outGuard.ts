import { readFileSync } from "node:fs";

/**
 * What the `--out` file held when the run began, so the run does not overwrite edits made while it
 * went on (most of all when `--out` names the notebook itself). Content rather than mtime and size:
 * an edit within the file system's mtime resolution that keeps the size is still seen.
 */
export class OutGuard {
  private readonly before: Buffer | undefined;

  constructor(readonly file: string) {
    this.before = read(file);
  }

  /** True when the file is as it was when the guard was made (absent then and now counts). */
  unchanged(): boolean {
    const now = read(this.file);
    return now === undefined || this.before === undefined ? now === this.before : now.equals(this.before);
  }
}

function read(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
