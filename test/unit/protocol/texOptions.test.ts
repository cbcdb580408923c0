import assert from "node:assert/strict";
import { test } from "node:test";
import katex from "katex";
import { TEX_OPTIONS } from "../../../src/protocol/texOptions";

const typeset = (tex: string) => katex.renderToString(tex, TEX_OPTIONS);
/** The markup KaTeX made, without the copy of the source it keeps (as escaped text) for screen readers. */
const markup = (tex: string) => typeset(tex).replace(/<annotation [^>]*>[^<]*<\/annotation>/, "");

test("TeX that would make links, images, classes, styles or attributes is drawn inert", () => {
  const hostile = [
    "\\href{javascript:alert(1)}{click}",
    "\\url{javascript:alert(1)}",
    "\\includegraphics{https://example.com/x.png}",
    "\\htmlClass{pwned}{x}",
    "\\htmlId{pwned}{x}",
    "\\htmlStyle{position:fixed;inset:0}{x}",
    "\\htmlData{onclick=alert(1)}{x}",
    "<img src=x onerror=alert(1)>",
  ];
  for (const tex of hostile) {
    const html = markup(tex);
    assert.doesNotMatch(html, /<a |href=|<img|src=|pwned"|id="pwned|position:fixed|data-onclick|onerror=/, tex);
  }
  assert.match(typeset("<img src=x onerror=alert(1)>"), /&lt;img src=x onerror=alert\(1\)&gt;<\/annotation>/);
  // Untrusted commands show in KaTeX's error colour, so the reader sees what was refused.
  assert.match(typeset("\\href{javascript:alert(1)}{click}"), /\\href/);
});

test("hostile sizes and macro loops are bounded", () => {
  const started = Date.now();
  assert.match(typeset("\\def\\a{\\a\\a}\\a"), /katex-error/);
  assert.match(typeset("\\gdef\\b{\\b\\b\\b\\b}\\b"), /katex-error/);
  assert.ok(Date.now() - started < 2000);
  const rule = markup("\\rule{100000em}{100000em}");
  assert.doesNotMatch(rule, /100000em/);
  assert.match(rule, /20em/);
});

test("a TeX error is drawn as the TeX, never thrown", () => {
  assert.doesNotThrow(() => typeset("\\frac{1}{"));
  assert.match(typeset("\\frac{1}{"), /katex-error/);
});
