/**
 * Runs inside a kernel's cell context (bundled as a script): puts the cell language into the
 * context's global scope and hands the kernel what it needs, through a bridge the kernel left there.
 * Running the engine in the cells' own realm keeps `instanceof`, typed arrays and errors uniform.
 */
import * as language from "./index";
import { Tensor } from "../engine";
import { displayItems, setDisplaySink, type DisplayFn } from "../views";

export interface KernelBridge {
  display: DisplayFn;
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
