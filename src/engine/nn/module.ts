import { Tensor } from "../tensor";
import { ParameterTensor } from "./parameter";
import type { LayerInfo } from "./layerInfo";
import type { ModuleJSON } from "./serialize";
import { loadInto, stateKey, type LoadResult, type StateValue } from "./stateDict";
import { checkOptions } from "../options";
import { readStateDict } from "../io/stateDictFile";

const REGISTERED = Symbol("registered"), BUFFERS = Symbol("buffers");

interface MemberCache {
  members: [string, Module | ParameterTensor][];
  layers: Module[];
}

/**
 * A watched module's members() and sub-modules, kept until one of its fields changes: Sequential.forward asks for
 * them every step. Kept here by the module rather than on it, where each read would go through its Proxy
 * (three of them cost a Sequential call 90 ns).
 */
const memberCaches = new WeakMap<Module, MemberCache>();

// serialize.ts knows every layer type, so it plugs itself in here instead of being
// imported (which would make each layer file depend on itself through Module).
let serializer: ((m: Module) => ModuleJSON) | null = null;
export function setSerializer(fn: (m: Module) => ModuleJSON): void {
  serializer = fn;
}

/** The watched module's registered names; undefined for a built-in layer, which is not watched. */
function registered(m: object): string[] | undefined {
  return (m as Record<symbol, string[] | undefined>)[REGISTERED];
}

/**
 * The prototypes of the built-in layers (everything but the containers). Their forwards and fields are
 * ours: none of them sets a field after construction, so an instance of exactly such a class is not
 * watched through a Proxy (each read of a field through one costs about 20 ns, several times a layer per
 * step); its members are found by reading its fields, in the order they were made, when asked for.
 */
const builtInLayers = new WeakSet<object>();

/** Marks `cls` as a built-in layer (see builtInLayers); a subclass of it is watched again. */
export function builtInLayer(cls: abstract new (...args: any[]) => Module): void {
  builtInLayers.add(cls.prototype);
}

/** Remember `key` the first time it holds a module, a parameter or an array of modules. */
function register(target: object, key: string | symbol, value: unknown): void {
  if (typeof key !== "string") return;
  const holds = value instanceof Module || value instanceof ParameterTensor || (Array.isArray(value) && value.some((v) => v instanceof Module));
  const list = registered(target)!;
  if (holds && !list.includes(key)) list.push(key);
}

/**
 * Base class of every layer and network (torch.nn.Module). Subclass it, assign layers
 * and `nn.Parameter`s to fields in the constructor after `super()`, and write `forward`:
 * they are found by `parameters()` and named like `body.0.weight`.
 * @example
 * class Net extends nn.Module {
 *   fc1 = nn.Linear(2, 8); fc2 = nn.Linear(8, 1);
 *   forward(x: Tensor) { return this.fc2.forward(this.fc1.forward(x).relu()); }
 * }
 */
export abstract class Module {
  /** True in training mode (dropout active, batch norm uses batch statistics); see `train()` / `eval()`. */
  declare training: boolean;

  constructor() {
    // A module is called as in PyTorch, `model(x)`: the instance is a function (with the class's prototype)
    // that calls `forward`. Its own `name` and `length` go, so a module's fields may use those names.
    // (`new.target` is the class or, for `new nn.Linear(…)`, the callable proxy of it: its prototype is the class's.)
    const watched = !builtInLayers.has(new.target.prototype);
    // A watched module's forward is read from the module itself, not through its proxy (the same function, faster),
    // and called on the proxy, so that what it assigns is seen.
    const self = (watched ? (...inputs: unknown[]) => Reflect.apply(self.forward, proxy, inputs) : (...inputs: unknown[]) => self.forward(...inputs)) as unknown as Module;
    delete (self as { name?: string }).name;
    delete (self as { length?: number }).length;
    Object.setPrototypeOf(self, new.target.prototype);
    Object.defineProperty(self, BUFFERS, { value: [] as string[], enumerable: false });
    if (!watched) {
      self.training = true;
      return self;
    }
    Object.defineProperty(self, REGISTERED, { value: [] as string[], enumerable: false });
    // Registration happens on assignment, as in PyTorch: a Proxy sees both `this.x = …`
    // and TypeScript class fields (which are defined, not assigned). Fields declared
    // without a value are registered when they first get a module, so the order of
    // names is the order of assignment under either compiler setting.
    // Any change of a named field may change the members: their cache goes with it.
    const forget = (key: string | symbol) => {
      if (typeof key === "string") memberCaches.delete(proxy);
    };
    const proxy: Module = new Proxy(self, {
      set(target, key, value, receiver) {
        register(target, key, value);
        forget(key);
        return Reflect.set(target, key, value, receiver);
      },
      defineProperty(target, key, desc) {
        register(target, key, desc.value);
        forget(key);
        return Reflect.defineProperty(target, key, desc);
      },
      deleteProperty(target, key) {
        const list = registered(target)!, i = list.indexOf(String(key));
        if (i >= 0) list.splice(i, 1);
        forget(key);
        return Reflect.deleteProperty(target, key);
      },
    });
    proxy.training = true;
    return proxy;
  }

