// A traced forward written as the body of a PyTorch `forward`: one line per call, each tensor named after what
// made it (`fc1`, `relu`, `cat_1`, as torch.fx names them), in PyTorch's spelling of the same operation.
import { Tensor } from "../engine/tensor";
import { Module } from "../engine/nn/module";
import { stateKey } from "../engine/nn/stateDict";
import { ValuesIndices } from "../engine/ops/extremes";
import type { TracedCall } from "../engine/tracing";
import type { ModuleTrace } from "./trace";
import { attributePath, isIdentifier, keywords, literal, number, PyCode, snake } from "./python";

/** Constants a forward makes up itself are written into the code up to this many values. */
const MAX_CONSTANT = 4096;

/** What the code of one forward needs to know, and how its errors begin. */
export interface ForwardScope {
  what: string;
  /** The module, for errors: "Net", "Net.encoder". */
  where: string;
  /** The forward's parameter names, as the user wrote them. */
  parameters: string[];
}

/**
 * The lines of `def forward(self, …):` for `trace`, without indentation. `twin` is the same forward followed on an
 * input one larger in its first dim: a number that grows with it (`view(2, -1)` then `view(3, -1)`) is written as
 * the batch read from the input (`x.shape[0]`), so the code takes any batch.
 */
export function pythonForward(trace: ModuleTrace, scope: ForwardScope, twin?: ModuleTrace): string[] {
  const writer = new ForwardWriter(trace.module, scope);
  return writer.write(trace, twin);
}

/** `x.shape[0]` (times k) for a number that is k times the batch in both runs, else the number itself. */
function batchFollowing(a: unknown, b: unknown, batch: number, expr: string): unknown {
  if (typeof a === "number" && typeof b === "number") {
    if (a === b || a <= 0 || !Number.isInteger(a / batch)) return a;
    const k = a / batch;
    return b === k * (batch + 1) ? new PyCode(k === 1 ? expr : `${k} * ${expr}`) : a;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.map((v, i) => batchFollowing(v, b[i], batch, expr));
  if (typeof a === "object" && a !== null && Object.getPrototypeOf(a) === Object.prototype && typeof b === "object" && b !== null) {
    return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, batchFollowing(v, (b as Record<string, unknown>)[k], batch, expr)]));
  }
  return a;
}

class ForwardWriter {
  private readonly names = new Map<Tensor, string>();
  private readonly owned = new Map<Tensor, string>();
  private readonly modules = new Map<Module, string>();
  // Python's built-ins too: a local named max or slice would hide them.
  private readonly taken = new Set<string>(
    "self torch nn F json os abs all any bool dict filter float format id input int iter len list map max min next object pow print range repr round set slice sorted str sum tuple type zip".split(" "),
  );
  private readonly lines: string[] = [];

  constructor(module: Module, private readonly scope: ForwardScope) {
    for (const [key, t] of [...module.namedParameters(), ...module.namedBuffers()]) this.owned.set(t, attributePath("self", stateKey(key)));
    for (const [key, m] of module.namedModules()) this.modules.set(m, attributePath("self", stateKey(key)));
    for (const [key, value] of Object.entries(module)) if (value instanceof Tensor && !this.owned.has(value)) this.owned.set(value, attributePath("self", stateKey(key)));
  }

  write(trace: ModuleTrace, twin?: ModuleTrace): string[] {
    trace.inputs.forEach((input, i) => this.bind(input, this.scope.parameters[i]));
    const first = trace.inputs[0], grown = twin?.inputs[0];
    const aligned =
      twin !== undefined && first instanceof Tensor && grown instanceof Tensor && first.ndim > 0 && grown.shape[0] === first.shape[0] + 1 &&
      twin.calls.length === trace.calls.length && twin.calls.every((c, i) => c.name === trace.calls[i].name);
    trace.calls.forEach((call, i) => {
      const args = aligned ? (batchFollowing(call.args, twin!.calls[i].args, (first as Tensor).shape[0], `${this.scope.parameters[0]}.shape[0]`) as unknown[]) : call.args;
      const rhs = this.expression({ ...call, args });
      const name = this.fresh(this.nameOf(call));
      this.lines.push(`${name} = ${rhs}`);
      this.bind(call.output, name);
    });
    this.lines.push(`return ${this.value(trace.output, true)}`);
    return this.lines;
  }

  /** A new local name from `base`: `relu`, then `relu_1`, `relu_2`… */
  private fresh(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1") || "t";
    let name = isIdentifier(clean) ? clean : `${clean}_`;
    for (let i = 1; this.taken.has(name); i++) name = `${clean}_${i}`;
    this.taken.add(name);
    return name;
  }

  private nameOf(call: TracedCall): string {
    if (call.kind === "module") return (this.modules.get(call.self as Module) ?? "module").replace(/^self\.?/, "").replace(/\[(\d+)\]/g, "_$1").replace(/\./g, "_") || "module";
    return snake(call.name.replace(/^F\./, "")).replace(/^_/, "");
  }

