import type Katex from "katex";

export type Katex = typeof Katex;

let loading: Promise<Katex> | undefined;

/**
 * Loads KaTeX on first use, from the module next to this renderer. A page that hosts the
 * renderer elsewhere (the HTML report) sets `globalThis.nnbookKatexUrl` to where it put it.
 */
export function loadKatex(): Promise<Katex> {
  const url = (globalThis as { nnbookKatexUrl?: string }).nnbookKatexUrl ?? new URL("./katex.js", import.meta.url).href;
  loading ??= import(/* @vite-ignore */ url).then((m: { default: Katex }) => m.default);
  // A failed load is tried again by the next view rather than remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}
