import { nn } from "../engine";
import { closestName } from "./closestName";

/** An activation the view can draw: its layer (which computes it) and its derivative in TeX. */
export interface ActivationChoice {
  name: string;
  layer: nn.Module;
  derivativeTex: string;
}

const CASES = (positive: string, rest: string) => `\\frac{da}{dz} = \\begin{cases} ${positive} & z > 0 \\\\ ${rest} & z \\le 0 \\end{cases}`;

/** The elementwise activations by the engine's names; each layer says its own equation. */
const CHOICES: readonly (() => ActivationChoice)[] = [
  () => ({ name: "relu", layer: nn.ReLU(), derivativeTex: CASES("1", "0") }),
  () => ({ name: "leakyRelu", layer: nn.LeakyReLU(), derivativeTex: CASES("1", "0.01") }),
  () => ({ name: "sigmoid", layer: nn.Sigmoid(), derivativeTex: "\\frac{da}{dz} = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr)" }),
  () => ({ name: "tanh", layer: nn.Tanh(), derivativeTex: "\\frac{da}{dz} = 1 - \\tanh^2(z)" }),
  () => ({ name: "gelu", layer: nn.GELU(), derivativeTex: "\\frac{da}{dz} = \\Phi(z) + z\\,\\varphi(z)" }),
  () => ({ name: "silu", layer: nn.SiLU(), derivativeTex: "\\frac{da}{dz} = \\sigma(z)\\,\\bigl(1 + z\\,(1 - \\sigma(z))\\bigr)" }),
  // The engine's step passes no gradient, even at 0: that is why a perceptron is not trained by backprop.
  () => ({ name: "step", layer: nn.Step(), derivativeTex: "\\frac{da}{dz} = 0" }),
];

export const ACTIVATION_NAMES = ["relu", "leakyRelu", "sigmoid", "tanh", "gelu", "silu", "step"] as const;

/**
 * The activation called `name`, by the engine's name or the layer's ("leakyRelu", "LeakyReLU"), in any
 * case. Softmax is refused: each of its outputs depends on the whole row, so it has no curve.
 */
export function chooseActivation(name: unknown): ActivationChoice {
  const list = ACTIVATION_NAMES.map((n) => `"${n}"`).join(", ");
  if (typeof name !== "string") throw new TypeError(`show.activation: name must be a string, one of ${list}; such as show.activation("tanh")`);
  const key = name.replace(/[\s_-]/g, "").toLowerCase();
  if (key === "softmax") {
    throw new TypeError(
      `show.activation: softmax is not elementwise (each output depends on every value of its row), so it has no curve of one variable; show.activation draws one of ${list}`,
    );
  }
  const index = ACTIVATION_NAMES.findIndex((n) => n.toLowerCase() === key);
  if (index < 0) {
    const near = closestName(key, ACTIVATION_NAMES);
    const hint = near ? `did you mean show.activation("${near}")? ` : "";
    throw new TypeError(`show.activation: no activation is called ${JSON.stringify(name)}; ${hint}the activations are ${list}`);
  }
  return CHOICES[index]();
}
