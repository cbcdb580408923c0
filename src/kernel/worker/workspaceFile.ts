import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import path from "node:path";

/** The largest file a cell reads or writes: its text and the rows made from it must fit in a kernel. */
export const MAX_FILE_BYTES = 256 * 2 ** 20;

/**
 * Reads a file for a cell: relative to the notebook, only a regular file, and only where its real
 * path (after every symbolic link) is inside one of `roots`. Rejects with a message for the user.
 * Opened without blocking, so a FIFO or a device cannot hang the kernel. The text is the file's UTF-8, or
 * with `latin1` its bytes one character each (how bytes cross into the cells' realm, which takes only strings).
 */
export async function readWorkspaceFile(file: string, notebookDir: string, roots: string[], encoding: "utf8" | "latin1" = "utf8"): Promise<{ text: string; displayPath: string }> {
  const full = path.resolve(notebookDir, file);
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => path.resolve(root))));
  const inside = (candidate: string) => realRoots.some((root) => isInside(root, candidate));
  const outside = () => new Error(`${file}: cells read and write files inside the workspace only (${[...new Set(roots)].join(", ")})`);
  if (!roots.some((root) => isInside(path.resolve(root), full))) throw outside();

  let real: string;
  try {
    real = await realpath(full);
  } catch (error) {
    throw explain(file, full, error);
  }
  if (!inside(real)) throw outside();

  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    throw explain(file, full, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new Error(`${file}: is a folder, not a file`);
    if (!stat.isFile()) throw new Error(`${file}: is not a regular file (a pipe, socket or device), so it is not read`);
    if (stat.size > MAX_FILE_BYTES) {
      throw new Error(`${file}: is ${mb(stat.size)}; cells read files of up to ${mb(MAX_FILE_BYTES)}`);
    }
    const bytes = await handle.readFile();
    if (bytes.length > MAX_FILE_BYTES) throw new Error(`${file}: grew past ${mb(MAX_FILE_BYTES)} while it was read`);
    return { text: bytes.toString(encoding), displayPath: file };
  } finally {
    await handle.close();
  }
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function explain(file: string, full: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return Object.assign(new Error(`${file}: no such file (looked for ${full})`), { code });
  if (code === "ELOOP") return new Error(`${file}: changed into a symbolic link while it was opened, so it is not read`);
  if (code === "ERR_ACCESS_DENIED") return new Error(`${file}: cells read and write files inside the workspace only`);
  return new Error(`${file}: cannot be read (${code ?? (error as Error).message})`);
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
}
