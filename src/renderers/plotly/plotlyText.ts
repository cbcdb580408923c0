/**
 * A payload string as plotly should show it: literally. Plotly reads titles, axis titles, legend names
 * and hover templates as a subset of HTML (`<a href>`, `<span style>`, `<b>`, `<br>`, entities) and
 * fills `%{…}` in templates; it decodes entities only in the text between tags, so escaping `&` and `<`
 * keeps a tag as text, and `&#37;` keeps a `%{` from being filled in.
 */
export function plotlyText(text: string): string {
  return text.replace(/[&<>%]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "%": "&#37;" })[c]!);
}
