import { viewItem } from "../protocol/payloadMap";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import { MAX_TEX_LENGTH } from "../protocol/texOptions";

/** TeX typeset on a line of its own; the TeX itself is the text fallback. */
export function mathItems(tex: unknown): OutputItem[] {
  if (typeof tex !== "string") {
    throw new TypeError(`show.math: tex must be a string of TeX, such as show.math("\\\\frac{1}{1 + e^{-x}}"), not ${typeof tex}`);
  }
  if (tex.trim() === "") throw new TypeError(`show.math: tex is empty; give it TeX, such as show.math("e^{i\\\\pi} + 1 = 0")`);
  if (tex.length > MAX_TEX_LENGTH) {
    throw new RangeError(`show.math: tex is ${tex.length.toLocaleString("en-US")} characters; at most ${MAX_TEX_LENGTH.toLocaleString("en-US")} are typeset, so split it into several show.math calls`);
  }
  return [
    viewItem(Mime.math, { version: 1, tex }),
    { mime: Mime.text, data: tex },
  ];
}
