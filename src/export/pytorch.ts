// The model as a readable PyTorch file: the same torch.nn.Module (its class, or nn.Sequential, with the same
// attribute names, so state_dict keys match), a load() that reads the weights nnbook saved beside it with
// PyTorch alone, and, run as a script, the model's outputs for a sample input next to nnbook's own.
import { Tensor } from "../engine/tensor";
import { Module } from "../engine/nn/module";
import { stateKey } from "../engine/nn/stateDict";
import { builtInKind } from "../engine/nn/serialize";
import { customParts } from "../engine/nn/customModule";
import { noGrad } from "../engine/autograd";
import { cat } from "../engine/ops/join";
import { traceForward, type ModuleTrace } from "./trace";
import { pythonForward } from "./pythonForward";
import { HELPERS, pythonLayer } from "./pythonLayers";
import { sampleInput, type SampleOptions } from "./sampleInput";
import { assignAttribute, className, isIdentifier, literal, number } from "./python";

/** The first line of every file the export writes: how a file of ours is told from one of the user's. */
export const PYTHON_MARK = "# Written by nnbook";

export interface PyTorchCode {
  /** The whole file. */
  code: string;
  /** The sample input the script runs, and nnbook's output for it. */
  input: Tensor[];
  output: unknown;
}

/**
 * The PyTorch code of `model` that reads its weights from `weights` beside it; `what` begins its errors. The
 * options are checked by the caller.
 */
export function pytorchCode(model: Module, options: SampleOptions, what: string, weights: string): PyTorchCode {
  if (!(model instanceof Module)) throw new TypeError(`${what}: expected a model (an nn.Module), not ${model === null ? "null" : typeof model}`);
  const hasCustom = model.modules().some((m) => builtInKind(m) === undefined);
  const input = sampleInput(model, options, what);
  // A model of the user's own is followed on the sample; a built-in one runs it too, for the output beside the code.
  const { forwards, output } = hasCustom ? traceForward(model, input, what) : { forwards: new Map<Module, ModuleTrace>(), output: noGrad(() => evalOutput(model, input)) };
  const finalOutput = hasCustom ? noGrad(() => evalOutput(model, input)) : output;

  const classes = new ClassWriter(forwards, what, hasCustom ? twinForwards(model, input, what) : new Map());
  const root = classes.expression(model, model.constructor.name);
  const helpers = [...classes.helpers].map((h) => HELPERS[h]);
  const lines = [
    `${PYTHON_MARK} from a model of the notebook: the same network in PyTorch.`,
    `# load() rebuilds it with the weights saved beside it in ${weights}, read with PyTorch alone.`,
    ...(hasCustom ? ["# forward was written down by following it on a sample input, as torch.jit.trace does:", "# its branches and loops are those that input took; a size that grew with the batch is read from the input."] : []),
    "import json",
    "import os",
    "",
    "import torch",
    "from torch import nn",
    "import torch.nn.functional as F",
    "",
    ...[...helpers, ...classes.definitions].flatMap((d) => ["", d, ""]),
    "",
    "def build():",
    `    """The model, with freshly initialised weights."""`,
    `    return ${root.split("\n").join("\n    ")}`,
    "",
    "",
    READER,
    "",
    "",
    `def load(path=os.path.join(os.path.dirname(os.path.abspath(__file__)), ${JSON.stringify(weights)})):`,
    `    """The model in eval mode with the weights nnbook saved."""`,
    "    model = build()",
    "    model.load_state_dict(read_safetensors(path))",
    "    return model.eval()",
    "",
    "",
    "def sample_input():",
    `    """The input nnbook ran the model on when it wrote this file."""`,
    `    return ${input.map(inputCode).join(", ")}`,
    "",
    "",
    'if __name__ == "__main__":',
    "    model = load()",
    "    with torch.no_grad():",
    `        output = model(${input.length > 1 ? "*sample_input()" : "sample_input()"})`,
    "    print(output)",
    `    # nnbook gave: ${outputText(finalOutput)}`,
    "",
  ];
  return { code: lines.join("\n").replace(/\n{4,}/g, "\n\n\n"), input, output: finalOutput };
}

/**
 * The forwards followed again on the sample with one more row in its first dim, to tell which numbers follow the
 * batch; none when the model does not take that input.
 */
function twinForwards(model: Module, input: Tensor[], what: string): Map<Module, ModuleTrace> {
  if (input.some((t) => t.ndim === 0 || t.shape[0] === 0)) return new Map();
  const grown = input.map((t) => cat([t, t.narrow(0, 0, 1)], 0));
  try {
    return traceForward(model, grown, what).forwards;
  } catch {
    return new Map();
  }
}

function evalOutput(model: Module, input: Tensor[]): unknown {
  const modes = model.modules().map((m): [Module, boolean] => [m, m.training]);
  model.eval();
  try {
    return (model as unknown as (...a: unknown[]) => unknown)(...input);
  } finally {
    for (const [m, mode] of modes) m.training = mode;
  }
}

