import type { ActivationFunction, RendererApi } from "vscode-notebook-renderer";
import { PayloadError } from "../protocol/read";
import { domView, type DrawnView } from "./drawnView";
import { errorBox } from "./errorBox";
import { ensureStyles } from "./styles";
import { ViewRegistry } from "./viewRegistry";
import { viewFor } from "./views";

/** The renderer API, and how many views it keeps drawn (what the lifecycle tests count). */
export interface NnbookRenderer extends RendererApi {
  viewCount(): number;
}

/** The renderer for every nnbook view; each view module draws one payload into one element. */
export const activate: ActivationFunction = (): NnbookRenderer => {
  const views = new ViewRegistry();
  return {
    async renderOutputItem(item, element, signal) {
      ensureStyles();
      // A live view's next payload goes into the view drawn; one it cannot read is drawn anew, as an error.
      const drawn = views.updatable(item.id, item.mime, element);
      if (drawn) {
        try {
          return await drawn.update(item.json());
        } catch {
          // Drawn anew below, which says what is wrong with the payload.
        }
      }
      // The output's previous view is disposed here, before anything of the new one is drawn.
      const drawing = views.begin(item.id, signal, item.mime, element);
      const view = viewFor(item.mime);
      if (!view) {
        views.keep(item.id, drawing, shown(element, errorBox("nnbook cannot draw this output", `no nnbook view draws ${item.mime}`)));
        return;
      }
      try {
        views.keep(item.id, drawing, await view.draw(element, item.json(), drawing));
      } catch (error) {
        // Cancelled: the element is a newer drawing's by now, or nobody's.
        if (drawing.aborted) return;
        // A payload from a file is read as untrusted: whatever is wrong with it is said, as text.
        const title = error instanceof PayloadError ? `nnbook cannot read this ${view.name}` : `nnbook could not draw this ${view.name}`;
        views.keep(item.id, drawing, shown(element, errorBox(title, error instanceof Error ? error.message : String(error))));
      }
    },
    disposeOutputItem: (id) => views.dispose(id),
    viewCount: () => views.size,
  };
};

function shown(element: HTMLElement, box: HTMLElement): DrawnView {
  element.replaceChildren(box);
  return domView(box);
}
