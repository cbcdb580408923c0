import type { MathPayload } from "../../protocol/payloads";
import { domView, type DrawnView } from "../drawnView";
import { loadTypeset } from "./typeset";

/** TeX typeset as display math. */
export async function renderMath(element: HTMLElement, payload: MathPayload, signal: AbortSignal): Promise<DrawnView> {
  // KaTeX first, so the TeX never shows as source before it is typeset.
  const typeset = await loadTypeset();
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-math";
  typeset(view, payload.tex, true);
  element.replaceChildren(view);
  return domView(view);
}
