import type { DrawnView } from "./drawnView";

interface Entry {
  /** Aborts when this output's drawing is no longer wanted. */
  drawing: AbortController;
  mime: string;
  /** Where it is drawn: a newer item drawn elsewhere (a re-created output) is drawn anew there. */
  element: HTMLElement;
  view?: DrawnView;
}

/**
 * The views drawn, by output id. An output drawn again or disposed takes its previous view down first, so
 * nothing of it stays behind: not its plot, not its listeners. A view that can update in place (a live
 * chart's next epoch) is found with `updatable` and kept instead.
 */
export class ViewRegistry {
  private readonly entries = new Map<string, Entry>();

  /**
   * Starts drawing output `id`: disposes what was drawn for it and cancels a drawing still under way. The
   * signal returned aborts when `signal` does, or when the output is drawn again or disposed meanwhile.
   */
  begin(id: string, signal: AbortSignal, mime: string, element: HTMLElement): AbortSignal {
    this.dispose(id);
    const drawing = new AbortController();
    if (signal.aborted) drawing.abort();
    else signal.addEventListener("abort", () => drawing.abort(), { once: true, signal: drawing.signal });
    this.entries.set(id, { drawing, mime, element });
    return drawing.signal;
  }

  /** The view drawn for output `id` in `element`, when it is drawn (not still drawing), of `mime`, and can update in place. */
  updatable(id: string, mime: string, element: HTMLElement): Required<DrawnView> | undefined {
    const entry = this.entries.get(id);
    const view = entry?.view;
    return entry?.mime === mime && entry.element === element && view?.update ? (view as Required<DrawnView>) : undefined;
  }

  /** Keeps the view drawn for `id`; if its drawing was cancelled meanwhile, the view is disposed instead. */
  keep(id: string, drawing: AbortSignal, view: DrawnView): void {
    const entry = this.entries.get(id);
    if (entry?.drawing.signal !== drawing || drawing.aborted) {
      view.dispose();
      return;
    }
    entry.view = view;
  }

  /** Disposes the view of output `id`, or of every output when no id is given. */
  dispose(id?: string): void {
    for (const key of id === undefined ? [...this.entries.keys()] : [id]) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      this.entries.delete(key);
      entry.drawing.abort();
      entry.view?.dispose();
    }
  }

  /** How many views are drawn and kept (drawings under way are not counted). */
  get size(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.view) n++;
    return n;
  }
}
