import type { CsvFileReader } from "../../engine/data/csvFile";
import { host } from "./hostCall";

/**
 * `data.csv`'s reader: the kernel reads the file (inside the workspace only) and answers with text,
 * or with the message of an error that is then made here, in the cells' realm.
 */
export class FileRequests {
  private readonly waiting = new Map<number, { resolve: (r: { text: string; displayPath: string }) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  readonly read: CsvFileReader = (path) => {
    if (typeof path !== "string") return Promise.reject(new TypeError(`data.csv: the path must be a string, not ${typeof path}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      host("readFile", id, path);
    });
  };

  deliver(requestId: number, ok: boolean, text: string, displayPath: string): void {
    const request = this.waiting.get(requestId);
    if (!request) return;
    this.waiting.delete(requestId);
    if (ok) request.resolve({ text, displayPath });
    else request.reject(new Error(text));
  }
}
