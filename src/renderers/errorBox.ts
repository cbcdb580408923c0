/** What a view shows instead of itself when its output cannot be drawn: what went wrong, as text. */
export function errorBox(title: string, detail: string): HTMLDivElement {
  const box = document.createElement("div");
  box.className = "nnbook-view nnbook-error";
  box.setAttribute("role", "alert");
  const heading = document.createElement("div");
  heading.className = "nnbook-error-title";
  heading.textContent = title;
  const text = document.createElement("div");
  text.className = "nnbook-error-detail";
  text.textContent = detail;
  box.append(heading, text);
  return box;
}
