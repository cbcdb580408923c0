import { Tensor } from "../tensor";
import { zeroFill } from "../storage";
import { checkOptions, describe, requireOptions, type OptionKind } from "../options";

/** One parameter group (PyTorch's `param_groups[i]`): its tensors, its lr and its other hyperparameters. */
export interface ParamGroup {
  /** The tensors this group updates. */
  params: Tensor[];
  /** This group's learning rate; schedulers and `optimizer.lr = …` change it. */
  lr: number;
  /** The lr when the first scheduler was attached (PyTorch's `initial_lr`); schedulers start from it. */
  initialLr?: number;
}

/** A parameter group as given to an optimizer: `{ params, lr?, … }`, any hyperparameter overriding the options. */
export type ParamGroupSpec<O> = { params: Iterable<Tensor> | Tensor } & O;

/** What an optimizer takes: the tensors (`net.parameters()`), or param groups `[{ params, lr? }, …]`. */
export type Params<O = {}> = Iterable<Tensor> | readonly ParamGroupSpec<O>[];

/**
 * What every optimizer shares (PyTorch's `torch.optim.Optimizer`): `paramGroups`, `lr`, `defaults`, `state`,
 * `step()` and `zeroGrad()`. `G` is one group: `params`, `lr` and the optimizer's hyperparameters.
 */
export abstract class Optimizer<G extends ParamGroup = ParamGroup, S = unknown> {
  /** PyTorch's `param_groups`: each `{ params, lr, … }`. Changing `group.lr` (or any hyperparameter) changes that group's steps. */
  readonly paramGroups: G[];
  /** The hyperparameters every group starts from (PyTorch's `defaults`): the options over the optimizer's defaults. */
  readonly defaults: Omit<G, "params" | "lr" | "initialLr"> & { lr?: number };
  /** Per-tensor running state (momentum buffers, moment estimates, step counts), made on the first step that uses it. */
  readonly state = new Map<Tensor, S>();

  protected constructor(
    /** The name used in messages (`SGD`, `Adam`, …). */
    protected readonly name: string,
    params: Params<object>,
    options: object | undefined,
    kinds: Record<string, OptionKind>,
    defaults: Omit<G, "params" | "lr" | "initialLr"> & { lr?: number },
  ) {
    const given = definedOnly(checkOptions(name, options as Record<string, unknown> | undefined, kinds));
    // Keys in PyTorch's order: params, lr, then the rest.
    const all: Record<string, unknown> = { lr: undefined, ...defaults, ...given };
    if (all.lr === undefined) delete all.lr;
    this.defaults = all as this["defaults"];
    this.paramGroups = toGroups(name, params, kinds).map((spec) => ({ params: undefined, lr: undefined, ...all, ...spec }) as unknown as G);
    if (this.paramGroups.some((g) => g.lr === undefined)) requireOptions(name, options, { lr: "0.1" });
    this.paramGroups.forEach((g, i) => this.checkGroup(g, this.paramGroups.length > 1 ? `${name}: param group ${i}:` : `${name}:`));
  }

  /** Throws when a group's hyperparameters do not go together (e.g. nesterov without momentum); `where` starts the message. */
  protected checkGroup(_group: G, _where: string): void {}

  /**
   * Update every parameter that has a gradient, using its `.grad` and its group's hyperparameters (PyTorch's
   * `step(closure=None)`): given a closure that recomputes the loss (zeroGrad, forward, backward), it is called first
   * and its loss returned.
   */
  step<L = undefined>(closure?: () => L): L | undefined {
    if (closure !== undefined && typeof closure !== "function") {
      throw new TypeError(`${this.name}.step: the argument must be a closure that recomputes the loss, e.g. () => { opt.zeroGrad(); const l = loss(); l.backward(); return l; }, not ${describe(closure)}`);
    }
    const loss = closure?.();
    this.update();
    return loss;
  }

  /** One update of every parameter that has a gradient; each optimizer's own rule. */
  protected abstract update(): void;

  /** Every tensor of every group, in order. */
  get params(): Tensor[] {
    return this.paramGroups.flatMap((g) => g.params);
  }

  /** The learning rate of the first group; setting it sets every group's (schedulers set each group's own). */
  get lr(): number {
    return this.paramGroups[0].lr;
  }