  /** Names the tensors of an output: a tensor itself, or the parts of a list or of values-and-indices. */
  private bind(value: unknown, expr: string): void {
    if (value instanceof Tensor) {
      if (!this.names.has(value)) this.names.set(value, expr);
      this.taken.add(expr);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => this.bind(v, `${expr}[${i}]`));
    } else if (value instanceof ValuesIndices) {
      this.bind(value.values, `${expr}.values`);
      this.bind(value.indices, `${expr}.indices.float()`);
    }
  }

  /** A value as a Python expression; `tuple` writes a list as a tuple (a forward's return). */
  private value(v: unknown, tuple = false): string {
    if (v instanceof PyCode) return v.code;
    if (v instanceof Tensor) return this.tensor(v);
    if (v instanceof ValuesIndices) return `(${this.tensor(v.values)}, ${this.tensor(v.indices)})`;
    if (Array.isArray(v)) {
      const items = v.map((item) => this.value(item, tuple));
      return tuple ? `(${items.join(", ")}${items.length === 1 ? "," : ""})` : `[${items.join(", ")}]`;
    }
    if (typeof v === "number") return number(v);
    if (v instanceof Module) return this.modules.get(v) ?? this.fail(`passes a module that is not one of its own (${v.constructor.name})`);
    if (typeof v === "object" && v !== null) {
      if (Object.getPrototypeOf(v) !== Object.prototype) this.fail(`passes a ${v.constructor.name}, which the export does not write down`);
      return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${this.value(x)}`).join(", ")}}`;
    }
    return literal(v);
  }

  private tensor(t: Tensor): string {
    const known = this.names.get(t) ?? this.owned.get(t);
    if (known) return known;
    if (t.gradFn) {
      this.fail(
        `uses a tensor made by ${t.gradFn.name} in a way the export does not follow: it writes down tensor methods, the functions of ` +
          "F and torch (cat, stack, where, zeros…), and layers, called in forward",
      );
    }
    if (t.numel() > MAX_CONSTANT) {
      this.fail(`uses a tensor of ${t.shape.join("×")} values that is neither its input nor a parameter or buffer; make it a buffer (this.registerBuffer("name", t)) so it is saved`);
    }
    return `torch.tensor(${literal(t.tolist())}, dtype=torch.float32)`;
  }

  private fail(why: string): never {
    throw new Error(`${this.scope.what}: ${this.scope.where}.forward ${why}`);
  }

  /** Positional arguments (trailing undefined dropped) and the keywords of a final options object. */
  private arguments(args: unknown[], rename: Record<string, string> = {}): string {
    const list = [...args];
    while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
    let options: Record<string, unknown> = {};
    const last = list[list.length - 1];
    if (typeof last === "object" && last !== null && Object.getPrototypeOf(last) === Object.prototype) options = list.pop() as Record<string, unknown>;
    const named = Object.fromEntries(Object.entries(options).map(([k, v]) => [rename[k] ?? k, v]));
    return [...list.map((a) => this.value(a)), ...keywords(named, (v) => this.value(v))].join(", ");
  }

  private expression(call: TracedCall): string {
    if (call.kind === "module") return this.moduleCall(call);
    if (call.kind === "method") return this.method(this.tensor(call.self as Tensor), call.self as Tensor, call.name, call.args);
    return this.function(call.name, call.args);
  }

  private moduleCall(call: TracedCall): string {
    const m = call.self as Module;
    const path = this.modules.get(m) ?? this.fail(`calls a ${m.constructor.name} that is not one of its own modules`);
    if (call.name === "Embedding") return `${path}(${this.value(call.args[0])}.long())`;
    if (call.name === "MultiheadAttention") {
      const [q, k, v, options] = call.args as [unknown, unknown, unknown, Record<string, unknown> | undefined];
      const o = { ...(options ?? {}) };
      // PyTorch takes its masks as bool where nnbook takes 0/1 (or -inf added, for a float attn_mask).
      const mask = (t: unknown) => (t instanceof Tensor ? `${this.tensor(t)}.bool()` : undefined);
      const extra = keywords({ keyPaddingMask: o.keyPaddingMask, needWeights: o.needWeights, averageAttnWeights: o.averageAttnWeights, isCausal: o.isCausal }, (x) => (x instanceof Tensor ? mask(x)! : this.value(x)));
      if (o.attnMask instanceof Tensor) extra.push(`attn_mask=${this.tensor(o.attnMask)}`);
      return `${path}(${[this.value(q), this.value(k), this.value(v), ...extra].join(", ")})`;
    }
    return `${path}(${this.arguments(call.args)})`;
  }

  private method(self: string, t: Tensor, name: string, args: unknown[]): string {
    const a = (i: number) => this.value(args[i]);
    switch (name) {
      case "T":
        return t.ndim <= 2 ? `${self}.T` : `${self}.permute(${t.shape.map((_, i) => t.ndim - 1 - i).join(", ")})`;
      case "eq": case "ne": case "lt": case "le": case "gt": case "ge":
        return `${self}.${name}(${a(0)}).float()`;
      case "argmax": case "argmin":
        return `${self}.${name}(${this.arguments(args)}).float()`;
      case "gelu":
        return `F.gelu(${self})`;
      case "silu":
        return `F.silu(${self})`;
      case "leakyRelu":
        return `F.leaky_relu(${self}, ${args[0] === undefined ? "0.01" : a(0)})`;
      case "step":
        return `(${self} >= 0).float()`;
      case "softmax": case "logSoftmax":
        return `${self}.${snake(name)}(${args[0] === undefined ? "-1" : a(0)})`;
      case "long":
        return `${self}.long().float()`;
      case "view":
        // The engine's view also takes a tensor that is not contiguous (copying it), as PyTorch's reshape does.
        return `${self}.reshape(${this.arguments(args)})`;
      case "at":
        return `${self}[${a(0)}]`;
      case "index":
        return args[0] instanceof Tensor ? `${self}[${a(0)}.long()]` : `${self}[${a(0)}]`;
      case "slice": {
        const dim = (args[0] as number) < 0 ? (args[0] as number) + t.ndim : (args[0] as number);
        const [start, end, step] = [args[1], args[2], args[3]].map((v) => (v === undefined || v === null ? "" : this.value(v)));
        return `${self}[${":, ".repeat(dim)}${start}:${end}${step && step !== "1" ? `:${step}` : ""}]`;
      }
      case "max": case "min":
        return args[0] instanceof Tensor ? `torch.${name === "max" ? "maximum" : "minimum"}(${self}, ${a(0)})` : `${self}.${name}(${this.arguments(args)})`;
      default:
        return `${self}.${snake(name)}(${this.arguments(args)})`;
    }
  }

  private function(name: string, args: unknown[]): string {
    const creationOptions = (o: unknown) => {
      const { requiresGrad, seed, ...rest } = (typeof o === "object" && o !== null ? o : {}) as { requiresGrad?: boolean; seed?: number };
      if (seed !== undefined) this.fail(`calls ${name} with a seed of its own, which PyTorch's ${name} has no argument for; draw it outside forward`);
      if (Object.keys(rest).length > 0) this.fail(`calls ${name} with options the export does not know (${Object.keys(rest).join(", ")})`);
      return requiresGrad ? ["requires_grad=True"] : [];
    };
    const shapeCall = (fn: string) => {
      const last = args[args.length - 1];
      const hasOptions = typeof last === "object" && last !== null && !Array.isArray(last);
      const dims = hasOptions ? args.slice(0, -1) : args;
      return `torch.${fn}(${[...dims.map((d) => this.value(d)), ...creationOptions(hasOptions ? last : undefined)].join(", ")})`;
    };
    switch (name) {
      case "zeros": case "ones": case "rand": case "randn":
        return shapeCall(name);
      case "full":
        return `torch.full(${[this.value(args[0]), this.value(args[1]), ...creationOptions(args[2])].join(", ")})`;
      case "zerosLike": case "onesLike": case "randnLike": case "randLike":
        return `torch.${snake(name)}(${[this.value(args[0]), ...creationOptions(args[1])].join(", ")})`;
      case "eye":
        return `torch.eye(${[this.value(args[0]), this.value(args[1] ?? args[0]), ...creationOptions(args[2])].join(", ")})`;
      case "arange": {
        const [start, end, step] = args as [number, number | undefined, number];
        const bounds = end === undefined ? [0, start, step] : [start, end, step];
        return `torch.arange(${bounds.map((v) => this.value(v)).join(", ")}, ${["dtype=torch.float32", ...creationOptions(args[3])].join(", ")})`;
      }
      case "linspace":
        return `torch.linspace(${[this.value(args[0]), this.value(args[1]), this.value(args[2]), ...creationOptions(args[3])].join(", ")})`;
      case "cat": case "stack":
        return `torch.${name}(${this.value(args[0])}, ${this.value(args[1] ?? 0)})`;
      case "where": {
        const side = (v: unknown) => (v instanceof Tensor ? this.tensor(v) : `torch.tensor(${this.value(v)})`);
        return `torch.where(${this.value(args[0])}.bool(), ${side(args[1])}, ${side(args[2])})`;
      }
      case "F.leakyRelu":
        return `F.leaky_relu(${this.value(args[0])}, ${args[1] === undefined ? "0.01" : this.value(args[1])})`;
      case "F.elu":
        return `F.elu(${this.value(args[0])}, ${args[1] === undefined ? "1.0" : this.value(args[1])})`;
      case "F.gelu": case "F.softplus": case "F.linear": case "F.pad": case "F.conv2d": case "F.maxPool2d": case "F.avgPool2d":
        return `F.${snake(name.slice(2))}(${this.arguments(args)})`;
      case "F.dropout": {
        const [x, p, training] = args as [unknown, number | undefined, boolean];
        return `F.dropout(${this.value(x)}, ${number(p ?? 0.5)}, ${training ? "True" : "self.training"})`;
      }
      case "F.oneHot":
        return `F.one_hot(${this.value(args[0])}.long(), ${this.value(args[1] ?? -1)}).float()`;
    }
    return this.fail(`calls ${name}, which the export does not write down yet`);
  }
}
