// Writing a file the user asked for without ever losing one they had: a name that exists is replaced only with
// `overwrite`, and only when the file there is one nnbook wrote; anything else is left as it is.
import { workspaceFiles } from "./files";

/** A file about to be written: where, its bytes, and how to tell that a file found there is one of ours. */
export interface OwnFile {
  path: string;
  bytes: Uint8Array;
  /** Why the bytes found at `path` are not a file of this kind that nnbook wrote, or undefined when they are. */
  notOurs(existing: Uint8Array): string | undefined;
}

/** The bytes at `path`, or undefined when there is no such file. */
export async function readIfAny(what: string, path: string): Promise<Uint8Array | undefined> {
  const files = workspaceFiles(what);
  try {
    return (await files.readBytes(path)).contents;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw new Error(`${what}: ${(error as Error).message}`);
  }
}

/**
 * Writes each file, after checking all of them: so a refused one leaves every other as it was too. Returns the
 * paths to show.
 */
export async function writeOwnFiles(what: string, files: OwnFile[], overwrite: boolean): Promise<string[]> {
  for (const file of files) {
    const existing = await readIfAny(what, file.path);
    if (existing === undefined) continue;
    const why = file.notOurs(existing);
    if (why !== undefined) throw new Error(`${what}: ${file.path} exists and is not a file nnbook wrote (${why}), so it is left as it is; choose another name`);
    if (!overwrite) throw new Error(`${what}: ${file.path} exists already; pass { overwrite: true } to replace it`);
  }
  const shown: string[] = [];
  for (const file of files) {
    try {
      shown.push(await workspaceFiles(what).writeBytes(file.path, file.bytes, overwrite));
    } catch (error) {
      throw new Error(`${what}: ${(error as Error).message}`);
    }
  }
  return shown;
}
