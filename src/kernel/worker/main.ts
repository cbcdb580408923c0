/**
 * The kernel's worker thread: runs cells one at a time in a context of their own that keeps their
 * declarations. Nothing of this realm is handed to that context but one function that takes and
 * returns primitives (hostCalls.ts); the cells' console, timers and errors are made inside it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { HOST_CALL_KEY, REALM_ENTRY_KEY, type RealmEntry } from "../../language/realm/boundary";
import type { CellError, CompiledRun, HostToWorker, WorkerSetup, WorkerToHost } from "../messages";
import { CellSourceMaps, type ThrownText } from "./cellErrors";
import type { OutputItem } from "../../protocol/outputs";
import { readVariables, type VariableInfo } from "../../protocol/variables";
import { hostCalls } from "./hostCalls";
import { PendingText } from "./pendingText";
import { StreamBuffer } from "./streamBuffer";
import { CellScope } from "./cellScope";

const setup = workerData as WorkerSetup;
const port = parentPort!;
const post = (message: WorkerToHost) => port.postMessage(message);

const streams = new StreamBuffer((runId, name, text) => post({ type: "stream", runId, name, text }), new PendingText(setup.pendingText), setup.maxTextBytes);
const maps = new CellSourceMaps();
let finish: ((json: string) => void) | undefined;

// A null prototype: the context's global forwards lookups to this object, and an ordinary one would
// hand cells this realm's `Object` as `globalThis.constructor`. No eval or new Function: cells are
// compiled by the kernel (process/compileCell.ts) or not at all.
const context = vm.createContext(Object.create(null), { name: "nnbook cells", codeGeneration: { strings: false, wasm: true } });
const { call, active, written } = hostCalls({
  setup,
  streams,
  post,
  interruptFlag: new Int32Array(setup.interruptFlag),
  realm: () => entry,
  done: (_runId, json) => finish?.(json),
});
// Symbol-keyed, so cells do not see it by name; the cell language takes it away before any cell runs.
vm.runInContext(`(call) => { globalThis[Symbol.for(${JSON.stringify(HOST_CALL_KEY)})] = call; }`, context)(call);
vm.runInContext(readFileSync(setup.languagePath, "utf8"), context, { filename: "nnbook-language.js" });
const entry = vm.runInContext(
  `(() => { const key = Symbol.for(${JSON.stringify(REALM_ENTRY_KEY)}), entry = globalThis[key]; delete globalThis[key]; return entry; })()`,
  context,
) as RealmEntry;

if (setup.allowNodeModules) {
  // The user's setting: cells get Node itself, and with it everything the kernel process may do.
  const notebookRequire = createRequire(path.join(setup.notebookDir, "notebook.js"));
  Object.assign(context, { require: notebookRequire, process });
  entry.allowModules((specifier, asDefault) => {
    const loaded = notebookRequire(specifier) as { __esModule?: boolean; default?: unknown };
    // A CommonJS module is its own default export, as in Node's ES module interop.
    return asDefault && loaded?.__esModule ? loaded.default : loaded;
  });
}

// From here on the globals cells start with are also `let`s of the script scope, as the cells' own names will be.
const scope = new CellScope(context);
scope.aliasGlobals();

// A promise a cell rejected and nobody handled: shown in its cell; the kernel goes on.
process.on("unhandledRejection", (reason) => intoRealm(() => entry.unhandled(reason)));

/** Calls into the cells' realm. What it throws is a cell's doing and is not touched here. */
function intoRealm(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

function run(request: CompiledRun): Promise<void> {
  const { runId, cellNumber, executionCount, fileName } = request;
  active.begin(runId);
  let script: vm.Script;
  try {
    maps.add(fileName, { cellNumber, executionCount }, request.js, request.map);
    script = new vm.Script(request.js, { filename: fileName + ".js" });
    scope.declare(request.names);
  } catch (error) {
    end(runId, { ok: false, error: maps.describe(error as ThrownText) });
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    finish = (json) => {
      finish = undefined;
      report(runId, json);
      resolve();
    };
    let result: unknown;
    let ran = false;
    const reader = scope.takeReader();
    if (reader && !intoRealm(() => entry.useScope(reader))) return lost();
    if (!intoRealm(() => entry.begin(runId))) return lost();
    try {
      result = script.runInContext(context);
      ran = true;
    } catch (thrown) {
      if (!intoRealm(() => entry.fail(runId, thrown))) lost();
    }
    if (ran && !intoRealm(() => entry.settle(runId, result))) lost();
  });
}

/** The cell replaced what the realm needs to report its end (Promise, JSON): it still ends. */
function lost(): void {
  finish?.(
    JSON.stringify({
      ok: false,
      error: { name: "Error", message: "a built-in the kernel needs (Promise or JSON) was replaced, so the cell's result could not be read", stack: "" },
    }),
  );
}

function report(runId: number, json: string): void {
  let parsed: { ok?: unknown; note?: unknown; variables?: unknown; error?: { name?: unknown; message?: unknown; stack?: unknown } };
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = { ok: false, error: { message: "the cell's result could not be read" } };
  }
  if (typeof parsed.note === "string") streams.write("stderr", parsed.note + "\n");
  const variables = parsed.variables === undefined ? undefined : readVariables(parsed.variables);
  if (parsed.ok === true) return end(runId, { ok: true }, variables);
  const raw = parsed.error ?? {};
  const text = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);
  end(runId, { ok: false, error: maps.describe({ name: text(raw.name, "Error"), message: text(raw.message, ""), stack: text(raw.stack, "") }) }, variables);
}

function end(runId: number, outcome: { ok: true } | { ok: false; error: CellError }, variables?: VariableInfo[]): void {
  active.end();
  const listed = variables ? { variables } : {};
  post(outcome.ok ? { type: "done", runId, ok: true, ...listed } : { type: "done", runId, ok: false, error: outcome.error, ...listed });
}

/** The variables view asks to draw a tensor it listed; answered between runs, or at a running cell's next pause. */
function inspect(requestId: number, name: string): void {
  let json: unknown = "";
  intoRealm(() => (json = entry.inspect(name)));
  let items: unknown;
  try {
    items = typeof json === "string" && json !== "" ? JSON.parse(json) : undefined;
  } catch {
    items = undefined;
  }
  post({ type: "inspected", requestId, items: Array.isArray(items) ? (items as OutputItem[]) : undefined });
}

post({ type: "ready" });

// Cells run strictly one after another; the host queues them too, this is the worker's own guard.
let queue = Promise.resolve();
port.on("message", (message: HostToWorker) => {
  if (message.type === "run") queue = queue.then(() => run(message));
  else if (message.type === "inspect") inspect(message.requestId, message.name);
  else if (message.type === "fileWritten") written(message.requestId, message.ok, message.text);
});
