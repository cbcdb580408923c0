import { MAX_TEX_LENGTH, TEX_OPTIONS } from "../../protocol/texOptions";
import { ensureKatexStyles } from "./katexStyles";
import { loadKatex, type Katex } from "./loadKatex";

/** Puts TeX into an element: typeset (inline, or centred on its own line with `display`), or as its source text when it cannot be. */
export type Typeset = (element: HTMLElement, tex: string, display?: boolean) => void;

/**
 * A typesetter backed by KaTeX, loaded on first use. KaTeX builds DOM nodes (never parses HTML) and, with
 * `trust: false`, drops every command that could make a link, a class or a style.
 */
export async function loadTypeset(): Promise<Typeset> {
  // The stylesheet loads while KaTeX does.
  ensureKatexStyles();
  let katex: Katex | undefined;
  try {
    katex = await loadKatex();
  } catch {
    // Without KaTeX the TeX itself is still worth reading.
  }
  return (element, tex, display = false) => {
    if (!katex || tex.length > MAX_TEX_LENGTH) return asText(element, tex);
    try {
      katex.render(tex, element, { ...TEX_OPTIONS, displayMode: display });
    } catch {
      // throwOnError only covers parse errors; anything else (nesting too deep) shows the source.
      asText(element, tex);
    }
  };
}

function asText(element: HTMLElement, tex: string): void {
  element.replaceChildren();
  const code = document.createElement("code");
  code.className = "nnbook-tex";
  code.textContent = tex;
  element.appendChild(code);
}
