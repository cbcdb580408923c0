import type { LayerInfo } from "./layerInfo";
import { Module } from "./module";

/** Modules held in a list, each registered (`layers.0.weight`); see `nn.ModuleList`. `list[0]` is the first. */
export class ModuleList extends Module {
  readonly [index: number]: Module;

  constructor(modules: Iterable<Module> = []) {
    super();
    if (modules === null || typeof (modules as Iterable<Module>)[Symbol.iterator] !== "function") {
      throw new TypeError(`ModuleList: expected a list of modules, such as [nn.Linear(4, 4), nn.Linear(4, 4)], not ${String(modules)}`);
    }
    for (const m of modules) this.append(m);
  }

  /** Number of modules. */
  override get length(): number {
    return this.namedChildren().length;
  }

  /** Add a module at the end. Returns this. */
  append(module: Module): this {
    const index = this.length;
    if (!(module instanceof Module)) throw new TypeError(`ModuleList: item ${index} is not a module (got ${typeof module}); pass layers like nn.Linear(2, 4)`);
    (this as unknown as Module[])[index] = module;
    return this;
  }

  /** Add every module of `modules` at the end (PyTorch's extend). Returns this. */
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  /** A ModuleList only holds modules: its owner's `forward` calls them. */
  override forward(): never {
    throw new TypeError("ModuleList has no forward of its own: call its modules in your forward, e.g. for (const layer of this.layers) x = layer(x)");
  }

  override describe(): LayerInfo {
    return { kind: "ModuleList", config: {}, features: undefined };
  }

  *[Symbol.iterator](): IterableIterator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }
}
