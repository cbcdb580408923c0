// Follows a model's forward pass on a sample input, as torch.jit.trace does, to write it down for PyTorch and
// ONNX: each module of the user's own gets the list of calls its forward made — tensor methods, functions,
// built-in layers — each at the outermost level. While it runs, Tensor's methods and the layers' forwards are
// wrapped; they are restored afterwards whatever happens, and the model's modes and weights are left as they were.
import { Tensor } from "../engine/tensor";
import { Module } from "../engine/nn/module";
import { builtInClasses, builtInKind } from "../engine/nn/serialize";
import { setCallSink, type CallSink, type TracedCall } from "../engine/tracing";
import { isGradEnabled } from "../engine/autograd";

/** The forward of one module of the user's own, as followed. */
export interface ModuleTrace {
  module: Module;
  inputs: unknown[];
  calls: TracedCall[];
  output: unknown;
}

/** What a trace found: the forward of each module of the user's own that ran, and the model's output. */
export interface Trace {
  forwards: Map<Module, ModuleTrace>;
  /** The calls made outside every module of the user's own: the model's own, when it is a built-in one. */
  top: ModuleTrace;
  output: unknown;
}

/** Tensor methods that make tensors, which a forward may call. */
export const TENSOR_METHODS = [
  "abs", "add", "argmax", "argmin", "at", "chunk", "clamp", "clone", "cos", "detach", "div", "dot", "eq", "exp", "expand",
  "flatten", "float", "ge", "gelu", "gt", "index", "le", "leakyRelu", "log", "logSoftmax", "long", "lt", "matmul", "max",
  "maximum", "mean", "min", "minimum", "mm", "mul", "mv", "narrow", "ne", "neg", "norm", "permute", "pow", "prod", "relu",
  "repeat", "reshape", "select", "sigmoid", "sign", "silu", "sin", "slice", "softmax", "split", "sqrt", "square", "squeeze",
  "std", "step", "sub", "sum", "tanh", "transpose", "unsqueeze", "var", "view",
] as const;

type Restore = () => void;

/**
 * Runs `model(...inputs)` in eval mode and records what its forward does. Built-in layers are one call each,
 * except the classes in `open`, whose work is recorded call by call as a forward of the user's own would be
 * (a Sequential's layers, or attention as the ops it is made of).
 */
export function traceForward(model: Module, inputs: unknown[], what: string, open: ReadonlySet<Function> = new Set()): Trace {
  const forwards = new Map<Module, ModuleTrace>();
  const stack: ModuleTrace[] = [];
  // Calls made outside every module of the user's own (a built-in model) are not code anyone reads.
  const top: ModuleTrace = { module: model, inputs, calls: [], output: undefined };
  const sink: CallSink = { depth: 0, record: (call) => (stack.at(-1) ?? top).calls.push(call) };
  const restores: Restore[] = [];
  const modes = model.modules().map((m): [Module, boolean] => [m, m.training]);
  if (!isGradEnabled()) throw new Error(`${what}: follows the forward pass with gradients on; call it outside noGrad`);
  try {
    for (const name of TENSOR_METHODS) restores.push(wrapMethod(Tensor.prototype as unknown as Record<string, unknown>, name, sink));
    restores.push(wrapGetter(sink, "T"));
    const members = new Set(model.modules());
    for (const cls of builtInClasses()) if (!open.has(cls)) restores.push(wrapLeaf(cls.prototype as unknown as Record<string, unknown>, cls, sink, members));
    for (const owner of customForwardOwners(model, what)) restores.push(wrapCustom(owner, sink, stack, forwards));
    model.eval();
    setCallSink(sink);
    const output = (model as unknown as (...a: unknown[]) => unknown)(...inputs);
    top.output = output;
    return { forwards, top, output };
  } finally {
    setCallSink(null);
    for (const restore of restores.reverse()) restore();
    for (const [m, mode] of modes) m.training = mode;
  }
}

