import { Tensor } from "./tensor";
import { fmt } from "./shape";
import { alloc, allocKept, beginWalkArrays, copyOf, endWalkArrays } from "./storage";
import { WALK_GRAD, WALK_MARK, WALK_OWNED } from "./walkState";

/**
 * Given the gradient of the output, the gradients of each input (null where none is needed). `into` holds, for
 * an input that is a leaf with a `.grad` already, that gradient's array: an op may add its gradient into it in
 * place and return that very array (a weight's gradient then needs no array of its own and no second pass to
 * add it); any other array returned is added as usual.
 */
export type BackwardFn = (grad: Float32Array, into: readonly (Float32Array | null)[]) => (Float32Array | null)[];

/**
 * The op that produced a tensor (PyTorch's `grad_fn`): its name, its inputs, and the
 * closure that maps the output gradient to input gradients. `backward` becomes null once
 * the graph is freed by a `backward()` call, which releases the arrays the closure saved.
 */
export interface GradFn {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  backward: BackwardFn | null;
  /** The inputs' data versions when the op ran (see `changedInPlace`); null while no in-place write has happened, all 0. */
  readonly versions: readonly number[] | null;
  /** Whether `backward` adds into the `into` arrays it is given (record's `addsInto`). */
  readonly addsInto: boolean;
}

/**
 * How many times in-place ops have written each storage (a buffer, so views of one tensor share it), as
 * PyTorch's version counters: an op that recorded a graph notes its inputs' versions, and backward()
 * refuses to use values that were changed since. Unlike PyTorch it does not know which inputs an op
 * saved, so it refuses a change to any of them.
 */
const versions = new WeakMap<ArrayBufferLike, number>();
/** Until the first in-place write every version is 0, and ops need not look any up. */
let anyWritten = false;

/** Note that `data` (and every view of its storage) was written in place. */
export function changedInPlace(data: Float32Array): void {
  anyWritten = true;
  versions.set(data.buffer, (versions.get(data.buffer) ?? 0) + 1);
}

function versionOf(t: Tensor): number {
  return versions.get(t.data.buffer) ?? 0;
}

let gradEnabled = true;

/** Whether ops currently record the autograd graph (false inside `noGrad`). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Run `fn` without recording the autograd graph, like `with torch.no_grad():`.
 * Use it for evaluation and for updating weights by hand. `fn` must be synchronous.
 * @example const pred = noGrad(() => net.forward(x));
 */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/**
 * Wrap an op's result in a tensor and, when any input needs a gradient, remember how to
 * differentiate it. Every op ends with this call. `addsInto`: backward adds its gradients into the
 * `into` arrays where it is given them (and returns those), so a leaf without a `.grad` is given a
 * zeroed one to add into.
 */
export function record(name: string, data: Float32Array, shape: number[], inputs: Tensor[], backward: BackwardFn, addsInto = false): Tensor {
  const out = new Tensor(data, shape);
  if (gradEnabled && anyRequiresGrad(inputs)) {
    out.requiresGrad = true;
    out.gradFn = { name, inputs, backward, versions: anyWritten ? inputs.map(versionOf) : null, addsInto };
  }
  return out;
}

/** Numbers each backward() walk, so a tensor's marks tell whether this walk has seen it (no Set per call). */
let walk = 0;
const NO_INPUTS: readonly Tensor[] = [];

function anyRequiresGrad(inputs: readonly Tensor[]): boolean {
  for (let i = 0; i < inputs.length; i++) if (inputs[i].requiresGrad) return true;
  return false;
}

// The depth-first walk's stack and the order it finds, kept from one backward() to the next (walks do not
// nest) and emptied after each, so that they keep no tensor alive: a small network's step makes a dozen
// tensors, and new arrays for them cost as much as finding their order.
const path: (Tensor | null)[] = [], nextInput: number[] = [], walkOrder: (Tensor | null)[] = [];

