import type { ActivationFunction } from "vscode-notebook-renderer";
import { PayloadError } from "../protocol/read";
import { errorBox } from "./errorBox";
import { ensureStyles } from "./styles";
import { viewFor } from "./views";

/** The renderer for every nnbook view; each view module draws one payload into one element. */
export const activate: ActivationFunction = () => ({
  async renderOutputItem(item, element) {
    ensureStyles();
    const view = viewFor(item.mime);
    if (!view) {
      element.replaceChildren(errorBox("nnbook cannot draw this output", `no nnbook view draws ${item.mime}`));
      return;
    }
    try {
      await view.draw(element, item.json());
    } catch (error) {
      // A payload from a file is read as untrusted: whatever is wrong with it is said, as text.
      const title = error instanceof PayloadError ? `nnbook cannot read this ${view.name}` : `nnbook could not draw this ${view.name}`;
      element.replaceChildren(errorBox(title, error instanceof Error ? error.message : String(error)));
    }
  },
});