/** The prototypes that hold the forward of each module of the user's own. */
function customForwardOwners(model: Module, what: string): Set<object> {
  const owners = new Set<object>();
  const builtIns = new Set<object>(builtInClasses().map((c) => c.prototype));
  for (const [name, m] of model.namedModules()) {
    if (builtInKind(m) !== undefined) continue;
    let owner: object | null = Object.getPrototypeOf(m);
    while (owner && !Object.prototype.hasOwnProperty.call(owner, "forward")) owner = Object.getPrototypeOf(owner);
    if (!owner || owner === Module.prototype) throw new Error(`${what}: ${name || m.constructor.name} (${m.constructor.name}) has no forward`);
    if (builtIns.has(owner)) {
      throw new Error(`${what}: ${name || "the model"} is a ${m.constructor.name}, a subclass of a built-in layer that keeps its forward; write its own forward, or use the built-in layer itself`);
    }
    owners.add(owner);
  }
  return owners;
}

function wrapMethod(proto: Record<string, unknown>, name: string, sink: CallSink): Restore {
  const original = proto[name] as (...a: unknown[]) => unknown;
  proto[name] = function (this: unknown, ...args: unknown[]) {
    if (sink.depth > 0) return original.apply(this, args);
    sink.depth++;
    let output: unknown;
    try {
      output = original.apply(this, args);
    } finally {
      sink.depth--;
    }
    sink.record({ kind: "method", name, self: this, args, output });
    return output;
  };
  return () => {
    proto[name] = original;
  };
}

function wrapGetter(sink: CallSink, name: string): Restore {
  const proto = Tensor.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
  const get = descriptor.get!;
  Object.defineProperty(proto, name, {
    ...descriptor,
    get(this: Tensor) {
      if (sink.depth > 0) return get.call(this);
      sink.depth++;
      let output: unknown;
      try {
        output = get.call(this);
      } finally {
        sink.depth--;
      }
      sink.record({ kind: "method", name, self: this, args: [], output });
      return output;
    },
  });
  return () => Object.defineProperty(proto, name, descriptor);
}

/**
 * A built-in layer of the model called from a forward of the user's own is one call: `self.fc1(h)`. One made on the
 * way (a loss inside F.mseLoss) is not the model's: its work is not recorded, so what it made is not followed.
 */
function wrapLeaf(proto: Record<string, unknown>, cls: abstract new (...args: any[]) => Module, sink: CallSink, members: Set<Module>): Restore {
  // A layer may inherit its forward (BatchNorm1d from a base of both batch norms): the wrapper is its own.
  const own = Object.prototype.hasOwnProperty.call(proto, "forward");
  const original = proto.forward as (...a: unknown[]) => unknown;
  proto.forward = function (this: Module, ...args: unknown[]) {
    if (sink.depth > 0 || this.constructor !== cls) return original.apply(this, args);
    if (!members.has(this)) {
      sink.depth++;
      try {
        return original.apply(this, args);
      } finally {
        sink.depth--;
      }
    }
    sink.depth++;
    let output: unknown;
    try {
      output = original.apply(this, args);
    } finally {
      sink.depth--;
    }
    sink.record({ kind: "module", name: cls.name, self: this, args, output });
    return output;
  };
  return () => {
    if (own) proto.forward = original;
    else delete proto.forward;
  };
}

/** A forward of the user's own: its calls are its own trace (also inside a built-in Sequential), and one call where it was called. */
function wrapCustom(owner: object, sink: CallSink, stack: ModuleTrace[], forwards: Map<Module, ModuleTrace>): Restore {
  const proto = owner as Record<string, unknown>;
  const original = proto.forward as (...a: unknown[]) => unknown;
  proto.forward = function (this: Module, ...args: unknown[]) {
    // A subclass's forward calling super.forward: the call is the subclass's, the inner one part of it.
    if (stack.at(-1)?.module === this) return original.apply(this, args);
    const outer = sink.depth;
    const trace: ModuleTrace = { module: this, inputs: args, calls: [], output: undefined };
    sink.depth = 0;
    stack.push(trace);
    let output: unknown;
    try {
      output = original.apply(this, args);
    } finally {
      stack.pop();
      sink.depth = outer;
    }
    trace.output = output;
    if (!forwards.has(this)) forwards.set(this, trace);
    if (outer === 0) sink.record({ kind: "module", name: this.constructor.name, self: this, args, output });
    return output;
  };
  return () => {
    proto.forward = original;
  };
}
