/** What a drawn view leaves behind: the one way to take it down again. */
export interface DrawnView {
  /**
   * Removes what the view drew and everything it registered (plots, listeners, observers). Safe to call
   * twice. It removes the view's own nodes only: a newer view may be in the same element by then.
   */
  dispose(): void;
  /**
   * Draws a newer payload of the same mime into what is drawn, in place (a live chart's next epoch): no
   * element replaced, so nothing flickers or changes height. Absent for views that are drawn anew.
   * Throws, having changed nothing, when the payload cannot be read.
   */
  update?(json: unknown): Promise<void>;
}

/** A view that is only DOM, with no listeners of its own. */
export function domView(root: Element): DrawnView {
  return { dispose: () => root.remove() };
}
