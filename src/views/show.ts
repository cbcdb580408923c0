import type { Dataset, History, Tensor } from "../engine";
import { display } from "./displaySink";
import { lossItems, type LossOptions, type LossSource } from "./lossView";
import { tensorItems } from "./tensorView";
import { summaryItems, type SummaryOptions } from "./summaryView";
import { activationItems } from "./activationView";
import { activationsItems } from "./activationsView";
import { mathItems } from "./mathView";
import { tableItems } from "./tableView";
import { weightsItems, type WeightsOptions } from "./weightsView";
import { gradientsItems, type GradientsOptions } from "./gradientsView";
import { networkItems } from "./networkView";
import type { nn } from "../engine";
import { heatmapItems, type HeatmapOptions } from "./charts/heatmap";
import { histItems, type HistOptions } from "./charts/hist";
import { plotItems, type PlotOptions, type PlotSeries } from "./charts/plot";
import { scatterItems, type ScatterOptions } from "./charts/scatter";
import type { Values } from "./charts/values";
import { graphItems } from "./graph/graphView";
import type { GraphOptions } from "./graph/graphOptions";
import { backpropItems } from "./backprop/backpropView";
import { boundaryItems, type BoundaryOptions } from "./model/boundary";
import { fitItems } from "./model/fit";
import { confusionItems } from "./model/confusion";
import { imagesItems, type ImagesOptions, type WrongImagesOptions } from "./model/images";
import { pytorchItems } from "./pytorchView";
import type { SampleOptions } from "../export/sampleInput";

/** A view without options given some anyway: said, not ignored. */
function noOptions(fn: string, given: number): void {
  if (given > 2) throw new TypeError(`${fn} takes a model and a dataset, and no options`);
}

