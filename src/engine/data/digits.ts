import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { Dataset } from "./dataset";
import { decodeBase64 } from "./base64";
import { DIGITS_BASE64, DIGITS_ROWS } from "./digitsPixels.generated";

const PIXELS = 64;
let bytes: Uint8Array | null = null; // decoded on first use, then kept

/**
 * 1,797 handwritten digits, 8×8 pixels each, labels 0–9 (scikit-learn's `load_digits`; UCI
 * "Optical Recognition of Handwritten Digits", E. Alpaydin and C. Kaynak, 1998, CC BY 4.0).
 * `x` is [1797, 64]: row i holds image i row by row, pixel (r, c) at column 8r + c, as raw
 * counts 0–16 (ink in a 4×4 block of the original 32×32 scan) — call `normalize()` before
 * training. `y` is [1797] of class indices 0–9 (multiclass). `imageShape` is [8, 8]; `images()` gives the
 * set with x [1797, 1, 8, 8], for `nn.Conv2d`.
 * @example const [train, test] = data.digits().split(0.8, { seed: 1 }); show.images(train, { count: 16 })
 */
export function digits(): Dataset {
  bytes ??= decodeBase64(DIGITS_BASE64);
  const n = DIGITS_ROWS, x = alloc(n * PIXELS), y = alloc(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < PIXELS; j++) x[i * PIXELS + j] = bytes[i * (PIXELS + 1) + j];
    y[i] = bytes[i * (PIXELS + 1) + PIXELS];
  }
  return new Dataset(new Tensor(x, [n, PIXELS]), new Tensor(y, [n]), {
    task: "multiclass",
    classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    featureNames: Array.from({ length: PIXELS }, (_, j) => `pixel_${Math.floor(j / 8)}_${j % 8}`),
    targetName: "digit",
    name: "digits",
    imageShape: [8, 8],
  });
}
