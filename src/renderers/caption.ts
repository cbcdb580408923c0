/** The small line of text above a view that says what it shows. */
export function caption(text: string): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "nnbook-caption";
  div.textContent = text;
  return div;
}
