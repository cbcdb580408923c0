import type { ImagesPayload } from "../../protocol/imagesPayload";
import { rgb } from "../colourMix";
import type { ThemeColors } from "../theme";

/** On-screen width of one image, in CSS pixels; its pixels are scaled up without smoothing. */
const SIZE = 56;

/**
 * Images in a grid, each on a canvas with its caption (label, or label → prediction, wrong ones marked).
 * Ink is the editor's text colour on its background, so digits read in every theme; `paint` redraws them
 * in a theme's colours.
 */
export function imageGrid(payload: ImagesPayload): { element: HTMLDivElement; paint(theme: ThemeColors): void } {
  const [h, w] = payload.shape;
  const grid = document.createElement("div");
  grid.className = "nnbook-images";
  const canvases = payload.images.map((image) => {
    const figure = document.createElement("figure");
    figure.className = image.wrong ? "nnbook-image nnbook-wrong" : "nnbook-image";
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${SIZE}px`;
    canvas.style.height = `${Math.round((SIZE * h) / w)}px`;
    figure.appendChild(canvas);
    const caption = document.createElement("figcaption");
    caption.textContent = image.predicted === undefined ? (image.label ?? `#${image.index}`) : `${image.label} → ${image.predicted}${image.wrong ? " ✗" : ""}`;
    figure.title = `#${image.index}${image.label === undefined ? "" : `: label ${image.label}`}${image.predicted === undefined ? "" : `, predicted ${image.predicted}`}`;
    figure.appendChild(caption);
    grid.appendChild(figure);
    return canvas;
  });
  const paint = (theme: ThemeColors) => {
    const ink = rgb(theme.foreground) ?? [128, 128, 128];
    const paper = rgb(theme.background) ?? [255, 255, 255];
    const span = payload.max - payload.min;
    payload.images.forEach((image, k) => {
      const context = canvases[k].getContext("2d");
      if (!context) return;
      const data = context.createImageData(w, h);
      image.pixels.forEach((v, j) => {
        const t = Math.min(1, Math.max(0, (v - payload.min) / span));
        for (let c = 0; c < 3; c++) data.data[4 * j + c] = Math.round(paper[c] + (ink[c] - paper[c]) * t);
        data.data[4 * j + 3] = 255;
      });
      context.putImageData(data, 0, 0);
    });
  };
  return { element: grid, paint };
}
