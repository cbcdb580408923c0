import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkLayers, findViolations, readImports, type ImportEntry } from "../../scripts/checkLayers.mjs";

const root = path.resolve(__dirname, "../..");
const script = path.join(root, "scripts", "checkLayers.mjs");

/** The messages for one file's imports, each given as a specifier (`type:` for a type-only import). */
function check(file: string, ...specifiers: (string | null)[]): string[] {
  const imports: ImportEntry[] = specifiers.map((s) =>
    s?.startsWith("type:") ? { specifier: s.slice(5), typeOnly: true, line: 3 } : { specifier: s, typeOnly: false, line: 3 },
  );
  return findViolations([{ file, imports }]);
}

/** One message, naming the file and line, the import and the rule. */
function assertBroken(messages: string[], file: string, specifier: string, rule: string) {
  assert.equal(messages.length, 1, messages.join("\n"));
  const [message] = messages;
  assert.ok(message.startsWith(`src/${file}:3: `), message);
  assert.ok(message.includes(specifier), message);
  assert.ok(message.includes(`breaks the rule: ${rule}`), message);
}

test("the source tree keeps its layers", () => {
  const { files, imports, violations } = checkLayers(path.join(root, "src"));
  assert.deepEqual(violations, []);
  assert.ok(files > 100 && imports > 400, `read ${imports} imports in ${files} files`);
});

test("the engine imports nothing outside the engine", () => {
  assertBroken(check("engine/ops/add.ts", "vscode"), "engine/ops/add.ts", '"vscode"', 'only extension/ and intellisense/editor/ may import "vscode"');
  assertBroken(check("engine/ops/add.ts", "node:fs"), "engine/ops/add.ts", '"node:fs"', "engine/ may import no package or Node built-in");
  assertBroken(check("engine/ops/add.ts", "fs"), "engine/ops/add.ts", '"fs"', "engine/ may import no package or Node built-in");
  assertBroken(check("engine/tensor.ts", "type:../views/display"), "engine/tensor.ts", "import type", "engine/ may import only engine/");
  assert.deepEqual(check("engine/ops/add.ts", "../tensor", "type:./index"), []);
});

test("only the extension and the editor side of IntelliSense import vscode", () => {
  for (const file of ["kernel/kernelSession.ts", "cli/main.ts", "format/index.ts", "intellisense/index.ts", "views/display.ts"]) {
    assertBroken(check(file, "type:vscode"), file, '"vscode"', 'only extension/ and intellisense/editor/ may import "vscode"');
  }
  assert.deepEqual(check("extension/extension.ts", "vscode"), []);
  assert.deepEqual(check("intellisense/editor/providers.ts", "vscode"), []);
});

test("renderers import only renderers, the protocol and their own packages", () => {
  assertBroken(check("renderers/views.ts", "../engine"), "renderers/views.ts", '"../engine"', "renderers/ may import only renderers/ and protocol/");
  assertBroken(check("renderers/views.ts", "markdown-it"), "renderers/views.ts", '"markdown-it"', "renderers/ may import only the packages katex");
  assertBroken(check("renderers/plotly/loadPlotly.ts", "plotly.js"), "renderers/plotly/loadPlotly.ts", '"plotly.js"', "renderers/ may import only the packages katex, plotly.js-cartesian-dist-min and highlight.js, and the types of plotly.js");
  assert.deepEqual(check("renderers/math/katexBundle.ts", "katex", "type:plotly.js", "../../protocol/payloads", "./typeset"), []);
});

test("the protocol imports only itself", () => {
  assertBroken(check("protocol/outputs.ts", "type:../format"), "protocol/outputs.ts", '"../format"', "protocol/ may import only protocol/");
  assertBroken(check("protocol/outputs.ts", "katex"), "protocol/outputs.ts", '"katex"', "protocol/ may import no package");
});

test("the kernel and the command line never load the engine or the views", () => {
  const kernel = "kernel/ may import only kernel/, protocol/ and language/realm/boundary.ts";
  // A worker holding the engine would make a second Tensor class outside the cells' realm.
  assertBroken(check("kernel/worker/main.ts", "../../engine"), "kernel/worker/main.ts", '"../../engine"', kernel);
  assertBroken(check("kernel/worker/main.ts", "type:../../views/display"), "kernel/worker/main.ts", "views/display", kernel);
  assertBroken(check("kernel/process/compileCell.ts", "../../language/realm/hostCall"), "kernel/process/compileCell.ts", "hostCall", kernel);
  assert.deepEqual(check("kernel/worker/main.ts", "../../language/realm/boundary", "type:../../language/realm/boundary.ts", "node:vm"), []);
  assertBroken(check("cli/main.ts", "../engine/tensor"), "cli/main.ts", '"../engine/tensor"', "cli/ may import only cli/, kernel/, format/ and protocol/");
  assertBroken(check("cli/main.ts", "../language/realm/boundary"), "cli/main.ts", "boundary", "cli/ may import only");
});

