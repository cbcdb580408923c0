import type { ImagesPayload } from "../../protocol/imagesPayload";
import { caption } from "../caption";
import type { DrawnView } from "../drawnView";
import { themeColors } from "../theme";
import { onThemeChange } from "../themeWatch";
import { imageGrid } from "./imageGrid";

/** `show.images`: small images in a grid, drawn on canvases (no plotly), repainted when the theme changes. */
export function renderImages(element: HTMLElement, payload: ImagesPayload): DrawnView {
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-images-view";
  view.appendChild(caption(payload.title));
  const grid = imageGrid(payload);
  view.appendChild(grid.element);
  element.replaceChildren(view);
  return themedImages(view, grid.paint);
}

/** Paints now and after each theme change, until disposed (which also removes `root`). */
export function themedImages(root: Element, paint: (theme: ReturnType<typeof themeColors>) => void): DrawnView {
  paint(themeColors());
  const stop = onThemeChange(() => paint(themeColors()));
  return {
    dispose() {
      stop();
      root.remove();
    },
  };
}
