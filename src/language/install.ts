/**
 * Runs inside a kernel's cell context (bundled as a script): puts the cell language into the
 * context's global scope and hands the kernel what it needs, through a bridge the kernel left there.
 * Running the engine in the cells' own realm keeps `instanceof`, typed arrays and errors uniform.
 */
import * as language from "./index";
import { Tensor } from "../engine";
import { setFileReader, type CsvFileReader } from "../engine/data/csvFile";
import { setTrainingHooks } from "../engine/train/hooks";
import { displayItems, liveTraining, setDisplaySink, type DisplayFn } from "../views";

export interface KernelBridge {
  display: DisplayFn;
  /** True once the user asked the running cell to stop. */
  shouldStop(): boolean;
  /** Reads a file relative to the notebook, inside the folders cells may read. */
  readFile: CsvFileReader;
}

export interface LanguageRuntime {
  displayItems: typeof displayItems;
  /** What `import … from "nnbook"` gives. */
  language: typeof language;
}

const BRIDGE = Symbol.for("nnbook.bridge");
const RUNTIME = Symbol.for("nnbook.runtime");

const scope = globalThis as unknown as Record<symbol, unknown>;
const bridge = scope[BRIDGE] as KernelBridge;
delete scope[BRIDGE];
setDisplaySink(bridge.display);
setFileReader(bridge.readFile);
setTrainingHooks({ shouldStop: () => bridge.shouldStop(), progress: liveTraining() });

Object.assign(globalThis, language);
// console.log (Node's util.inspect) then prints tensors, modules and optimizers as PyTorch does.
for (const type of [Tensor, language.nn.Module, language.optim.Optimizer]) {
  Object.defineProperty(type.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value(this: { toString(): string }) {
      return this.toString();
    },
  });
}
scope[RUNTIME] = { displayItems, language } satisfies LanguageRuntime;
