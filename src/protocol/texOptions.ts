/**
 * How TeX from outputs and markdown is typeset (KaTeX settings), wherever it is typeset: the renderer
 * and the HTML report. The TeX may come from a file someone else wrote, so it is never trusted.
 */
export const TEX_OPTIONS = {
  // No \href, \url, \includegraphics, \htmlClass, \htmlId, \htmlStyle or \htmlData.
  trust: false,
  // A parse error is drawn as the TeX in red rather than thrown.
  throwOnError: false,
  // KaTeX's extensions to LaTeX are fine here; warnings about them would only fill the console.
  strict: "ignore",
  // Bounds for hostile input: sizes in em (\rule{1e6em}{1e6em}), and macro expansions (\def\a{\a\a}\a).
  maxSize: 20,
  maxExpand: 200,
} as const;

/** TeX longer than this is shown as text: an equation of a layer is a line, not a page. */
export const MAX_TEX_LENGTH = 2000;
