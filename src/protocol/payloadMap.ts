// Which payload each view mime carries: the one map the builders (src/views) and the renderers both type
// against, so a builder cannot put one view's payload under another's mime, and every mime has a reader and
// a view that draw that payload.
import type { ActivationsPayload } from "./activationsPayload";
import type { BackpropPayload } from "./backpropPayload";
import { storedBoundary, type BoundaryPayload } from "./boundaryPayload";
import type { GradientsPayload } from "./gradientsPayload";
import type { GraphPayload } from "./graphPayload";
import type { ImagesPayload } from "./imagesPayload";
import type { ChartPayload } from "./chartPayloads";
import type { ConfusionPayload } from "./confusionPayload";
import type { FitPayload } from "./fitPayload";
import type { LossPayload } from "./lossPayload";
import type { NetworkPayload } from "./networkPayload";
import { Mime } from "./mimes";
import type { OutputItem } from "./outputs";
import type { ActivationPayload, CodePayload, DatasetPayload, MathPayload, SummaryPayload, TablePayload, TensorPayload } from "./payloads";
import { storedWeights, type WeightsPayload } from "./weightsPayload";

export interface Payloads {
  [Mime.tensor]: TensorPayload;
  [Mime.loss]: LossPayload;
  [Mime.dataset]: DatasetPayload;
  [Mime.summary]: SummaryPayload;
  [Mime.activation]: ActivationPayload;
  [Mime.activations]: ActivationsPayload;
  [Mime.math]: MathPayload;
  [Mime.table]: TablePayload;
  [Mime.chart]: ChartPayload;
  [Mime.graph]: GraphPayload;
  [Mime.backprop]: BackpropPayload;
  [Mime.weights]: WeightsPayload;
  [Mime.gradients]: GradientsPayload;
  [Mime.network]: NetworkPayload;
  [Mime.boundary]: BoundaryPayload;
  [Mime.fit]: FitPayload;
  [Mime.confusion]: ConfusionPayload;
  [Mime.images]: ImagesPayload;
  [Mime.code]: CodePayload;
}

/** A mime one of nnbook's views draws. */
export type ViewMime = keyof Payloads;

/** How a view whose payload holds grids stores it: packed, as its reader unpacks it (`read/packed.ts`). */
const STORED: { [M in ViewMime]?: (payload: Payloads[M]) => unknown } = {
  [Mime.boundary]: storedBoundary,
  [Mime.weights]: storedWeights,
};

/** An output item of a view, its payload checked against its mime and stored as its output keeps it. */
export function viewItem<M extends ViewMime>(mime: M, data: Payloads[M]): OutputItem {
  const stored = STORED[mime] as ((payload: Payloads[M]) => unknown) | undefined;
  return { mime, data: stored ? stored(data) : data };
}
