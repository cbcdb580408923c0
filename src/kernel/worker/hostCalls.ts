import path from "node:path";
import { getHeapStatistics } from "node:v8";
import type { HostOps, Primitive, RealmEntry } from "../../language/realm/boundary";
import type { OutputItem } from "../../protocol/outputs";
import type { WorkerSetup, WorkerToHost } from "../messages";
import { mb, truncationNote, type StreamBuffer } from "./streamBuffer";
import { MAX_FILE_BYTES, readWorkspaceFile } from "./workspaceFile";
import { startMatmulThread, type MatmulThreadData } from "./matmulThreads";

/** The largest single view a cell may send (its JSON), and all the new views of one run together. */
export const MAX_VIEW_CHARS = 16 * 2 ** 20;
export const MAX_VIEWS_CHARS = 64 * 2 ** 20;

export interface HostCallDeps {
  setup: WorkerSetup;
  streams: StreamBuffer;
  post(message: WorkerToHost): void;
  interruptFlag: Int32Array;
  realm(): RealmEntry;
  done(runId: number, json: string): void;
}

/**
 * The one function the cells' realm may call, and the run it serves. It takes only primitives,
 * answers only with primitives, and never throws: an exception or an object of this realm would
 * hand a cell this realm's `Function`, and with it `process`.
 */
export function hostCalls(deps: HostCallDeps) {
  const { setup, streams, post, interruptFlag } = deps;
  let running = 0;
  let viewChars = 0;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const started = performance.now();
  const limitBytes = setup.memoryLimitMb * 2 ** 20;
  const collect = (globalThis as { gc?: () => void }).gc;

  const ops: HostOps = {
    write(runId, stream, text) {
      if (runId !== running || (stream !== "stdout" && stream !== "stderr") || typeof text !== "string") return;
      streams.write(stream, text);
    },
    display(runId, json) {
      if (runId !== running || typeof json !== "string") return;
      const message = view(json);
      if (!message) return;
      streams.flush();
      post({ type: "display", runId, ...message });
    },
    done(runId, json) {
      if (runId === running && typeof json === "string") deps.done(runId, json);
    },
    shouldStop: () => Atomics.load(interruptFlag, 0) === 1,
    now: () => performance.now() - started,
    setTimer(id, ms) {
      if (typeof id !== "number" || typeof ms !== "number") return;
      clearTimeout(timers.get(id));
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          try {
            deps.realm().fireTimer(id);
          } catch {
            // Thrown by a cell that replaced the realm's own machinery: nothing of it is touched here.
          }
        }, ms),
      );
    },
    clearTimer(id) {
      clearTimeout(timers.get(id));
      timers.delete(id);
    },
    readFile(requestId, file, encoding) {
      if (typeof requestId !== "number" || typeof file !== "string" || (encoding !== "utf8" && encoding !== "latin1")) return;
      readWorkspaceFile(file, setup.notebookDir, setup.fileRoots, encoding).then(
        ({ text, displayPath }) => answer(requestId, true, text, displayPath),
        (error: NodeJS.ErrnoException) => answer(requestId, false, error.message, error.code ?? ""),
      );
    },
    writeFile(requestId, file, bytes, overwrite) {
      if (typeof requestId !== "number" || typeof file !== "string" || typeof bytes !== "string" || typeof overwrite !== "boolean") return;
      if (bytes.length > MAX_FILE_BYTES) return answer(requestId, false, `${file}: ${mb(bytes.length)} is more than the ${mb(MAX_FILE_BYTES)} a cell may write`, "");
      // Written by the host, which answers with fileWritten (see written below).
      post({ type: "writeFile", requestId, path: file, bytes: Buffer.from(bytes, "latin1"), overwrite });
    },
    matmulThreads: () => setup.matmulThreads,
    startMatmulThread() {
      const thread = deps.realm().matmulThread() as MatmulThreadData | undefined;
      return thread !== undefined && startMatmulThread(path.join(path.dirname(setup.workerPath), "matmulThread.js"), thread);
    },
    reserve(bytes, what) {
      if (typeof bytes !== "number" || !(bytes >= 0)) return "a memory request of no valid size was refused";
      if (external() + bytes <= limitBytes) return "";
      // Tensors that are no longer referenced count until collected: collect before refusing. V8
      // frees old buffers on a background thread and counts them freed at the next collection, so twice.
      collect?.();
      collect?.();
      const used = external();
      if (used + bytes <= limitBytes) return "";
      return (
        `out of memory for ${typeof what === "string" ? what : "tensors"}: ${mb(bytes)} more were asked for, and tensors and ` +
        `WebAssembly memory already use ${mb(used)} of this kernel's ${mb(limitBytes)}. Free some (let them go out of scope), or raise the limit (nnbook.kernel.memoryLimitMb).`
      );
    },
  };

  function answer(requestId: number, ok: boolean, text: string, displayPath: string): void {
    try {
      deps.realm().deliverFile(requestId, ok, text, displayPath);
    } catch {
      // As for timers: a cell broke its own realm.
    }
  }

  /** A view's JSON as a message, refused when it is too large or not what a view is. */
  function view(json: string): { items: OutputItem[]; id?: string; update?: boolean } | undefined {
    const tooLarge = json.length > MAX_VIEW_CHARS || viewChars + json.length > MAX_VIEWS_CHARS;
    let parsed: { items?: unknown; id?: unknown; update?: unknown };
    try {
      parsed = tooLarge ? {} : JSON.parse(json);
    } catch {
      return undefined;
    }
    const items = Array.isArray(parsed.items)
      ? parsed.items.filter((i): i is OutputItem => typeof i === "object" && i !== null && typeof (i as OutputItem).mime === "string")
      : [];
    if (tooLarge) {
      streams.write("stderr", `A view of ${mb(json.length)} was not shown: a cell's views are kept under ${mb(MAX_VIEWS_CHARS)}, each under ${mb(MAX_VIEW_CHARS)}.\n`);
      return undefined;
    }
    if (items.length === 0) return undefined;
    const id = typeof parsed.id === "string" ? parsed.id : undefined;
    const update = parsed.update === true;
    if (!update) viewChars += json.length;
    return { items, ...(id ? { id } : {}), ...(update ? { update } : {}) };
  }

  const call = (op: unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown): Primitive => {
    try {
      if (typeof op !== "string" || !Object.prototype.hasOwnProperty.call(ops, op)) return undefined;
      if (![a, b, c, d].every((v) => v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean")) return undefined;
      return (ops[op as keyof HostOps] as (...args: unknown[]) => Primitive)(a, b, c, d);
    } catch {
      return op === "reserve" ? "the kernel could not check its memory budget" : undefined;
    }
  };

  const active = {
    begin(runId: number): void {
      running = runId;
      viewChars = 0;
      Atomics.store(interruptFlag, 0, 0);
      streams.begin(runId);
    },
    /** The run ended: its output is complete, with a note on what was dropped. */
    end(): void {
      const dropped = streams.droppedChars();
      if (dropped > 0) {
        streams.flush();
        post({ type: "stream", runId: running, name: "stderr", text: truncationNote(dropped, setup.maxTextBytes) });
      }
      streams.flush();
      running = 0;
    },
  };
  /** The host's answer to a writeFile. */
  const written = (requestId: number, ok: boolean, text: string): void => answer(requestId, ok, text, ok ? text : "");
  return { call, active, written };
}

function external(): number {
  return getHeapStatistics().external_memory;
}