  set lr(value: number) {
    if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(`${this.name}: lr must be a number ≥ 0, not ${describe(value)}`);
    }
    for (const g of this.paramGroups) g.lr = value;
  }

  /**
   * Clear every parameter's gradient before the next `backward()` (PyTorch's `zero_grad`). As PyTorch 1.13's default
   * (`set_to_none=False`), each `.grad` is set to zeros in place, so it stays readable as a tensor; with
   * `{ setToNone: true }` it becomes null, as PyTorch 2's default. Either way step() then changes nothing
   * unless backward() runs, except through weight decay and momentum, exactly as in PyTorch.
   */
  zeroGrad(options?: { setToNone?: boolean }): void {
    const setToNone = options === undefined ? false : (checkOptions(`${this.name}.zeroGrad`, options, { setToNone: "boolean" }).setToNone ?? false);
    // Called every step: the groups are walked as they are, with no list made.
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (setToNone) p.grad = null;
        else if (p.grad !== null) zeroFill(p.grad.data);
      }
    }
  }

  /** This tensor's state, made by `init` the first time. */
  protected stateOf(p: Tensor, init: () => S): S {
    let s = this.state.get(p);
    if (s === undefined) this.state.set(p, (s = init()));
    return s;
  }

  /** The settings, e.g. `SGD(lr=0.1, momentum=0.9, dampening=0, nesterov=false, weightDecay=0, maximize=false; 4 parameters)`. */
  toString(): string {
    const show = (g: G): string => {
      const settings = Object.entries(g)
        .filter(([k, v]) => k !== "initialLr" && (typeof v === "number" || typeof v === "boolean" || (Array.isArray(v) && v.every((x) => typeof x === "number"))))
        .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(", ")}]` : v}`);
      return `${settings.join(", ")}; ${g.params.length} parameter${g.params.length === 1 ? "" : "s"}`;
    };
    const groups = this.paramGroups;
    return `${this.name}(${groups.length === 1 ? show(groups[0]) : groups.map((g, i) => `group ${i}: ${show(g)}`).join(" | ")})`;
  }
}

function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The groups as `{ params: Tensor[], …given hyperparameters }`, each tensor checked, none in two places. */
function toGroups(name: string, params: Params<object>, kinds: Record<string, OptionKind>): Record<string, unknown>[] {
  const usage = `pass net.parameters(), a list of tensors, or param groups [{ params, lr }]`;
  if (params instanceof Tensor) throw new TypeError(`${name}: params must be a list of tensors, not one tensor; wrap it: optim.${name}([w], …)`);
  if (params === null || typeof params !== "object" || typeof (params as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new TypeError(`${name}: params must be a list of tensors, not ${describe(params)}; ${usage}`);
  }
  const items = [...(params as Iterable<unknown>)];
  if (items.length === 0) throw new Error(`${name}: got an empty list of parameters; ${usage}`);
  const seen = new Map<Tensor, string>();
  const take = (t: unknown, where: string): Tensor => {
    if (!(t instanceof Tensor)) throw new TypeError(`${name}: ${where} must be a tensor, not ${describe(t)}; ${usage}`);
    if (!t.requiresGrad) throw new TypeError(`${name}: ${where} does not require grad, so it would never change; make it with { requiresGrad: true } or leave it out, e.g. net.parameters().filter((p) => p.requiresGrad)`);
    if (!t.isLeaf) throw new TypeError(`${name}: ${where} is not a leaf tensor (it was computed by ${t.gradFn?.name}); optimize the tensors you made, e.g. net.parameters()`);
    const before = seen.get(t);
    if (before !== undefined) throw new Error(`${name}: ${where} is the same tensor as ${before}; give each tensor once`);
    seen.set(t, where);
    return t;
  };
  if (items.every((t) => t instanceof Tensor)) return [{ params: items.map((t, i) => take(t, `params[${i}]`)) }];
  if (!items.some((t) => t instanceof Tensor)) {
    return items.map((spec, i) => {
      const where = `param group ${i}`;
      if (spec === null || typeof spec !== "object" || !("params" in spec)) {
        throw new TypeError(`${name}: ${where} must be an object { params, lr? }, not ${describe(spec)}; ${usage}`);
      }
      const { params: ps, ...rest } = checkOptions(`${name}: ${where}`, spec as Record<string, unknown>, { params: "checked", ...kinds });
      const list = ps instanceof Tensor ? [ps] : ps !== null && typeof ps === "object" && Symbol.iterator in ps ? [...(ps as Iterable<unknown>)] : null;
      if (list === null) throw new TypeError(`${name}: ${where}: params must be a list of tensors, not ${describe(ps)}`);
      if (list.length === 0) throw new Error(`${name}: ${where} has an empty list of parameters`);
      return { params: list.map((t, j) => take(t, `${where} params[${j}]`)), ...definedOnly(rest) };
    });
  }
  const bad = items.findIndex((t) => !(t instanceof Tensor));
  throw new TypeError(`${name}: params[${bad}] must be a tensor like the others, not ${describe(items[bad])}; ${usage}`);
}
