/**
 * The kernel worker: one per notebook. Runs cells one at a time in a context of their own that
 * keeps their declarations, and reports output, values and errors to the host.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { formatWithOptions } from "node:util";
import vm from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import type { KernelBridge, LanguageRuntime } from "../../language/install";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import type { HostToWorker, RunRequest, WorkerSetup, WorkerToHost } from "../messages";
import { CellSourceMaps } from "./cellErrors";
import { compileCell, IMPORT_SYMBOL } from "./compileCell";
import { StreamBuffer } from "./streamBuffer";

const setup = workerData as WorkerSetup;
const notebookRequire = createRequire(path.join(setup.notebookDir, "notebook.js"));
const port = parentPort!;
const interruptFlag = new Int32Array(setup.interruptFlag);
const post = (message: WorkerToHost) => port.postMessage(message);

let runId = 0;
const streams = new StreamBuffer((name, text) => post({ type: "stream", runId, name, text }));
const maps = new CellSourceMaps();

const context = vm.createContext(cellGlobals(), { name: "nnbook cells" });
const bridge: KernelBridge = {
  display(items, options) {
    streams.flush();
    post({ type: "display", runId, items: items.map(plainItem), ...options });
  },
  shouldStop: () => Atomics.load(interruptFlag, 0) === 1,
  readFile: readNotebookFile,
};

/** `data.csv`'s reader: paths relative to the notebook, and only inside the folders cells may read. */
async function readNotebookFile(file: string): Promise<{ text: string; displayPath: string }> {
  const full = path.resolve(setup.notebookDir, file);
  const inside = setup.fileRoots.some((root) => {
    const relative = path.relative(root, full);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
  });
  if (!inside) throw new Error(`${file}: cells read files inside the workspace only (${setup.fileRoots.join(", ")})`);
  try {
    return { text: await readFile(full, "utf8"), displayPath: file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`${file}: no such file (looked for ${full})`);
    if (code === "EISDIR") throw new Error(`${file}: is a folder, not a file`);
    throw new Error(`${file}: cannot be read (${(error as Error).message})`);
  }
}
// Symbol-keyed globals do not show through the context object: pass them by running code.
vm.runInContext('(bridge) => { globalThis[Symbol.for("nnbook.bridge")] = bridge; }', context)(bridge);
vm.runInContext(readFileSync(setup.languagePath, "utf8"), context, { filename: "nnbook-language.js" });
const runtime = vm.runInContext('globalThis[Symbol.for("nnbook.runtime")]', context) as LanguageRuntime;
vm.runInContext(`(load) => { globalThis[Symbol.for(${JSON.stringify(IMPORT_SYMBOL)})] = load; }`, context)(importModule);

/** What a cell's `import` loads: the cell language, or a Node module when the setting allows. */
function importModule(specifier: string, asDefault = false): unknown {
  if (specifier === "nnbook") return runtime.language;
  if (!setup.allowNodeModules) {
    throw new Error(
      `cells can import only from "nnbook", not "${specifier}". To use Node modules in cells, turn on the setting "nnbook.kernel.allowNodeModules".`,
    );
  }
  const loaded = notebookRequire(specifier) as { __esModule?: boolean; default?: unknown };
  // A CommonJS module is its own default export, as in Node's ES module interop.
  return asDefault && loaded?.__esModule ? loaded.default : loaded;
}

/**
 * What cells see besides the cell language and JavaScript's own globals: no process, no require,
 * unless the user's setting allows Node modules.
 */
function cellGlobals(): Record<string, unknown> {
  const write = (name: "stdout" | "stderr") => (...args: unknown[]) =>
    streams.write(name, formatWithOptions({ colors: false, depth: 4 }, ...args) + "\n");
  return {
    console: { log: write("stdout"), info: write("stdout"), debug: write("stdout"), warn: write("stderr"), error: write("stderr") },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    structuredClone,
    TextEncoder,
    TextDecoder,
    performance,
    ...(setup.allowNodeModules ? { require: notebookRequire, process } : {}),
  };
}

/** Output items cross to the host as plain JSON values (objects from the cells' realm included). */
function plainItem(item: OutputItem): OutputItem {
  return { mime: item.mime, data: typeof item.data === "string" ? item.data : JSON.parse(JSON.stringify(item.data)) };
}

async function run(request: RunRequest): Promise<void> {
  runId = request.runId;
  Atomics.store(interruptFlag, 0, 0);
  try {
    const fileName = `nnbook-cell-${request.cellNumber}-${request.runId}`;
    const compiled = compileCell(request.source, fileName);
    maps.add(fileName, request.cellNumber, compiled.js, compiled.map);
    const script = new vm.Script(compiled.js, { filename: fileName + ".js" });
    const value = await script.runInContext(context);
    if (value !== undefined) bridge.display(valueItems(value));
    streams.flush();
    post({ type: "done", runId, ok: true });
  } catch (error) {
    streams.flush();
    post({ type: "done", runId, ok: false, error: maps.describe(error, request.cellNumber) });
  }
}

function valueItems(value: unknown): OutputItem[] {
  const rich = runtime.displayItems(value);
  if (rich) return rich;
  const text = typeof value === "string" ? value : formatWithOptions({ colors: false, depth: 4 }, value);
  return [{ mime: Mime.text, data: text }];
}

// Cells run strictly one after another; the host queues them too, this is the worker's own guard.
let queue = Promise.resolve();
port.on("message", (message: HostToWorker) => {
  if (message.type === "run") queue = queue.then(() => run(message));
});
