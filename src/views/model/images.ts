import { viewItem } from "../../protocol/payloadMap";
import { Dataset, nn, Tensor, type Normalization } from "../../engine";
import type { ImagesPayload } from "../../protocol/imagesPayload";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { checkOptions, describe } from "../charts/options";
import { formatCount, formatNumber } from "../format";
import { classify, kind } from "./classify";
import { classLabels } from "./predict";
import { drawnNumber } from "../../protocol/numbers";

export interface ImagesOptions {
  /** How many images, from the first (default 16, at most 100). */
  count?: number;
  /** A label per image (a tensor of one tensor's images: names or numbers), or false for none. A dataset's own are its classes. */
  labels?: readonly (string | number)[] | Tensor | false;
}

export interface WrongImagesOptions {
  count?: number;
  /** Only the images the model gets wrong. */
  wrong?: boolean;
}

const FN = "show.images";
export const DEFAULT_COUNT = 16;
export const MAX_COUNT = 100;

/** `show.images(dataset | tensor, options)` or `show.images(model, dataset, options)`. */
export function imagesItems(source: unknown, second?: unknown, third?: unknown): OutputItem[] {
  const payload = source instanceof nn.Module ? predictedImages(source, second, third) : sourceImages(source, second, third);
  return [
    viewItem(Mime.images, payload),
    { mime: Mime.text, data: imagesText(payload) },
  ];
}

interface Picture {
  pixels: ArrayLike<number>;
  index: number;
  label?: string;
  predicted?: string;
}

function sourceImages(source: unknown, options: unknown, extra: unknown): ImagesPayload {
  if (extra !== undefined) throw new TypeError(`${FN}: give the images and the options, show.images(images, { count }); a model goes first: show.images(model, dataset, { wrong: true })`);
  // labels may be false, which is not a "values" option: checked here, the rest by checkOptions.
  const raw = options as ImagesOptions | undefined;
  const off = typeof raw === "object" && raw !== null && raw.labels === false;
  const o = checkOptions(FN, off ? { ...raw, labels: undefined } : raw, { count: "count", labels: "values" } as const);
  if (off) o.labels = false;
  if (o.labels && !(o.labels instanceof Tensor) && !Array.isArray(o.labels)) {
    throw new TypeError(`${FN}: labels must be a list of names, a tensor of labels or false, not ${describe(o.labels)}`);
  }
  const count = checkCount(o.count);
  if (source instanceof Dataset) {
    const shape = imageShape(source);
    const names = o.labels === false ? undefined : o.labels === undefined ? datasetLabels(source) : given(o.labels, source.length);
    const pictures = Array.from({ length: Math.min(count, source.length) }, (_, i) => picture(source.x, shape, i, names?.[i], source.normalization));
    return payload(`${source.name ?? "Dataset"}: ${imageCount(pictures.length, source.length)}`, shape, pictures, source.length);
  }
  if (source instanceof Tensor) {
    const { n, shape, rows } = tensorImages(source);
    const names = o.labels ? given(o.labels, n) : undefined;
    const pictures = Array.from({ length: Math.min(count, n) }, (_, i) => picture(rows, shape, i, names?.[i]));
    return payload(`Images: ${imageCount(pictures.length, n)}`, shape, pictures, n);
  }
  throw new TypeError(`${FN}: the first argument must be a Dataset of images (e.g. data.digits()), a tensor [N, H, W], or a model followed by a Dataset; not ${kind(source)}`);
}

/** The first images of a data set of images with their labels, as its cell view shows them; undefined when its rows are not images. */
export function datasetImages(ds: Dataset, count: number): ImagesPayload | undefined {
  if (ds.imageShape?.filter((d) => d !== 1).length !== 2) return undefined;
  return sourceImages(ds, { count }, undefined);
}

function predictedImages(model: nn.Module, dataset: unknown, options: unknown): ImagesPayload {
  if (!(dataset instanceof Dataset)) throw new TypeError(`${FN}: after a model comes the Dataset of images it classifies, not ${kind(dataset)}`);
  const o = checkOptions(FN, options as WrongImagesOptions | undefined, { count: "count", wrong: "boolean" } as const);
  const count = checkCount(o.count);
  const shape = imageShape(dataset);
  if (dataset.task === "regression") throw new TypeError(`${FN}: a model's predictions are shown for a classifier, and this dataset is a regression`);
  const { predicted } = classify(FN, model, dataset.x, dataset);
  const labels = classLabels(dataset);
  const rows = Array.from({ length: dataset.length }, (_, i) => i).filter((i) => !o.wrong || predicted[i] !== labels[i]);
  const pictures = rows.slice(0, count).map((i) => ({ ...picture(dataset.x, shape, i, dataset.classes[labels[i]], dataset.normalization), predicted: dataset.classes[predicted[i]] }));
  const name = dataset.name ?? "Dataset";
  const title = o.wrong
    ? `${name}: ${formatCount(rows.length)} of ${formatCount(dataset.length)} images misclassified${rows.length > pictures.length ? `, the first ${pictures.length} shown` : ""}`
    : `${name}: ${imageCount(pictures.length, dataset.length)} with the model's predictions`;
  return payload(title, shape, pictures, rows.length);
}