/**
 * Puts the tensors reachable from `root` through inputs that need gradients into walkOrder, each before its
 * consumers, and returns how many: read backwards, every tensor comes after all the tensors computed from it.
 */
function topoOrder(root: Tensor, mark: number): number {
  let count = 0;
  // Depth-first, with the next input to visit of each node on the path kept beside it.
  let depth = 0;
  path[0] = root;
  nextInput[0] = 0;
  root[WALK_MARK] = mark;
  try {
    while (depth >= 0) {
      const top = path[depth]!;
      const fn = top.gradFn;
      if (fn && fn.backward === null) {
        throw new Error(
          "backward: the graph behind this tensor was already freed by an earlier backward(). " +
            "Run the forward pass again before calling backward(), or call backward(null, { retainGraph: true }) the first time.",
        );
      }
      const inputs = fn ? fn.inputs : NO_INPUTS;
      const i = nextInput[depth];
      if (i < inputs.length) {
        nextInput[depth] = i + 1;
        const next = inputs[i];
        if (next.requiresGrad && next[WALK_MARK] !== mark) {
          next[WALK_MARK] = mark;
          path[++depth] = next;
          nextInput[depth] = 0;
        }
      } else {
        walkOrder[count++] = top;
        path[depth--] = null;
      }
    }
  } catch (error) {
    path.fill(null);
    walkOrder.fill(null);
    throw error;
  }
  return count;
}

/** Indices of the inputs that leafGrads gave a new zero `.grad`, for the backward call about to run: the first `lentCount`. */
const lent: number[] = [];
let lentCount = 0;
/** The `into` of an op none of whose inputs is a leaf that needs a gradient: every entry is missing (null). */
const NO_INTO: readonly (Float32Array | null)[] = [];

/**
 * The `into` of a backward call: each input's `.grad` array where it is a leaf (first place only), unless
 * that array is the gradient coming in (t.backward(w.grad)), which an op may hand on as it is. A leaf
 * without a `.grad` is given a zeroed one (listed in `lent`) when the op adds into them (`lend`), so that
 * its first gradient too is added straight into it rather than into an array of the walk's that is then
 * copied; `takeBack` undoes that where the op did not use it.
 */
function leafGrads(inputs: readonly Tensor[], g: Float32Array, lend: boolean): readonly (Float32Array | null)[] {
  lentCount = 0;
  let leaves = false;
  for (let i = 0; i < inputs.length; i++) if (inputs[i].gradFn === null && inputs[i].requiresGrad) leaves = true;
  if (!leaves) return NO_INTO;
  const out: (Float32Array | null)[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i];
    if (x.gradFn !== null || !x.requiresGrad || inputs.indexOf(x) !== i) {
      out.push(null);
      continue;
    }
    if (x.grad === null) {
      if (!lend) {
        out.push(null);
        continue;
      }
      x.grad = new Tensor(allocKept(x.numel()), x.shape.slice());
      lent[lentCount++] = i;
    }
    const own = x.grad.data;
    out.push(own !== g ? own : null);
  }
  return out;
}

/** The `.grad`s that leafGrads lent and the op did not add into (it returned another array, or none, or threw) go back to null. */
function takeBack(inputs: readonly Tensor[], into: readonly (Float32Array | null)[], inputGrads: readonly (Float32Array | null)[] | null): void {
  for (let l = 0; l < lentCount; l++) {
    const i = lent[l];
    if (inputGrads === null || inputGrads[i] !== into[i]) inputs[i].grad = null;
  }
  lentCount = 0;
}

function accumulateGrad(t: Tensor, g: Float32Array): void {
  if (t.grad === null) t.grad = new Tensor(copyOf(g, true), t.shape.slice());
  else {
    const d = t.grad.data;
    for (let i = 0; i < d.length; i++) d[i] += g[i];
  }
}

