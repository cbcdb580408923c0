/** What a drawn view leaves behind: the one way to take it down again. */
export interface DrawnView {
  /**
   * Removes what the view drew and everything it registered (plots, listeners, observers). Safe to call
   * twice. It removes the view's own nodes only: a newer view may be in the same element by then.
   */
  dispose(): void;
}

/** A view that is only DOM, with no listeners of its own. */
export function domView(root: Element): DrawnView {
  return { dispose: () => root.remove() };
}
