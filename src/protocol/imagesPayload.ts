/** `application/vnd.nnbook.images+json`: small greyscale images (digits) in a grid, each with its caption. */
export interface ImagesPayload {
  version: 1;
  title: string;
  /** [height, width] of every image. */
  shape: [number, number];
  /** Pixel values run from `min` (background) to `max` (full ink). */
  min: number;
  max: number;
  images: {
    /** Row-major, `height × width` values. */
    pixels: number[];
    /** The row the image is in the source, as the user would index it. */
    index: number;
    label?: string;
    predicted?: string;
    /** True when `predicted` is not `label`. */
    wrong?: boolean;
  }[];
  /** Images there were to choose from (with `wrong`: the misclassified ones), of which `images` shows the first. */
  total: number;
}
