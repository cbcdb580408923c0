// KaTeX, built as a module of its own (out/renderers/katex.js) so that only the views that show math load it.
import katex from "katex";
export default katex;
