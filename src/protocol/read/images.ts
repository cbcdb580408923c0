import type { ImagesPayload } from "../imagesPayload";
import { array, boolean, count, finite, object, PayloadError, string, version } from "./check";

export function readImages(value: unknown): ImagesPayload {
  const p = object(value, "");
  version(p, "images", 1);
  const shape = array(p.shape, "shape", count);
  if (shape.length !== 2 || shape[0] < 1 || shape[1] < 1) throw new PayloadError(`shape must be [height, width] of whole numbers from 1, not [${shape.join(", ")}]`);
  const min = finite(p.min, "min");
  const max = finite(p.max, "max");
  if (max < min) throw new PayloadError(`max must be at least min (${min}), not ${max}`);
  const pixels = shape[0] * shape[1];
  const images = array(p.images, "images", (item, path) => {
    const image = object(item, path);
    const out: ImagesPayload["images"][number] = { pixels: array(image.pixels, `${path}.pixels`, finite), index: count(image.index, `${path}.index`) };
    if (out.pixels.length !== pixels) throw new PayloadError(`${path}.pixels must have height × width (${pixels}) values, not ${out.pixels.length}`);
    if (image.label !== undefined) out.label = string(image.label, `${path}.label`);
    if (image.predicted !== undefined) out.predicted = string(image.predicted, `${path}.predicted`);
    if (image.wrong !== undefined) out.wrong = boolean(image.wrong, `${path}.wrong`);
    return out;
  });
  const total = count(p.total, "total");
  if (total < images.length) throw new PayloadError(`total must be at least the ${images.length} images given, not ${total}`);
  return { version: 1, title: string(p.title, "title"), shape: [shape[0], shape[1]], min, max, images, total };
}
