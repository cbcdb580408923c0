import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";
import type { CodePayload } from "../../protocol/payloads";
import { caption } from "../caption";
import type { DrawnView } from "../drawnView";

hljs.registerLanguage("python", python);

/** Code under its title, highlighted with the theme's symbol colours, with a button that copies it. */
export function renderCode(element: HTMLElement, payload: CodePayload): DrawnView {
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-code";
  const head = document.createElement("div");
  head.className = "nnbook-code-head";
  head.appendChild(caption(payload.title));
  const button = document.createElement("button");
  button.className = "nnbook-button";
  button.textContent = "Copy";
  button.title = "Copy the code to the clipboard";
  let reset: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener("click", () => {
    void copy(payload.code).then((ok) => {
      button.textContent = ok ? "Copied" : "Select the code and copy it";
      clearTimeout(reset);
      reset = setTimeout(() => (button.textContent = "Copy"), 1500);
    });
  });
  head.appendChild(button);
  const pre = document.createElement("pre");
  const code = document.createElement("code");
  // highlight.js escapes the source: what it returns is its own markup around text, never the payload's HTML.
  code.innerHTML = hljs.highlight(payload.code, { language: payload.language, ignoreIllegals: true }).value;
  pre.appendChild(code);
  view.append(head, pre);
  element.replaceChildren(view);
  return {
    dispose: () => {
      clearTimeout(reset);
      view.remove();
    },
  };
}

/** The clipboard API where the webview allows it, else the selection and the copy command. */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand("copy");
    } finally {
      area.remove();
    }
  }
}
