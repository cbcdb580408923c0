import { randomBytes } from "node:crypto";
import { link, lstat, realpath, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { isInside, MAX_FILE_BYTES } from "./worker/workspaceFile";

/**
 * Writes a file a cell made (`save`, `exportPyTorch`, `exportOnnx`): relative to the notebook, into a folder
 * whose real path is inside one of `roots`. It runs in the editor's or the command line's process, never
 * in the kernel, which may not write at all. The bytes go to a temporary file beside the target first, so
 * a failure leaves no half-written file: they then take the name by a hard link, which fails when the
 * name exists, unless `overwrite`, when a rename replaces the file at once.
 * Rejects with a message for the user.
 */
export async function writeWorkspaceFile(file: string, bytes: Uint8Array, notebookDir: string, roots: string[], overwrite: boolean): Promise<{ displayPath: string }> {
  const full = path.resolve(notebookDir, file);
  const outside = () => new Error(`${file}: cells read and write files inside the workspace only (${[...new Set(roots)].join(", ")})`);
  if (!roots.some((root) => isInside(path.resolve(root), full))) throw outside();
  if (bytes.length > MAX_FILE_BYTES) throw new Error(`${file}: ${mb(bytes.length)} is more than the ${mb(MAX_FILE_BYTES)} a cell may write`);

  const folder = path.dirname(full);
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? `${file}: the folder ${folder} does not exist` : `${file}: cannot be written (${code})`);
  }
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => path.resolve(root))));
  if (!realRoots.some((root) => isInside(root, realFolder))) throw outside();

  const target = path.join(realFolder, path.basename(full));
  const existing = await lstat(target).catch(() => undefined);
  if (existing) {
    if (existing.isSymbolicLink()) throw new Error(`${file}: is a symbolic link, which is not replaced`);
    if (!existing.isFile()) throw new Error(`${file}: exists and is not a regular file, so it is not replaced`);
    if (!overwrite) throw new Error(`${file}: exists already; pass { overwrite: true } to replace it`);
  }

  const temporary = path.join(realFolder, `.${path.basename(full)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: "wx" });
    if (overwrite) await rename(temporary, target);
    else await link(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new Error(`${file}: exists already; pass { overwrite: true } to replace it`);
    throw new Error(`${file}: cannot be written (${code ?? (error as Error).message})`);
  } finally {
    await rm(temporary, { force: true });
  }
  return { displayPath: file };
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}
