import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { htmlReport } from "../../../src/cli/htmlReport";
import { escapeHtml, scriptJson } from "../../../src/cli/pageText";
import { parseNnbook, type NnbookFile } from "../../../src/format";

const root = path.resolve(__dirname, "../../..");
const outDir = path.join(root, "out");
const hostile = parseNnbook(readFileSync(path.join(root, "test/corpus/hostile/outputs.nnbook")));

function report(notebook: NnbookFile): string {
  return htmlReport(notebook, { title: "<img src=x onerror=alert(1)>.nnbook", outDir });
}

/** The page without the script elements the report itself writes: what the notebook put there. */
function fromNotebook(page: string): string {
  return page.replace(/<script type="(?:application\/json|text\/plain)" id="nnbook-[a-z]+">[^<]*<\/script>/g, "").replace(/<script type="module">[\s\S]*?<\/script>/, "");
}

test("markdown: raw HTML, javascript: links and untrusted math come out as text", () => {
  const page = fromNotebook(report(hostile));
  assert.doesNotMatch(page, /<script|<img|<a [^>]*href="javascript:|onerror="/i);
  assert.match(page, /Raw HTML: &lt;script&gt;document\.documentElement\.dataset\.pwned=/);
  assert.match(page, /&lt;img src=x onerror=/);
  assert.match(page, /\[javascript: link\]\(javascript:document/, "the link is left as written, not made a link");
  assert.match(page, /&lt;a href=&quot;javascript:alert\(1\)&quot;&gt;anchor&lt;\/a&gt;/);
  // KaTeX drew the untrusted commands as their names in its error colour, and made no link, class or style.
  const math = page.replace(/<annotation [^>]*>[^<]*<\/annotation>/g, "");
  assert.match(math, /\\href<\/span>/);
  assert.doesNotMatch(math, /<a |class="[^"]*pwned|style="[^"]*position:fixed|100000em/);
});

test("only the report's own five script elements are in the page", () => {
  const page = report(hostile);
  assert.deepEqual(page.match(/<script[^>]*>/g), [
    '<script type="application/json" id="nnbook-outputs">',
    '<script type="text/plain" id="nnbook-renderer">',
    '<script type="text/plain" id="nnbook-plotly">',
    '<script type="text/plain" id="nnbook-katex">',
    '<script type="module">',
  ]);
  assert.equal(page.match(/<\/script>/g)?.length, 5);
  assert.match(page, /<title>&lt;img src=x onerror=alert\(1\)&gt;\.nnbook<\/title>/);
});

test("the outputs JSON cannot end its script element, and reads back as the stored outputs", () => {
  const page = report(hostile);
  const json = /<script type="application\/json" id="nnbook-outputs">([^<]*)<\/script>/.exec(page)?.[1];
  assert.ok(json, "the outputs element holds no '<'");
  assert.doesNotMatch(json, /[\u2028\u2029]/);
  const outputs = JSON.parse(json) as { mime: string; data: { title?: string } }[];
  const stored = hostile.cells.flatMap((c) => (c.kind === "code" ? c.outputs.map((o) => o.items[0]) : [])).filter((i) => i.mime.startsWith("application/vnd.nnbook."));
  assert.deepEqual(outputs, stored);
  assert.ok(outputs.some((o) => o.data.title?.includes("\u2028\u2029</script><script>")));
});

test("console text, error text and a stored output's mime come out as text", () => {
  const page = fromNotebook(report(hostile));
  assert.match(page, /<pre class="output stdout">&lt;script&gt;document/);
  assert.match(page, /<pre class="output error">Error: &lt;img src=x onerror=&quot;document\.documentElement\.dataset\.pwned=&#39;error-stack&#39;&quot;&gt;<\/pre>/);
  assert.match(page, /<pre class="output stdout">\(text\/x-&lt;img src=x onerror=/);
});

test("an error output of the wrong shape is shown as text, not thrown", () => {
  const cell = (data: unknown) => ({ kind: "code" as const, language: "nnts" as const, source: "", outputs: [{ items: [{ mime: "application/vnd.code.notebook.error", data }] }] });
  const notebook: NnbookFile = { nnbook: 1, metadata: {}, cells: [cell({ stack: 5, message: "<b>m</b>" }), cell("<i>text</i>"), cell(null)] };
  const page = fromNotebook(report(notebook));
  assert.match(page, /<pre class="output error">Error: &lt;b&gt;m&lt;\/b&gt;<\/pre>/);
  assert.match(page, /<pre class="output error">Error: &quot;&lt;i&gt;text&lt;\/i&gt;&quot;<\/pre>/);
  assert.match(page, /<pre class="output error">Error: null<\/pre>/);
});

test("page text helpers", () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  assert.equal(scriptJson({ s: "</script><!--\u2028\u2029" }), '{"s":"\\u003c/script>\\u003c!--\\u2028\\u2029"}');
  assert.deepEqual(JSON.parse(scriptJson({ s: "</script>\u2028" })), { s: "</script>\u2028" });
});
