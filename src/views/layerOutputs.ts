import { noGrad, nn, Tensor } from "../engine";

/** One layer's output, as the model computed it in its own forward. */
export interface LayerOutput {
  name: string;
  module: nn.Module;
  output: Tensor;
}

/** One layer's result, whatever its forward returns (a recurrent layer's `[output, h]`). */
export interface LayerResult {
  name: string;
  module: nn.Module;
  result: unknown;
}

/** Parameters a module holds itself, not through its sublayers (MultiheadAttention's inProjWeight). */
export function ownParameterCount(m: nn.Module): number {
  return m.numParameters() - m.children().reduce((n, c) => n + c.numParameters(), 0);
}

/**
 * A layer the views look at: a module without sublayers, or one with parameters of its own beside them
 * (MultiheadAttention and its outProj).
 */
export function isLayer(m: nn.Module): boolean {
  return m.namedChildren().length === 0 || ownParameterCount(m) > 0;
}

/**
 * Every layer's tensor output for `x`, as `layerResults` finds them; of a layer that returns several (a
 * recurrent layer's `[output, h]`, attention's `[output, weights]`), the first, its output.
 */
export function layerOutputs(model: nn.Module, x: Tensor): LayerOutput[] {
  return layerResults(model, x).flatMap(({ name, module, result }) => {
    const output = Array.isArray(result) ? result[0] : result;
    return output instanceof Tensor ? [{ name, module, output }] : [];
  });
}

/**
 * Every layer's (`isLayer`) result for `x`, in the order the model's forward calls them, in eval mode and without
 * a graph. Each one's `forward` is wrapped on the instance for the one call, so a model of the user's own
 * (`class Net extends nn.Module`) is seen inside as a Sequential is; the model is left as it was.
 */
export function layerResults(model: nn.Module, x: Tensor): LayerResult[] {
  const leaves = model.namedModules().filter(([, m]) => isLayer(m));
  const outputs: LayerResult[] = [];
  const restore: (() => void)[] = [];
  for (const [name, module] of leaves) {
    const own = Object.getOwnPropertyDescriptor(module, "forward");
    const original = module.forward;
    module.forward = (...inputs: unknown[]) => {
      // Listed in the order the calls begin, so a layer comes before the sublayers it calls.
      const entry: LayerResult = { name, module, result: undefined };
      outputs.push(entry);
      entry.result = original.apply(module, inputs);
      return entry.result;
    };
    restore.push(() => (own ? Object.defineProperty(module, "forward", own) : delete (module as { forward?: unknown }).forward));
  }
  const modes = model.namedModules().map(([, m]) => m.training);
  model.eval();
  try {
    noGrad(() => model.forward(x));
  } finally {
    restore.forEach((undo) => undo());
    model.namedModules().forEach(([, m], i) => (m.training = modes[i]));
  }
  return outputs;
}