/** The inspection views: each puts one rich output into the running cell. */
export const show = {
  /**
   * Loss curves: "is it learning?". Takes the losses of a loop, a training history, or several of
   * them to compare.
   * @example show.loss(losses, { log: true })
   */
  loss(sources: LossSource | LossSource[], options?: LossOptions): void {
    display(lossItems(sources, options));
  },

  /**
   * What a model is: its layers, output shapes, parameter counts (the total matches PyTorch's) and
   * each layer's equation. `{ inputSize }` (batch first, as torchinfo's `input_size`) or `{ input }` runs the
   * model once and shows the shape each layer gave, as a CNN's need.
   * @example show.summary(cnn, { inputSize: [1, 1, 8, 8] })
   */
  summary(model: nn.Module, options?: SummaryOptions): void {
    display(summaryItems(model, options));
  },

  /**
   * A tensor as a matrix, values tinted on one diverging scale centred on 0.
   * @example show.tensor(net[0].weight)
   */
  tensor(t: Tensor): void {
    display(tensorItems(t));
  },

  /**
   * One activation function and its derivative on one chart, as the engine computes them (the derivative
   * by autograd), with both formulas beside it. One of "relu", "leakyRelu", "sigmoid", "tanh", "gelu",
   * "silu", "step".
   * @example show.activation("sigmoid") // the derivative peaks at 0.25, at z = 0
   */
  activation(name: "relu" | "leakyRelu" | "sigmoid" | "tanh" | "gelu" | "silu" | "step"): void {
    display(activationItems(name));
  },

  /**
   * Are units dead or saturated? The distribution of every layer's outputs for inputs `x` (a tensor of rows
   * or a Dataset; at most 1,000 rows, evenly spread), in eval mode, input layer first, with dead ReLUs and
   * saturated sigmoid or tanh outputs counted and written out. The model is left as it was.
   * @example show.activations(net, xor.x)
   */
  activations(model: nn.Module, x: Tensor | Dataset): void {
    display(activationsItems(model, x));
  },

  /**
   * TeX typeset as display math (KaTeX). In a string literal a backslash is written twice.
   * @example show.math("\\sigma(z) = \\frac{1}{1 + e^{-z}}")
   */
  math(tex: string): void {
    display(mathItems(tex));
  },

  /**
   * Rows as a table: objects (a column per key, in the order keys first appear) or arrays (a column per
   * position). Numbers are shown to 3 significant digits; the first 1,000 rows are shown.
   * @example show.table([{ epoch: 1, loss: 0.52 }, { epoch: 2, loss: 0.31 }])
   */
  table(rows: readonly Record<string, unknown>[] | readonly (readonly unknown[])[]): void {
    display(tableItems(rows));
  },

  /**
   * Lines against x, as matplotlib's `plot`: `ys` is one series, a list of them, a 2-D tensor (a series
   * per column) or `{ name: values }`. A long series is drawn from its lows and highs, 2,000 points.
   * @example const xs = linspace(-3, 3, 100); show.plot(xs, { tanh: xs.tanh(), sigmoid: xs.sigmoid() }, { title: "Activations" })
   */
  plot(x: Values, ys: PlotSeries, options?: PlotOptions): void {
    display(plotItems(x, ys, options));
  },

  /**
   * Points at (x, y); `color` gives a value per point: class indices colour by class (named by `labels`),
   * other values on a colour scale.
   * @example show.scatter(x1, x2, { color: y, labels: ["no", "yes"] })
   */
  scatter(x: Values, y: Values, options?: ScatterOptions): void {
    display(scatterItems(x, y, options));
  },

  /**
   * How values are distributed: counts in equal-width bins (default by Sturges' rule).
   * @example show.hist(net[0].weight.flatten(), { bins: 30 })
   */
  hist(values: Values, options?: HistOptions): void {
    display(histItems(values, options));
  },

  /**
   * A 2-D tensor as colours, rows top to bottom: signed values on the diverging scale centred on 0,
   * others on a sequential one; each value on hover.
   * @example show.heatmap(net[0].weight, { xLabel: "input", yLabel: "unit" })
   */
  heatmap(t: Tensor | number[][], options?: HeatmapOptions): void {
    display(heatmapItems(t, options));
  },

  /**
   * The autograd graph behind a tensor, inputs left and the tensor right: every tensor with its shape, and
   * the op that made it (`linear`, `sigmoid`, `mse_loss`). Click a tensor for its values and gradient. A tensor
   * does not know the names it has in a model: pass `{ model }` to name parameters as `namedParameters()` does
   * ("0.weight"), and `{ names }` to name tensors of your own; the rest are t0, t1, …. A graph of more than
   * 120 tensors is cut to the 120 nearest the tensor, and says so.
   * @example const loss = nn.MSELoss().forward(net.forward(xor.x), xor.y); loss.backward(); show.graph(loss, { model: net, names: { x: xor.x, y: xor.y } })
   */
  graph(tensor: Tensor, options?: GraphOptions): void {
    display(graphItems(tensor, options));
  },

  /**
   * One forward and one backward pass, laid out step by step: z = W a + b and a = f(z) per layer, the loss,
   * then δ = ∂L/∂z, ∂L/∂W = δ aᵀ and ∂L/∂b = δ, each formula with the real numbers in; "next" / "previous"
   * (or the arrow keys) walk through them. Follows one example: the first row of x and of y. The model is
   * an nn.Sequential of Linear layers (at most 8 units) each followed by at most one activation; the loss
   * is MSELoss, BCELoss, BCEWithLogitsLoss or CrossEntropyLoss. It computes on copies of the weights, with
   * the engine's autograd: the model's weights and gradients are left as they were.
   * @example show.backprop(net, xor.x, xor.y, nn.MSELoss())
   */
  backprop(model: nn.Module, x: Tensor, y: Tensor | number[], loss: nn.Module): void {
    display(backpropItems(model, x, y, loss));
  },

  /**
   * What each layer learned, and how it moved: a heatmap per weight matrix, rows = output units, columns =
   * inputs (PyTorch's [out, in]), its bias as a strip beside it, all on one scale centred on 0. From a
   * history, a slider and play through the recorded epochs, and on hover the change since the previous one.
   * `layer` picks one layer by its name in namedParameters(): "0" or "0.weight".
   * @example show.weights(run) // the history train() returned; show.weights(net, { layer: "2" })
   */
  weights(source: nn.Module | History, options?: WeightsOptions): void {
    display(weightsItems(source, options));
  },

  /**
   * Gradient flow, "does the signal reach the first layer?": each weight matrix's mean (solid) and max
   * (dashed) |∂L/∂W| over the recorded epochs on a log axis, and per layer from input to output at the last
   * one. A sentence under the chart names a vanishing or exploding layer and its likely cause; give
   * `{ model }` for a model of your own, so the cause can name its activations.
   * @example show.gradients(run)
   */
  gradients(history: History, options?: GradientsOptions): void {
    display(gradientsItems(history, options));
  },

  /**
   * Neurons and connections, as TensorFlow Playground draws them: a column of units per Linear layer, input on
   * the left, each labelled with its activation; edge colour = the weight's sign, width = |w|, a unit filled
   * by its bias, on one scale. The weight and bias on hover. A layer wider than 64 units shows its first 24.
   * @example show.network(net)
   */
  network(model: nn.Module): void {
    display(networkItems(model));
  },

  /**
   * What a 2-input classifier learned: its output on a grid over the data (probability of class 1 between
   * the two class colours, or each cell in its predicted class's colour, paler where less sure) behind the
   * points, the misclassified ones ringed, accuracy in the title. Computed in eval mode, without a graph.
   * @example show.boundary(net, data.moons())
   */
  boundary(model: nn.Module, dataset: Dataset, options?: BoundaryOptions): void {
    display(boundaryItems(model, dataset, options));
  },

  /**
   * A 1-input regression against its data: the points and the model's curve over their range, with the
   * mean squared error in the title. Computed in eval mode, without a graph.
   * @example show.fit(net, data.sine())
   */
  fit(model: nn.Module, dataset: Dataset): void {
    noOptions("show.fit", arguments.length);
    display(fitItems(model, dataset));
  },

  /**
   * A classifier's confusion matrix on a data set: rows the true class, columns the predicted one, each
   * cell's count and its share of the row; accuracy in the title, each class's recall and precision in the
   * text. Computed in eval mode, without a graph.
   * @example show.confusion(net, test)
   */
  confusion(model: nn.Module, dataset: Dataset): void {
    noOptions("show.confusion", arguments.length);
    display(confusionItems(model, dataset));
  },

  /**
   * Images (digits) in a grid, each with its label: a Dataset of images, or a tensor [N, H, W] (or [N, H·W]
   * with a square H·W). With a model first, each with its prediction, wrong ones marked; `{ wrong: true }`
   * shows only those. The first 16 unless `count` says (at most 100).
   * @example show.images(data.digits(), { count: 24 }); show.images(net, test, { wrong: true })
   */
  images: ((source: Dataset | Tensor | nn.Module, second?: Dataset | ImagesOptions, third?: WrongImagesOptions): void => {
    display(imagesItems(source, second, third));
  }) as {
    (images: Dataset | Tensor, options?: ImagesOptions): void;
    (model: nn.Module, dataset: Dataset, options?: WrongImagesOptions): void;
  },

  /**
   * The model as PyTorch code, to read and copy: what `exportPyTorch` writes — `nn.Sequential`, or your class
   * with the same attribute names and its forward written down by following it on a sample input (`inputShape`
   * or `input`, read off the first layer when it tells), and `load()` for the weights beside it.
   * @example show.pytorch(net); show.pytorch(cnn, { inputShape: [1, 1, 8, 8] })
   */
  pytorch(model: nn.Module, options?: SampleOptions): void {
    display(pytorchItems(model, options));
  },
};