  /** Compute the output from the input(s). Call the module itself, `net(x)`, or `net.forward(x)`. */
  abstract forward(...inputs: any[]): any;

  /**
   * Direct sub-modules and parameters in the order they were assigned. Arrays of
   * modules count too (named `blocks.0`, `blocks.1`, …).
   */
  protected members(): [string, Module | ParameterTensor][] {
    return memberCache(this).members;
  }

  /** The direct sub-modules, in order, for forward passes: the cached list itself, not to be changed. */
  protected layerList(): readonly Module[] {
    return memberCache(this).layers;
  }

  /** Direct sub-modules with their field names: `[["0", Linear], ["1", ReLU]]`. */
  namedChildren(): [string, Module][] {
    return this.members().filter((m): m is [string, Module] => m[1] instanceof Module);
  }

  /** Direct sub-modules, in the order they were assigned (PyTorch's `children()`). */
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** Every module of the tree, depth first, this one first (PyTorch's `modules()`). A shared one appears once. */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /**
   * Calls `fn` on every sub-module and then on this one, depth first, as PyTorch's `apply` does; returns this.
   * @example net.apply((m) => { if (m instanceof nn.Linear) nn.init.zeros(m.bias!); })
   */
  apply(fn: (module: Module) => void): this {
    if (typeof fn !== "function") throw new TypeError(`apply: expected a function (module) => void, not ${String(fn)}`);
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Every parameter and buffer under PyTorch's keys, in PyTorch's order: `{ "0.weight": …, "0.bias": …,
   * "1.running_mean": … }` (torch's `state_dict()`). The tensors are the module's own, detached: saving them and
   * `loadStateDict` restore the weights; `nn.load` also restores the layers.
   * @example const saved = net.stateDict(); other.loadStateDict(saved);
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [key, t] of this.stateTensors()) out[key] = t.detach();
    return out;
  }

  /**
   * Copies a state dict into this module's parameters and buffers (torch's `load_state_dict`): from
   * `stateDict()`, or from PyTorch's `state_dict()` written as JSON (`{ key: nested lists }` or `{ key: { shape,
   * data } }`). Strict by default: a missing or unexpected key is an error naming them, and a shape that differs
   * always is; with `{ strict: false }` the keys that did not match are returned.
   * @example net.loadStateDict(JSON.parse(text))
   */
  loadStateDict(state: Record<string, StateValue>, options?: { strict?: boolean }): LoadResult;
  /**
   * Reads a state dict that PyTorch saved as safetensors (`save_file(model.state_dict(), "model.safetensors")`,
   * any float or integer dtype) into this module, as `model.load_state_dict(load_file(path))` does: a model
   * trained in PyTorch, to look inside with every view. The path is relative to the notebook.
   * @example const net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3)); await net.loadStateDict("iris.safetensors");
   */
  loadStateDict(path: string, options?: { strict?: boolean }): Promise<LoadResult>;
  loadStateDict(state: Record<string, StateValue> | string, options: { strict?: boolean } = {}): LoadResult | Promise<LoadResult> {
    const strict = checkOptions("loadStateDict", options, { strict: "boolean" }).strict ?? true;
    if (typeof state === "string") return readStateDict("loadStateDict", state).then((read) => loadInto(this.constructor.name, new Map(this.stateTensors()), read, strict));
    return loadInto(this.constructor.name, new Map(this.stateTensors()), state, strict);
  }

  /** Parameters and buffers module by module (each module's parameters, then its buffers), under PyTorch's keys. */
  private stateTensors(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    for (const [prefix, m] of this.namedModules()) {
      const own: [string, Tensor][] = [
        ...m.members().filter((e): e is [string, ParameterTensor] => e[1] instanceof ParameterTensor),
        ...(m as unknown as Record<symbol, string[]>)[BUFFERS].map((name): [string, Tensor] => [stateKey(name), (m as unknown as Record<string, Tensor>)[name]]),
      ];
      for (const [name, t] of own) {
        if (seen.has(t)) continue;
        seen.add(t);
        // PyTorch's snake_case in every part of the key: `outProj.inProjWeight` → `out_proj.in_proj_weight`.
        out.push([stateKey(prefix ? `${prefix}.${name}` : name), t]);
      }
    }
    return out;
  }

  /** Every sub-module, depth first, this one first under the name "". */
  namedModules(prefix = "", seen = new Set<Module>()): [string, Module][] {
    if (seen.has(this)) return [];
    seen.add(this);
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name, seen));
    return out;
  }

  /**
   * Every learnable tensor with its dotted name, like PyTorch's named_parameters():
   * `[["0.weight", …], ["0.bias", …], ["2.weight", …]]`. A shared parameter appears once.
   */
  namedParameters(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, v] of m.members()) {
        if (v instanceof ParameterTensor && !seen.has(v)) {
          seen.add(v);
          out.push([prefix ? `${prefix}.${name}` : name, v]);
        }
      }
    }
    return out;
  }

  /** Every learnable tensor, to hand to an optimizer: `optim.SGD(net.parameters(), { lr: 0.1 })`. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Tensors that are state but not learned, e.g. batch norm's `runningMean`, with dotted names. */
  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const name of (m as unknown as Record<symbol, string[]>)[BUFFERS]) {
        out.push([prefix ? `${prefix}.${name}` : name, (m as unknown as Record<string, Tensor>)[name]]);
      }
    }
    return out;
  }

  /** Mark field `name` as a buffer: saved with the module, not trained (torch's register_buffer). */
  protected registerBuffer(name: string, value: Tensor): void {
    (this as unknown as Record<string, Tensor>)[name] = value;
    const names = (this as unknown as Record<symbol, string[]>)[BUFFERS];
    if (!names.includes(name)) names.push(name);
  }

  /** Switch this module and all below it to training mode. Returns this. */
  train(mode = true): this {
    for (const [, m] of this.namedModules()) m.training = mode;
    return this;
  }

  /** Switch to evaluation mode: dropout off, batch norm uses its running statistics. Returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Clear the gradients of every parameter (sets `.grad` to null, like torch's default). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Number of learnable numbers in the module. */
  numParameters(): number {
    return this.parameters().reduce((n, p) => n + p.numel(), 0);
  }

  /** One-line description of this layer's own settings, e.g. `inFeatures=2, outFeatures=4`. */
  extraRepr(): string {
    return "";
  }

  /**
   * The module as plain JSON: its layers (for built-in ones) and every parameter and
   * buffer by name. `JSON.stringify(net)` calls this; `nn.load(json)` restores it.
   * @example const saved = JSON.stringify(net); const copy = nn.load(saved);
   */
  toJSON(): ModuleJSON {
    if (!serializer) throw new Error("toJSON: import the engine through its index so serialisation is available");
    return serializer(this);
  }

  /**
   * What this layer is: its kind, settings, effect on the features and equation. Built-in layers say;
   * a module of your own is its class name, and its layers are its children.
   */
  describe(): LayerInfo {
    return { kind: this.constructor.name, config: {}, features: undefined };
  }

  /** PyTorch-style printout: the module tree with each layer's settings. */
  toString(): string {
    const children = this.namedChildren();
    const name = this.constructor.name;
    if (children.length === 0) return `${name}(${this.extraRepr()})`;
    const lines = children.map(([n, c]) => `  (${n}): ` + c.toString().split("\n").join("\n  "));
    return `${name}(\n${lines.join("\n")}\n)`;
  }
}

