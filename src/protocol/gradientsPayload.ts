/**
 * `application/vnd.nnbook.gradients+json`: gradient flow through a training run. For each weight matrix, in
 * the model's order (input layer first), mean and max |∂L/∂W| at every recorded epoch, and the verdict in
 * words: a vanishing or exploding layer named with its likely cause, or that the signal reaches every layer.
 */
export interface GradientsPayload {
  version: 1;
  title: string;
  /** The recorded epochs that have gradients. */
  epochs: number[];
  layers: GradientLayer[];
  /** One or more sentences: what the chart shows, as the view and the text fallback say it. */
  verdict: string;
  /** The layers the verdict flags, for the view to mark. */
  flags: { layer: string; kind: "vanishing" | "exploding" }[];
}

export interface GradientLayer {
  /** The weight's name in `namedParameters()`: "0.weight". */
  name: string;
  /** Its layer's name ("0"), what the chart labels it by. */
  layer: string;
  /** Per epoch of `epochs`, mean |∂L/∂W| and max |∂L/∂W| over the matrix; non-finite as `jsonNumber` writes them. */
  mean: (number | string)[];
  max: (number | string)[];
}
