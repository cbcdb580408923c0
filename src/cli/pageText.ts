/** Text from a notebook put into the report page: as text, never as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * JSON for a `<script type="application/json">` element. Every "<" is escaped, so no string in it can
 * end the element ("</script>") or open a comment ("<!--"); U+2028 and U+2029, valid in JSON but line
 * ends in older JavaScript, are escaped too, for whoever reads the JSON as script.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
