import type { Activation } from "./network";

/** The activation's name as a function in TeX: σ, tanh, ReLU, … */
export function activationName(kind: Activation): string {
  return { relu: "\\operatorname{ReLU}", leakyRelu: "\\operatorname{LeakyReLU}", sigmoid: "\\sigma", tanh: "\\tanh", gelu: "\\operatorname{GELU}", silu: "\\operatorname{SiLU}", step: "\\operatorname{step}" }[kind];
}

/** f′(z) of layer `l` in terms of its own z and a, as the textbooks write it. */
export function derivativeTex(kind: Activation, l: number, alpha?: number): string {
  const z = `\\mathbf{z}^{[${l}]}`, a = `\\mathbf{a}^{[${l}]}`;
  switch (kind) {
    case "sigmoid":
      return `${a} \\odot (1 - ${a})`;
    case "tanh":
      return `1 - (${a})^{2}`;
    case "relu":
      return `\\mathbf{1}[${z} > 0]`;
    case "leakyRelu":
      return `\\mathbf{1}[${z} > 0] + ${alpha ?? 0.01}\\,\\mathbf{1}[${z} \\le 0]`;
    case "gelu":
      return `\\Phi(${z}) + ${z} \\odot \\varphi(${z})`;
    case "silu":
      return `\\sigma(${z}) \\odot \\big(1 + ${z} \\odot (1 - \\sigma(${z}))\\big)`;
    case "step":
      return "0";
  }
}