function checkCount(count: number | undefined): number {
  const n = count ?? DEFAULT_COUNT;
  if (n > MAX_COUNT) throw new RangeError(`${FN}: count must be from 1 to ${MAX_COUNT}, not ${n}; show a slice of the data`);
  return n;
}

/** [height, width] of a data set's rows, which must be images. */
function imageShape(ds: Dataset): [number, number] {
  const shape = ds.imageShape?.filter((d) => d !== 1);
  if (!shape || shape.length !== 2) {
    throw new TypeError(`${FN}: this dataset's rows are not images (it has no imageShape); show.images draws a dataset such as data.digits(), or a tensor [N, H, W]`);
  }
  return [shape[0], shape[1]];
}

/** A tensor's images: [N, H, W], or [N, H·W] with a square H·W. */
function tensorImages(t: Tensor): { n: number; shape: [number, number]; rows: Tensor } {
  if (t.ndim === 3) return { n: t.shape[0], shape: [t.shape[1], t.shape[2]], rows: t.reshape(t.shape[0], -1) };
  if (t.ndim === 2) {
    const side = Math.round(Math.sqrt(t.shape[1]));
    if (side * side === t.shape[1]) return { n: t.shape[0], shape: [side, side], rows: t };
    throw new RangeError(`${FN}: a tensor [N, ${t.shape[1]}] holds images only when ${t.shape[1]} is a square (64 = 8 × 8); reshape it to [N, H, W]`);
  }
  throw new RangeError(`${FN}: images must be a tensor [N, H, W] or [N, H·W], not one of shape [${t.shape.join(", ")}]`);
}

function datasetLabels(ds: Dataset): string[] | undefined {
  if (ds.task === "regression") return undefined;
  const labels = classLabels(ds);
  return Array.from(labels, (c) => ds.classes[c] ?? String(c));
}

function given(labels: readonly (string | number)[] | Tensor, n: number): string[] {
  const list = labels instanceof Tensor ? Array.from(labels.data) : [...labels];
  if (list.length < n) throw new RangeError(`${FN}: labels has ${list.length} entries for ${n} images; give one per image`);
  return list.map((v) => (typeof v === "number" ? formatNumber(v) : String(v)));
}

/** Image `i` of `rows`; a normalized data set's images are shown as they were before `normalize()`, as pixels. */
function picture(rows: Tensor, [h, w]: [number, number], i: number, label?: string, scale?: Normalization): Picture {
  const size = h * w;
  let pixels: ArrayLike<number> = rows.data.subarray(i * size, (i + 1) * size);
  // Rounded: undoing the scaling in float32 leaves a blank pixel at -3e-7, not 0.
  if (scale) pixels = Array.from(pixels, (v, j) => Math.round((v * scale.std[j] + scale.mean[j]) * 1e4) / 1e4 || 0);
  return { pixels, index: i, ...(label === undefined ? {} : { label }) };
}

function imageCount(shown: number, total: number): string {
  return shown === total ? `${formatCount(total)} ${total === 1 ? "image" : "images"}` : `the first ${formatCount(shown)} of ${formatCount(total)} images`;
}

function payload(title: string, shape: [number, number], pictures: Picture[], total: number): ImagesPayload {
  let [min, max] = [Infinity, -Infinity];
  for (const p of pictures) {
    for (let j = 0; j < p.pixels.length; j++) {
      const v = p.pixels[j];
      if (!Number.isFinite(v)) throw new RangeError(`${FN}: image ${p.index} has ${v} at pixel ${j}; images need finite values`);
      [min, max] = [Math.min(min, v), Math.max(max, v)];
    }
  }
  if (!pictures.length) [min, max] = [0, 1];
  return {
    version: 1,
    title,
    shape,
    min,
    max: max > min ? max : min + 1,
    images: pictures.map((p) => ({
      pixels: Array.from(p.pixels, (v) => drawnNumber(v)),
      index: p.index,
      ...(p.label === undefined ? {} : { label: p.label }),
      ...(p.predicted === undefined ? {} : { predicted: p.predicted, wrong: p.predicted !== p.label }),
    })),
    total,
  };
}

/** The text fallback: what is shown, and each image's label (and prediction). */
export function imagesText(payload: ImagesPayload): string {
  const captions = payload.images.map((image) => {
    const said = image.predicted === undefined ? (image.label ?? "") : `${image.label} → ${image.predicted}${image.wrong ? " ✗" : ""}`;
    return `#${image.index}${said ? ` ${said}` : ""}`;
  });
  const lines = [`${payload.title} (${payload.shape[0]} × ${payload.shape[1]} pixels, ${formatNumber(payload.min)} to ${formatNumber(payload.max)})`];
  if (captions.length) lines.push(captions.join(", "));
  return lines.join("\n");
}
