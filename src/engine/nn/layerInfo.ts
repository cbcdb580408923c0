/**
 * What a layer is, said once by the layer itself: its kind, its settings, how it changes the features of a
 * [N, F] input, and its equation. The summary, serialisation, training snapshots and the network diagram
 * all read this instead of guessing from class names or fields.
 */
export interface LayerInfo {
  /**
   * The kind, as PyTorch names it ("Linear", "ReLU"): stable under minification, unlike a class name.
   * A module class of the user's own is its class name.
   */
  kind: string;
  /** The settings it is rebuilt from (sizes, rates), plain JSON. */
  config: Record<string, number | boolean | string | null>;
  /**
   * Output features for `features` input features: a number it fixes itself (Linear's outFeatures),
   * `"same"` for a layer that keeps the shape (activations), or undefined when it cannot say.
   */
  features: number | "same" | undefined;
  /** Its equation in TeX, with its own sizes. */
  equation?: string;
  /** The elementwise function it applies, for views that look for dead or saturated units. */
  activation?: "relu" | "leakyRelu" | "sigmoid" | "tanh" | "gelu" | "silu" | "step" | "softmax";
}
