/**
 * Runs inside a kernel's cell context (bundled as a script), before any cell: builds the globals
 * cells see — the cell language, console, timers, performance — in this realm, over the one
 * primitive-only function the kernel left (realm/hostCall.ts), and hands the kernel the entry
 * points it calls back with. Running the engine in the cells' own realm keeps `instanceof`, typed
 * arrays and errors uniform.
 */
import "./realm/textCodingGlobals";
import * as language from "./index";
import { Tensor } from "../engine";
import { setWorkspaceFiles } from "../engine/io/files";
import { setClassFinder } from "../engine/nn/customModule";
import { setMatmulThreads, type MatmulThread } from "../engine/backend/wasm-threads";
import { setTrainingHooks } from "../engine/train/hooks";
import { displayItems, liveTraining, setDisplaySink } from "../views";
import { IMPORT_KEY, REALM_ENTRY_KEY, type RealmEntry } from "./realm/boundary";
import { cellGlobals } from "./realm/cellGlobals";
import { CellRunner } from "./realm/cellRunner";
import { CellTimers } from "./realm/cellTimers";
import { CellVariables } from "./realm/cellVariables";
import { describeThrown } from "./realm/describeThrown";
import { setScopeNames } from "./realm/undefinedName";
import { FileRequests } from "./realm/fileRequests";
import { host } from "./realm/hostCall";
import { installMemoryBudget } from "./realm/memoryBudget";
import { owner } from "./realm/owner";

const scope = globalThis as unknown as Record<string | symbol, unknown>;

/** An error a callback threw with nothing to catch it: shown in its cell, as Node prints it. */
const reportUncaught = (runId: number, error: unknown) => host("write", runId, "stderr", `Uncaught ${describeThrown(error).stack}\n`);

const timers = new CellTimers(reportUncaught);
const variables = new CellVariables(scope);
const runner = new CellRunner(timers, variables);
const files = new FileRequests();

const stringify = JSON.stringify; // taken before a cell can replace it
setDisplaySink((items, options) => host("display", owner(), stringify({ items, ...options })));
setWorkspaceFiles(files);
// load rebuilds a module class of the user's own by its name, which the cells' top level declares.
setClassFinder((name) => variables.value(name));
const live = liveTraining(owner);
setTrainingHooks({
  shouldStop: () => host("shouldStop"),
  progress: live.progress,
  liveViews: live.liveViews,
  stopped: (history, state) => host("write", owner(), "stdout", live.stopped(history, state) + "\n"),
});
installMemoryBudget();
// Large products share their work with helper threads, which only the kernel can start: it takes
// what each is given from `entry.matmulThread()` while `startMatmulThread` runs.
let handingOver: MatmulThread | undefined;
setMatmulThreads(host("matmulThreads") ?? 1, (thread) => {
  handingOver = thread;
  try {
    host("startMatmulThread");
  } finally {
    handingOver = undefined;
  }
});

let loadModule: ((specifier: string, asDefault: boolean) => unknown) | undefined;
function importModule(specifier: string, asDefault = false): unknown {
  if (specifier === "nnbook") return language;
  if (!loadModule) {
    throw new Error(
      `cells can import only from "nnbook", not "${specifier}". To use Node modules in cells, turn on the setting "nnbook.kernel.allowNodeModules".`,
    );
  }
  return loadModule(specifier, asDefault);
}

Object.assign(globalThis, language, cellGlobals(timers));
scope[Symbol.for(IMPORT_KEY)] = importModule;
variables.takeBaseline();

// console.log (Node's util.inspect, in this realm) then prints tensors, modules and optimizers as PyTorch does.
for (const type of [Tensor, language.nn.Module, language.optim.Optimizer]) {
  Object.defineProperty(type.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value(this: { toString(): string }) {
      return this.toString();
    },
  });
}

const entry: RealmEntry = {
  begin: (runId) => runner.begin(runId),
  settle: (runId, result) => runner.settle(runId, result),
  fail: (runId, thrown) => runner.fail(runId, thrown),
  fireTimer: (id) => timers.fire(id),
  deliverFile: (requestId, ok, text, displayPath) => files.deliver(requestId, ok, text, displayPath),
  unhandled: (reason) => reportUncaught(owner(), reason),
  inspect: (name) => {
    const tensor = variables.tensor(name);
    return tensor ? stringify(displayItems(tensor)) : "";
  },
  useScope: (read) => {
    variables.useScope(read);
    setScopeNames(() => Object.keys(read()));
  },
  allowModules: (load) => {
    loadModule = load;
    // The kernel has just given cells `require` and `process`: not the user's variables either.
    variables.takeBaseline();
  },
  matmulThread: () => handingOver,
};
scope[Symbol.for(REALM_ENTRY_KEY)] = entry;
