import type { ReadFile, WorkspaceFiles } from "../../engine/io/files";
import { host } from "./hostCall";

/**
 * The workspace's files for the cells: the kernel reads them (inside the workspace only) and the host writes
 * them; each answers with text, or with the message of an error that is then made here, in the cells' realm.
 * Bytes cross as strings of one character per byte, the only form a host call carries.
 */
export class FileRequests implements WorkspaceFiles {
  private readonly waiting = new Map<number, { resolve: (r: { text: string; displayPath: string }) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  async readText(path: string): Promise<ReadFile<string>> {
    const { text, displayPath } = await this.request((id) => host("readFile", id, path, "utf8"), path);
    return { contents: text, displayPath };
  }

  async readBytes(path: string): Promise<ReadFile<Uint8Array>> {
    const { text, displayPath } = await this.request((id) => host("readFile", id, path, "latin1"), path);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return { contents: bytes, displayPath };
  }

  async writeBytes(path: string, bytes: Uint8Array, overwrite: boolean): Promise<string> {
    // In slices: String.fromCharCode takes its arguments on the stack.
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return (await this.request((id) => host("writeFile", id, path, text, overwrite === true), path)).text;
  }

  private request(send: (id: number) => void, path: unknown): Promise<{ text: string; displayPath: string }> {
    // The kernel does not answer a call it cannot take: a path that is not a string would wait for ever.
    if (typeof path !== "string") return Promise.reject(new TypeError(`the path must be a string, not ${typeof path}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      send(id);
    });
  }

  /** The kernel's answer: on failure `detail` is the error's code, which `code` of the error made here keeps ("ENOENT"). */
  deliver(requestId: number, ok: boolean, text: string, detail: string): void {
    const request = this.waiting.get(requestId);
    if (!request) return;
    this.waiting.delete(requestId);
    if (ok) request.resolve({ text, displayPath: detail });
    else request.reject(detail ? Object.assign(new Error(text), { code: detail }) : new Error(text));
  }
}
