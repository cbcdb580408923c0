import type { BackpropPayload } from "../../protocol/backpropPayload";
import { caption } from "../caption";
import type { DrawnView } from "../drawnView";
import { loadTypeset } from "../math/typeset";

/**
 * The steps of a forward and backward pass, every one typeset at once, walked one at a time: the current
 * step stands out, the steps whose numbers it uses are marked, the ones to come are faded. "next",
 * "previous", the arrow keys, Home and End move; nothing here needs the kernel.
 */
export async function renderBackprop(element: HTMLElement, payload: BackpropPayload, signal: AbortSignal): Promise<DrawnView> {
  // KaTeX first, so the formulas never show as TeX before they are typeset.
  const typeset = await loadTypeset();
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-backprop";
  view.tabIndex = 0;
  view.setAttribute("aria-label", `${payload.title}: use the arrow keys to step`);
  view.appendChild(caption(payload.title));
  if (payload.note) view.appendChild(caption(payload.note));

  const controls = document.createElement("div");
  controls.className = "nnbook-backprop-controls";
  const previous = button("◀ previous");
  const next = button("next ▶");
  const position = document.createElement("span");
  position.className = "nnbook-backprop-position";
  position.setAttribute("aria-live", "polite");
  controls.append(previous, position, next);

  const list = document.createElement("ol");
  list.className = "nnbook-backprop-steps";
  const items = payload.steps.map((step) => {
    const li = document.createElement("li");
    li.className = `nnbook-backprop-step nnbook-backprop-${step.phase}`;
    const place = document.createElement("div");
    place.className = "nnbook-backprop-place";
    place.textContent = step.place;
    const formula = document.createElement("div");
    formula.className = "nnbook-backprop-formula";
    formula.setAttribute("aria-label", step.text);
    typeset(formula, step.tex, true);
    li.append(place, formula);
    list.appendChild(li);
    return li;
  });

  const scroll = document.createElement("div");
  scroll.className = "nnbook-scroll nnbook-backprop-scroll";
  // The first drawing must not scroll: only a step the learner moves to is brought into sight.
  let scrolls = false;
  let current = 0;
  const go = (to: number) => {
    current = Math.max(0, Math.min(payload.steps.length - 1, to));
    const uses = new Set(payload.steps[current].uses);
    items.forEach((li, i) => {
      li.classList.toggle("nnbook-backprop-current", i === current);
      li.classList.toggle("nnbook-backprop-used", uses.has(i));
      li.classList.toggle("nnbook-backprop-later", i > current);
    });
    const step = payload.steps[current];
    position.textContent = `step ${current + 1} of ${payload.steps.length} · ${step.phase}`;
    // A button that is disabled while it has the focus drops it; the view keeps it, so the keys still step.
    const focused = [previous, next].find((b) => b.matches(":focus"));
    previous.disabled = current === 0;
    next.disabled = current === payload.steps.length - 1;
    if (focused?.disabled) view.focus({ preventScroll: true });
    if (scrolls) keepInSight(scroll, items[current]);
  };
  previous.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));
  view.addEventListener("keydown", (event) => {
    const to = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: payload.steps.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    go(to);
  });
  scroll.appendChild(list);
  view.append(controls, scroll);
  element.replaceChildren(view);
  go(0);
  scrolls = true;
  // The listeners are on the view's own nodes, so removing it takes them along.
  return { dispose: () => view.remove() };
}

/** Scrolls the list (never the notebook around it) so that `item` is in sight. */
function keepInSight(scroll: HTMLElement, item: HTMLElement): void {
  // The list's box is positioned, so an item's offsetTop is measured from it.
  const top = item.offsetTop;
  if (top < scroll.scrollTop) scroll.scrollTop = top;
  else if (top + item.offsetHeight > scroll.scrollTop + scroll.clientHeight) scroll.scrollTop = top + item.offsetHeight - scroll.clientHeight;
}

function button(text: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "nnbook-button";
  b.textContent = text;
  return b;
}