test("the folders in between import what their rules list", () => {
  assert.deepEqual(check("views/display.ts", "../engine", "type:../protocol/outputs"), []);
  assertBroken(check("views/display.ts", "../language"), "views/display.ts", '"../language"', "views/ may import only views/, engine/, export/ and protocol/");
  assert.deepEqual(check("export/onnx/exportOnnx.ts", "../../engine/tensor", "protobufjs/minimal"), []);
  assertBroken(check("engine/io/saveModel.ts", "protobufjs/minimal"), "engine/io/saveModel.ts", '"protobufjs/minimal"', "engine/ may import no package");
  assertBroken(check("export/pytorch.ts", "../views/show"), "export/pytorch.ts", '"../views/show"', "export/ may import only export/ and engine/");
  assert.deepEqual(check("language/install.ts", "../engine", "../views", "../protocol/mimes", "node-inspect-extracted"), []);
  assertBroken(check("language/realm/cellConsole.ts", "node:util"), "language/realm/cellConsole.ts", '"node:util"', "language/ may import only the packages node-inspect-extracted");
  assert.deepEqual(check("format/index.ts", "jsonc-parser", "../protocol/outputs"), []);
  assertBroken(check("format/index.ts", "../kernel"), "format/index.ts", '"../kernel"', "format/ may import only format/ and protocol/");
  assert.deepEqual(check("extension/extension.ts", "../kernel", "../format", "../protocol/mimes", "../intellisense/editor/cellIntelliSense", "type:../intellisense"), []);
  assertBroken(check("extension/extension.ts", "../intellisense/index"), "extension/extension.ts", "intellisense/index", "extension/ may import intellisense/ for types only");
  assertBroken(check("extension/extension.ts", "../cli/main"), "extension/extension.ts", '"../cli/main"', "extension/ may import only extension/, kernel/");
  assertBroken(check("intellisense/editor/providers.ts", "../index"), "intellisense/editor/providers.ts", '"../index"', "intellisense/editor/ may import intellisense/ for types only");
  assertBroken(check("intellisense/cellTypes.ts", "./editor/convert"), "intellisense/cellTypes.ts", "./editor/convert", "intellisense/ may import only intellisense/");
});

test("computed paths, paths out of src/ and folders without a rule are refused", () => {
  assertBroken(check("engine/tensor.ts", null), "engine/tensor.ts", "import of a computed path", "a computed import path cannot be checked");
  assert.deepEqual(check("renderers/plotly/loadPlotly.ts", null), []);
  assertBroken(check("format/index.ts", "../../package.json"), "format/index.ts", "package.json", "format/ may import nothing outside src/");
  const [message, ...rest] = check("scratch/a.ts");
  assert.deepEqual(rest, []);
  assert.match(message, /^src\/scratch\/a\.ts: src\/scratch\/ has no layer rule/);
});

test("every kind of import is read, with its line and whether it is type-only", () => {
  const text = [
    'import a from "./a";',
    'import type { B } from "./b";',
    'import { type C, type D } from "./c";',
    'import { type E, f } from "./e";',
    'export * from "./g";',
    'export type { H } from "./h";',
    "const i = await import('./i');",
    'const j = require("./j");',
    'import k = require("./k");',
    'let l: typeof import("./l");',
    "const m = import(url);",
    'import "./n";',
  ].join("\n");
  const header = '/// <reference types="vscode" />\n/// <reference lib="dom" />\n';
  const found = readImports("x.ts", header + text).map(({ specifier, typeOnly, line }) => [specifier, typeOnly, line]);
  assert.deepEqual(found, [
    ["./a", false, 3], ["./b", true, 4], ["./c", true, 5], ["./e", false, 6], ["./g", false, 7], ["./h", true, 8],
    ["./i", false, 9], ["./j", false, 10], ["./k", false, 11], ["./l", true, 12], [null, false, 13], ["./n", false, 14],
    ["vscode", true, 1], ["dom", true, 2],
  ]);
  const lib = findViolations([{ file: "engine/a.ts", imports: readImports("a.ts", header) }]);
  assert.equal(lib.length, 2);
  assert.match(lib[1], /src\/engine\/a\.ts:2: \/\/\/ <reference lib> "dom" breaks the rule: a file may not add to the libraries/);
});

test("the script fails on a tree that breaks a rule, and says which", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nnbook-layers-"));
  try {
    for (const [file, text] of Object.entries({
      "engine/tensor.ts": "export class Tensor {}\n",
      "kernel/worker/main.ts": 'import { readFileSync } from "node:fs";\nconst { Tensor } = await import("../../engine/tensor");\n',
    })) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const run = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^src\/kernel\/worker\/main\.ts:2: import\(\) "\.\.\/\.\.\/engine\/tensor" breaks the rule: kernel\/ may import only kernel\/, protocol\/ and language\/realm\/boundary\.ts/m);
    assert.match(run.stderr, /1 of 2 imports break a layer rule/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