/** The sub-modules of `m` in order, for forward passes (Module's layerList(), without reading it through m's proxy). */
export function layersOf(m: Module): readonly Module[] {
  return memberCache(m).layers;
}

/** The members of `m`: a watched module's kept in memberCaches until a field changes, a built-in layer's read afresh. */
function memberCache(m: Module): MemberCache {
  const cached = memberCaches.get(m);
  if (cached !== undefined) return cached;
  const self = m as unknown as Record<string, unknown>;
  const members: [string, Module | ParameterTensor][] = [];
  // An array of modules can change without any field being set: a module holding one is not cached; nor is a
  // built-in layer, which is not watched, so its fields are read each time (members() is not on its hot path).
  const names = registered(m);
  let cacheable = names !== undefined;
  for (const key of names ?? Object.keys(m)) {
    const v = self[key];
    if (v instanceof Module || v instanceof ParameterTensor) members.push([key, v]);
    else if (Array.isArray(v)) {
      cacheable = false;
      v.forEach((m, i) => m instanceof Module && members.push([`${key}.${i}`, m]));
    }
  }
  const cache = { members, layers: members.filter((m) => m[1] instanceof Module).map(([, m]) => m as Module) };
  if (cacheable) memberCaches.set(m, cache);
  return cache;
}

export interface Module {
  /**
   * Calls `forward`, as PyTorch's `model(x)` and `loss_fn(pred, y)` do: `net(x)` is `net.forward(x)`.
   * @example const pred = net(x); const loss = lossFn(pred, y);
   */
  (...inputs: Parameters<this["forward"]>): ReturnType<this["forward"]>;
}