/** The sample as Python: the short formula it was made with, or its values when it was given. */
function inputCode(t: Tensor): string {
  const n = t.numel(), d = t.data;
  const shape = `.reshape(${t.shape.join(", ")})`;
  const count = n > 0 ? Math.max(...Array.from(d.slice(0, 64))) + 1 : 1;
  if (n > 0 && d.every((v, i) => v === i % count)) return `(torch.arange(${n}) % ${count})${shape}`;
  if (d.every((v, i) => v === ((i % 17) - 8) / 8)) return `((torch.arange(${n}) % 17 - 8) / 8)${shape}`;
  return `torch.tensor(${literal(t.tolist())}, dtype=torch.float32)`;
}

/** An output in one line, rounded as a person compares it with PyTorch's print. */
function outputText(v: unknown): string {
  if (v instanceof Tensor) {
    const values = Array.from(v.data.slice(0, 8), (x) => number(Number(x.toPrecision(6))));
    return `tensor of shape [${v.shape.join(", ")}] starting ${values.join(", ")}${v.numel() > 8 ? ", …" : ""}`;
  }
  if (Array.isArray(v)) return `(${v.map(outputText).join("; ")})`;
  return String(v);
}

/** The classes of the user's own in the file: one per distinct definition, named after the JavaScript class. */
class ClassWriter {
  readonly definitions: string[] = [];
  readonly helpers = new Set<string>();
  private readonly byText = new Map<string, string>();
  private readonly usedNames = new Set<string>();

  constructor(private readonly forwards: Map<Module, ModuleTrace>, private readonly what: string, private readonly twins: Map<Module, ModuleTrace>) {}

  /** The Python expression that makes `m`: a built-in layer's constructor, or `Name()` of a class written here. */
  expression(m: Module, where: string): string {
    const kind = builtInKind(m);
    if (kind === "Step" || kind === "Perceptron") this.helpers.add(kind);
    const layer = pythonLayer(m, (name, sub) => this.expression(sub, `${where}.${name}`));
    if (layer !== undefined) return layer;
    return `${this.define(m, where)}()`;
  }

  private define(m: Module, where: string): string {
    const parts = customParts(m, where);
    const init: string[] = [];
    for (const [key, value] of Object.entries(parts.fields)) {
      const field = (m as unknown as Record<string, unknown>)[key];
      init.push(assignAttribute(stateKey(key), field instanceof Tensor ? `torch.tensor(${literal(field.tolist())}, dtype=torch.float32)` : literal(field === undefined ? null : value)));
    }
    const children = new Map(m.namedChildren());
    const params = new Map(parts.parameters.map(([key, shape, grad]) => [key, { shape, grad }]));
    for (const key of parts.members) {
      const name = stateKey(key);
      const child = children.get(key);
      if (child) init.push(assignAttribute(name, this.expression(child, `${where}.${key}`)));
      else if (params.has(key)) {
        const { shape, grad } = params.get(key)!;
        init.push(assignAttribute(name, `nn.Parameter(torch.empty(${shape.join(", ")})${grad ? "" : ", requires_grad=False"})`));
      } else {
        const items = [...children].filter(([n]) => n.startsWith(`${key}.`)).map(([n, c]) => `    ${this.expression(c, `${where}.${n}`).split("\n").join("\n    ")},`);
        init.push(assignAttribute(name, `nn.ModuleList([\n${items.join("\n")}\n])`));
      }
    }
    for (const [key, shape] of parts.buffers) init.push(`self.register_buffer(${JSON.stringify(stateKey(key))}, torch.empty(${shape.join(", ")}))`);

    const trace = this.forwards.get(m);
    const parameters = forwardParameters(m, trace?.inputs.length ?? 1);
    const body = trace
      ? pythonForward(trace, { what: this.what, where, parameters }, this.twins.get(m))
      : [`raise NotImplementedError("nnbook did not see this module's forward run on the sample input, so it could not write it down")`];
    const lines = (name: string) =>
      [
        `class ${name}(nn.Module):`,
        "    def __init__(self):",
        "        super().__init__()",
        ...init.map((l) => `        ${l.split("\n").join("\n        ")}`),
        "",
        `    def forward(${["self", ...parameters].join(", ")}):`,
        ...body.map((l) => `        ${l}`),
      ].join("\n");
    const base = className(m.constructor.name);
    const text = lines("\u0000");
    const known = this.byText.get(text);
    if (known) return known;
    let name = base;
    for (let i = 2; this.usedNames.has(name) || HELPERS[name]; i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    this.byText.set(text, name);
    this.definitions.push(lines(name));
    return name;
  }
}

/** The names of a forward's parameters as the user wrote them (read from its source), else x, x1, … */
export function forwardParameters(m: Module, count: number): string[] {
  const source = Function.prototype.toString.call((m as unknown as { forward: unknown }).forward);
  const list = /^[^(]*\(([^)]*)\)/.exec(source)?.[1] ?? "";
  const names = list.split(",").map((p) => p.trim().replace(/[=:].*$/, "").trim()).filter(Boolean);
  const usable = names.length >= count && names.every((n) => isIdentifier(n) && !n.startsWith("..."));
  return usable ? names.slice(0, Math.max(count, 1)) : Array.from({ length: Math.max(count, 1) }, (_, i) => (i === 0 ? "x" : `x${i}`));
}

const READER = `_DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
}


def read_safetensors(path):
    """The tensors of a safetensors file by name, read with PyTorch alone (as safetensors.torch.load_file)."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + n])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        raw = data[8 + n + begin:8 + n + end]
        flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors`;