/** Reverse-mode differentiation from `root`: walk the graph in reverse topological order. */
export function runBackward(root: Tensor, gradient: Tensor | null, retainGraph: boolean): void {
  if (!root.requiresGrad) {
    throw new Error(
      "backward: this tensor does not require grad: none of the tensors it was computed from has requiresGrad: true, or it was computed inside noGrad",
    );
  }
  let seed: Float32Array;
  if (gradient === null) {
    if (root.numel() !== 1) {
      throw new Error(
        `backward: can only be called on a scalar (one element), but this tensor has shape ${fmt(root.shape)}; ` +
          "reduce it first, e.g. loss.mean().backward(), or pass the gradient: t.backward(gradient)",
      );
    }
    seed = alloc(1);
    seed[0] = 1;
  } else {
    if (gradient.numel() !== root.numel()) {
      throw new Error(`backward: gradient has shape ${fmt(gradient.shape)} but the tensor has shape ${fmt(root.shape)}`);
    }
    seed = gradient.data;
  }
  // Every array the walk allocates is its own and dead once it is through (the gradients it keeps
  // in .grad are copies), so they are reused (storage.ts).
  // No op's backward runs user code, so a walk never starts inside another; the kept arrays rely on it.
  if (walking) throw new Error("backward: called while another backward() is running");
  walking = true;
  const arrays = beginWalkArrays();
  const order = walkOrder;
  let count = 0, done = false;
  try {
    count = topoOrder(root, ++walk);
    // Each tensor's gradient so far rides on the tensor during the walk (WALK_GRAD); WALK_OWNED says
    // it is an array of this walk's own, which may be added into in place.
    root[WALK_GRAD] = seed;
    root[WALK_OWNED] = false;
    for (let k = count - 1; k >= 0; k--) {
      const t = order[k]!;
      const g = t[WALK_GRAD];
      if (g === null) continue;
      t[WALK_GRAD] = null;
      const fn = t.gradFn;
      if (fn === null || t.retainsGrad) accumulateGrad(t, g);
      if (fn === null) continue;
      checkVersions(fn);
      const into = leafGrads(fn.inputs, g, fn.addsInto);
      let inputGrads: (Float32Array | null)[];
      try {
        inputGrads = fn.backward!(g, into);
      } catch (error) {
        takeBack(fn.inputs, into, null);
        throw error;
      }
      takeBack(fn.inputs, into, inputGrads);
      if (!retainGraph) fn.backward = null;
      for (let i = 0; i < fn.inputs.length; i++) {
        const x = fn.inputs[i], gx = inputGrads[i];
        if (!x.requiresGrad || !gx || gx === into[i]) continue; // added into .grad already
        const prev = x[WALK_GRAD];
        if (prev === null) {
          x[WALK_GRAD] = gx;
          x[WALK_OWNED] = false;
        } else {
          // The first gradient may be shared with another tensor: copy it before adding in place.
          const acc = x[WALK_OWNED] ? prev : copyOf(prev);
          for (let j = 0; j < acc.length; j++) acc[j] += gx[j];
          x[WALK_GRAD] = acc;
          x[WALK_OWNED] = true;
        }
      }
    }
    done = true;
  } finally {
    // A walk that failed part-way leaves no gradient behind for the next, and its arrays to the garbage collector.
    for (let k = 0; k < count; k++) {
      order[k]![WALK_GRAD] = null;
      order[k] = null;
    }
    endWalkArrays(arrays, done);
    walking = false;
  }
}

/** Whether a backward() walk is running (see runBackward). */
let walking = false;

function checkVersions(fn: GradFn): void {
  if (!anyWritten) return;
  fn.inputs.forEach((x, i) => {
    if (versionOf(x) === (fn.versions?.[i] ?? 0)) return;
    throw new Error(
      `backward: input ${i} of ${fn.name} (shape ${fmt(x.shape)}) was changed by an in-place op after ${fn.name} used it, so its gradient would be wrong ` +
        "(PyTorch: \"one of the variables needed for gradient computation has been modified by an inplace operation\"). " +
        "Change it only after backward(), or use the out-of-place op (y = x.add(…) rather than x.add_(…)) and run the forward pass again",
    );
  });
}
