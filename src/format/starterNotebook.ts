// What "nnbook: New Notebook" opens: a notebook that runs as it is and shows a network learning.

const DOCS = "https://github.com/nnbook/nnbook/blob/main/docs/cell-language.md";
const EXAMPLES = "https://github.com/nnbook/nnbook/tree/main/examples";

/** The starter: a small network learns two half-moons, with its loss and its decision boundary drawn as it trains. */
export const STARTER: { kind: "markdown" | "code"; source: string }[] = [
  {
    kind: "markdown",
    source: [
      "# A first neural network",
      "",
      "Cells are TypeScript shaped like PyTorch. Run them one by one with **Shift+Enter**, or all with **Run All**",
      "above. A network with one hidden layer learns to tell two interleaved half-moons apart, and you watch it learn.",
      "",
      `The cell language: [docs/cell-language.md](${DOCS}). More notebooks: [examples](${EXAMPLES}), and a course from`,
      "one neuron to deep networks: **nnbook: Open Course** in the command palette.",
    ].join("\n"),
  },
  {
    kind: "code",
    source: ["manualSeed(0);", "const moons = data.moons({ n: 200, noise: 0.15 });", "moons"].join("\n"),
  },
  {
    kind: "markdown",
    source: [
      "Two inputs, 16 hidden units with ReLU, one output: the probability of class 1, $\\hat y = \\sigma(W_2\\,\\mathrm{relu}(W_1 x + b_1) + b_2)$.",
    ].join("\n"),
  },
  {
    kind: "code",
    source: ["const net = nn.Sequential(", "  nn.Linear(2, 16), nn.ReLU(),", "  nn.Linear(16, 1), nn.Sigmoid(),", ");", "show.summary(net)"].join("\n"),
  },
  {
    kind: "markdown",
    source: [
      "Training lowers the binary cross-entropy $L = -\\frac{1}{n}\\sum_i \\left[y_i \\log \\hat y_i + (1 - y_i) \\log (1 - \\hat y_i)\\right]$",
      "with Adam. The loss curve and the decision boundary are redrawn while it runs; the stop button ends training",
      "and keeps the model as it stands.",
    ].join("\n"),
  },
  {
    kind: "code",
    source: [
      "const run = await train(net, moons, {",
      "  loss: nn.BCELoss(),",
      "  optimizer: optim.Adam(net.parameters(), { lr: 0.03 }),",
      "  epochs: 300,",
      '  live: ["loss", "boundary"],',
      "});",
    ].join("\n"),
  },
  {
    kind: "code",
    source: ["show.activations(net, moons.x)"].join("\n"),
  },
];
