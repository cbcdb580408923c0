/** The equation of each built-in layer in TeX, by class name, with the layer's own sizes where known. */
export function layerEquation(type: string, layer: Record<string, unknown>): string | undefined {
  switch (type) {
    case "Linear":
      return `\\mathbf{z} = W\\mathbf{x}${layer.bias ? " + \\mathbf{b}" : ""},\\quad W \\in \\mathbb{R}^{${layer.outFeatures}\\times${layer.inFeatures}}`;
    case "ReLU":
      return "a = \\max(0, z)";
    case "LeakyReLU":
      return `a = \\begin{cases} z & z > 0 \\\\ ${layer.alpha ?? 0.01}\\,z & z \\le 0 \\end{cases}`;
    case "Sigmoid":
      return "a = \\sigma(z) = \\frac{1}{1 + e^{-z}}";
    case "Tanh":
      return "a = \\tanh(z)";
    case "GELU":
      return "a = z\\,\\Phi(z)";
    case "SiLU":
      return "a = z\\,\\sigma(z)";
    case "Step":
      return "a = \\begin{cases} 1 & z \\ge 0 \\\\ 0 & z < 0 \\end{cases}";
    case "Softmax":
      return "a_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}";
    case "Dropout":
      return `a = \\frac{m \\odot z}{1 - p},\\quad m_i \\sim \\mathrm{Bernoulli}(1 - p),\\; p = ${layer.p}`;
    case "BatchNorm1d":
      return "a = \\gamma\\,\\frac{z - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}} + \\beta";
    default:
      return undefined;
  }
}
