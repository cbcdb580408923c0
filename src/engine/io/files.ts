// The files of the notebook's workspace, as the host gives them to the engine: `data.csv`, `save`, `load` and
// the exports read and write through these, and the host (the notebook kernel) decides where they may.

/** A file as read: its contents and the path to show in messages. */
export interface ReadFile<T> {
  contents: T;
  displayPath: string;
}

/** What the host provides. Each rejects with a message for the user (no such file, outside the workspace…). */
export interface WorkspaceFiles {
  /** The file's text (UTF-8), `path` relative to the notebook. */
  readText(path: string): Promise<ReadFile<string>>;
  readBytes(path: string): Promise<ReadFile<Uint8Array>>;
  /** Writes `bytes`; a file that exists is replaced only when `overwrite`. Resolves with the path to show. */
  writeBytes(path: string, bytes: Uint8Array, overwrite: boolean): Promise<string>;
}

let files: WorkspaceFiles | undefined;

/** Install (or remove, with undefined) the host's files. Called by the host, not by cells. */
export function setWorkspaceFiles(next: WorkspaceFiles | undefined): void {
  files = next;
}

/** The host's files, or an error saying that `what` needs a notebook around it. */
export function workspaceFiles(what: string): WorkspaceFiles {
  if (!files) throw new Error(`${what} reads and writes files relative to a notebook; there is no notebook here`);
  return files;
}
