import { Tensor } from "../engine";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import { jsonNumber, type TensorPayload } from "../protocol/payloads";

/** Values past this are summarised rather than sent: the view shows a tensor's corners anyway. */
export const MAX_SENT_VALUES = 10_000;

/** A tensor as the matrix view plus PyTorch's own text form. */
export function tensorItems(t: Tensor): OutputItem[] {
  return [
    { mime: Mime.tensor, data: tensorPayload(t) },
    { mime: Mime.text, data: t.toString() },
  ];
}

export function tensorPayload(t: Tensor): TensorPayload {
  const values = t.data;
  const payload: TensorPayload = {
    version: 1,
    shape: [...t.shape],
    data: Array.from(values.subarray(0, MAX_SENT_VALUES), jsonNumber),
    requiresGrad: t.requiresGrad,
  };
  if (values.length > MAX_SENT_VALUES) {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    payload.summary = { min, max, mean: sum / values.length };
  }
  return payload;
}
