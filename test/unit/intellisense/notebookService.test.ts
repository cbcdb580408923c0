// The cells' language service on the real declarations: built here from src/ into a temporary folder
// by scripts/intellisense/buildTypes.mjs (what the extension ships in out/intellisense/types).
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import ts from "typescript";
import { buildCellTypes } from "../../../scripts/intellisense/buildTypes.mjs";
import { parseNnbook } from "../../../src/format";
import { createCellLanguageServices, type CellLanguageServices, type NotebookService } from "../../../src/intellisense";

const repo = path.resolve(__dirname, "../../..");
let folder: string;
let globals: Record<string, string>;
let services: CellLanguageServices;
const open: NotebookService[] = [];

before(() => {
  folder = mkdtempSync(path.join(tmpdir(), "nnbook-cell-types-"));
  globals = buildCellTypes({ outDir: folder }).globals;
  services = createCellLanguageServices(folder);
});
after(() => {
  open.forEach((s) => s.dispose());
  rmSync(folder, { recursive: true, force: true });
});

function notebook(...cells: string[]): NotebookService {
  const service = services.open();
  open.push(service);
  service.setCells(cells);
  return service;
}

/** Diagnostics as `cell:start-end message`, for readable failures. */
function problems(service: NotebookService): string[] {
  return service.diagnostics().map((d) => `${d.cell}:${d.start}-${d.end} ${d.message}`);
}

/** Cell index and offset of the first `marker` in the cells (the marker's start, or its end with atEnd). */
function find(cells: string[], marker: string, atEnd = false): [number, number] {
  const cell = cells.findIndex((c) => c.includes(marker));
  assert.ok(cell >= 0, `"${marker}" is in a cell`);
  return [cell, cells[cell]!.indexOf(marker) + (atEnd ? marker.length : 0)];
}

describe("the declarations shipped for cells", () => {
  test("every runtime export of the cell language is a global of the cells, and types are too", async () => {
    const runtime = Object.keys(await import("../../../src/language/index")).sort();
    const values = Object.entries(globals).filter(([, kind]) => !["interface", "type"].includes(kind)).map(([n]) => n).sort();
    assert.deepEqual(values, runtime);
    assert.equal(globals.tensor, "function");
    assert.equal(globals.Tensor, "class");
    assert.equal(globals.nn, "module");
    assert.equal(globals.TensorLike, "type");
  });

  test("they type-check on their own", () => {
    const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8"));
    const program = ts.createProgram(
      manifest.roots.map((f: string) => path.join(folder, f)),
      { noEmit: true, types: [], lib: [path.basename(manifest.lib)], paths: { nnbook: [path.join(folder, manifest.nnbook)] }, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noLib: false },
      { ...ts.createCompilerHost({}), getDefaultLibLocation: () => path.join(folder, "lib"), getDefaultLibFileName: () => path.join(folder, manifest.lib) },
    );
    const errors = ts.getPreEmitDiagnostics(program).filter((d) => !d.file?.fileName.includes(`${path.sep}lib${path.sep}`));
    assert.deepEqual(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), []);
  });

  test("cellHost.d.ts declares exactly what cellGlobals() gives cells", () => {
    const file = "src/language/realm/cellGlobals.ts";
    const main = ts.createSourceFile("cellGlobals.ts", readFileSync(path.join(repo, file), "utf8"), ts.ScriptTarget.ES2022, true);
    const fn = main.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === "cellGlobals");
    assert.ok(fn?.body, `cellGlobals() is in ${file}`);
    const returned = fn.body.statements.find(ts.isReturnStatement)?.expression;
    assert.ok(returned && ts.isObjectLiteralExpression(returned));
    const given = returned.properties.map((p) => p.name!.getText(main)).sort();
    const host = ts.createSourceFile("cellHost.d.ts", readFileSync(path.join(folder, "cellHost.d.ts"), "utf8"), ts.ScriptTarget.ES2022, true);
    const declared = host.statements
      .flatMap((s) => (ts.isVariableStatement(s) ? s.declarationList.declarations.map((d) => d.name.getText(host)) : ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) ? [s.name!.text] : []))
      .sort();
    assert.deepEqual([...new Set(declared)], given);
  });
});

describe("one notebook, checked as its cells run in order", () => {
  test("the example notebooks have no problems", () => {
    const examples = readdirSync(path.join(repo, "examples")).filter((f) => f.endsWith(".nnbook"));
    assert.ok(examples.length > 0);
    for (const name of examples) {
      const file = parseNnbook(readFileSync(path.join(repo, "examples", name)));
      const cells = file.cells.flatMap((c) => (c.kind === "code" ? [c.source] : []));
      assert.deepEqual(problems(notebook(...cells)), [], name);
    }
  });

  test("modules and losses are callable in the editor as at run time, the user's own too, with their types", () => {
    const cells = [
      "const net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1));\nconst x = randn(8, 2);\nconst lossFn = nn.MSELoss();",
      "const loss = lossFn(net(x), zeros(8, 1));\nloss.backward();\nnet(x).size(0) + x.numel() + x.dim();",
      "class Net extends nn.Module { fc = nn.Linear(2, 1); forward(x: Tensor) { return this.fc(x).sigmoid(); } }\nconst mine = new Net();\nmine(x).shape;",
      "net(\"x\");",
    ];
    const s = notebook(...cells);
    assert.deepEqual(problems(s), ["3:4-7 Argument of type 'string' is not assignable to parameter of type 'Tensor'."]);
    assert.match(s.hover(1, 6)!.code, /const loss: Tensor/);
  });

  test("a name declared in one cell is known in the cells below it, not above", () => {
    const s = notebook("const early = later + 1;", "const later = tensor([1, 2]);", "later.sum().item() + 1;");
    assert.deepEqual(problems(s), ["0:14-19 Cannot find name 'later'."]);
  });

  test("a later cell may declare a name again; the cells below see the newer one", () => {
    const cells = ["const net = nn.Linear(2, 1);", "net.weight;", "const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh());", "net"];
    const s = notebook(...cells);
    assert.deepEqual(problems(s), []);
    assert.match(s.hover(3, 0)!.code, /const net: nn\.Sequential<\[Linear, Tanh\]>/);
    assert.match(s.hover(1, 0)!.code, /const net: Linear/);
  });

  test("a name declared twice in one cell is still an error", () => {
    assert.deepEqual(problems(notebook("let a = 1;\nlet a = 2;")).length, 2);
  });

  test("var, function and class declarations may be repeated across cells too", () => {
    const s = notebook("var n = 1;\nfunction f() { return 1; }\nclass Net extends nn.Module { forward(x: Tensor) { return x; } }", 'var n = "two";\nfunction f() { return "f"; }\nclass Net {}', "n.toUpperCase(); f().length; new Net();");
    assert.deepEqual(problems(s), []);
  });

  test("top-level await works in every cell", () => {
    const s = notebook("const v = await Promise.resolve(41);", "for (const x of [1, 2]) await new Promise((r) => setTimeout(r, x));\nv + 1");
    assert.deepEqual(problems(s), []);
  });

  test("type errors land in the cell and at the offsets where they are", () => {
    const cells = ["const ok = tensor([1, 2]);", "const a = 1;\nconst bad = tensor(\"x\");", "ok.matmul(ok, 3);\nnn.Linear(\"a\", 2);"];
    const s = notebook(...cells);
    const shown = s.diagnostics().map((d) => [d.cell, cells[d.cell]!.slice(d.start, d.end)]);
    assert.deepEqual(shown, [[1, '"x"'], [2, "3"], [2, '"a"']]);
  });

  test("cells see JavaScript and the kernel's host globals, no DOM and no Node", () => {
    const fine = notebook("console.log(performance.now()); console.error(new TextEncoder().encode('a')); setTimeout(() => {}, 1); structuredClone([1]).at(-1); [3, 1].toSorted();");
    assert.deepEqual(problems(fine), []);
    const s = notebook("document; process; require; console.table([]); window;");
    assert.equal(problems(s).length, 5, problems(s).join("\n"));
  });

  test("Node modules, require and process are errors unless the setting allows them", () => {
    const cell = 'import fs from "node:fs";\nimport { tensor } from "nnbook";\nprocess.cwd(); require("x"); fs.readFileSync("f");';
    const s = notebook(cell);
    assert.deepEqual(s.diagnostics().map((d) => [cell.slice(d.start, d.end), d.message]), [
      ['"node:fs"', 'Cells can import only from "nnbook", not "node:fs". To use Node modules in cells, turn on the setting "nnbook.kernel.allowNodeModules".'],
      ["process", "Cannot find name 'process': cells see `require` and `process` only when the setting \"nnbook.kernel.allowNodeModules\" is on."],
      ["require", "Cannot find name 'require': cells see `require` and `process` only when the setting \"nnbook.kernel.allowNodeModules\" is on."],
    ]);
    assert.deepEqual(s.diagnostics({ nodeModules: true }), []);
  });

  test("import from \"nnbook\" works in any cell, more than once, and names the globals", () => {
    const s = notebook('import { tensor, type TensorLike } from "nnbook";\nconst t = tensor([1]);', 'import { tensor, nn } from "nnbook";\nconst d: TensorLike = [2];\nnn.Linear(1, 1).forward(t);');
    assert.deepEqual(problems(s), []);
    assert.deepEqual(problems(notebook('import { nothing } from "nnbook";')), ["0:9-16 Module '\"nnbook\"' has no exported member 'nothing'."]);
  });

  test("a syntax error shows in its cell, and hides type errors of the cells below it until fixed", () => {
    const cells = ["tensor(\"a\");", "const x = (1 + ;", "tensor(\"b\");"];
    const s = notebook(...cells);
    assert.deepEqual(s.diagnostics().map((d) => [d.cell, d.message]), [[1, "Expression expected."], [0, "Argument of type '\"a\"' is not assignable to parameter of type 'TensorLike | Tensor'."]]);
    s.setCells([cells[0]!, "const x = (1 + 2);", cells[2]!]);
    assert.deepEqual(s.diagnostics().map((d) => d.cell), [0, 2]);
  });

  test("an import being typed leaves the other cells alone", () => {
    const s = notebook("const a = tensor([1]);", "a.sum();\nimport { te");
    assert.ok(s.diagnostics().length > 0);
    assert.deepEqual(s.diagnostics().filter((d) => d.cell !== 1), []);
  });
});

describe("editor features in cell coordinates", () => {
  test("completions after `nn.Li` offer Linear, with its documentation", () => {
    const cells = ["const x = randn([4, 2]);", "const layer = nn.Li"];
    const s = notebook(...cells);
    const [cell, offset] = find(cells, "nn.Li", true);
    const result = s.completions(cell, offset);
    assert.ok(result?.isMemberCompletion);
    const linear = result.entries.find((e) => e.name === "Linear");
    assert.ok(linear, "Linear is offered");
    assert.equal(linear.kind, "const");
    const details = s.completionDetails(cell, offset, "Linear", linear.source, linear.data);
    assert.match(details!.documentation, /Fully connected layer/);
    assert.match(details!.documentation, /\*@example\*\n```ts\nconst layer = nn\.Linear\(2, 4\)/);
  });

  test("completions at the start of a cell offer the names of the cells above and the cell language", () => {
    const s = notebook("const losses: number[] = [];", "", "const after = 1;");
    const names = new Map(s.completions(1, 0)!.entries.map((e) => [e.name, e.kind]));
    assert.equal(names.get("losses"), "const");
    assert.equal(names.get("tensor"), "function");
    assert.equal(names.get("Tensor"), "class");
    assert.equal(names.get("nn"), "module");
    assert.equal(names.has("after"), false);
    assert.equal(names.has("document"), false);
  });

  test("hovers show the declaration without alias framing, and its JSDoc", () => {
    const s = notebook("const t = tensor([[1, 2]]);");
    const hover = s.hover(0, "const t = ten".length)!;
    assert.deepEqual(hover.span, { cell: 0, start: 10, end: 16 });
    assert.equal(hover.code, "function tensor(data: TensorLike | Tensor, options?: TensorOptions): Tensor");
    assert.match(hover.documentation, /PyTorch's `torch.tensor`/);
    assert.match(s.hover(0, 6)!.code, /^const t: Tensor$/);
    const more = notebook("nn.Linear; Tensor;");
    assert.equal(more.hover(0, 0)!.code, "namespace nn");
    assert.equal(more.hover(0, 3)!.code, "nn.Linear(inFeatures: number, outFeatures: number, options?: LinearOptions)");
    assert.equal(more.hover(0, 11)!.code, "class Tensor");
  });

  test("a class called without `new` shows how to call it, as PyTorch's docs do, then its documentation", () => {
    const shown: Record<string, string> = {
      "nn.BCELoss": "nn.BCELoss(options?: BCELossOptions)",
      "nn.Linear": "nn.Linear(inFeatures: number, outFeatures: number, options?: LinearOptions)",
      "nn.Sequential": "nn.Sequential(...layers: Module[])",
      "nn.LeakyReLU": "nn.LeakyReLU(negativeSlope?: number | { negativeSlope?: number; })",
      "optim.SGD": "optim.SGD(params: Params<SGDOptions>, options?: SGDOptions)",
      "optim.StepLR": "optim.StepLR(optimizer: Optimizer, options: StepLROptions)",
      Dataset: "Dataset(x: Tensor | TensorLike, y: Tensor | TensorLike, info?: DatasetInfo)",
      "data.Dataset": "data.Dataset(x: Tensor | TensorLike, y: Tensor | TensorLike, info?: DatasetInfo)",
    };
    const cells = [Object.keys(shown).map((name) => `const made${name.replace(".", "")} = new ${name}`).join(";\n")];
    const s = notebook(...cells);
    for (const [name, code] of Object.entries(shown)) {
      const [cell, offset] = find(cells, `new ${name}`, true);
      const hover = s.hover(cell, offset - 1)!;
      assert.equal(hover.code, code, name);
      assert.doesNotMatch(hover.documentation, /Callable/, name);
    }
    assert.match(s.hover(...find(cells, "new nn.BCELoss", true))!.documentation, /^Binary cross-entropy on probabilities p in \[0, 1\] \(torch\.nn\.BCELoss\)/);
  });

  test("plain functions and a cell's own names keep TypeScript's declaration", () => {
    const cells = ["const L = nn.Linear;\nconst layer = L(2, 1);\ntensor([1]);"];
    const s = notebook(...cells);
    assert.match(s.hover(...find(cells, "L(2"))!.code, /^const L: \(inFeatures: number/);
    assert.equal(s.hover(...find(cells, "tensor"))!.code, "function tensor(data: TensorLike | Tensor, options?: TensorOptions): Tensor");
  });

  test("completion details of a class called without `new` show its constructor too", () => {
    for (const [text, name, detail] of [
      ["nn.BCEL", "BCELoss", "nn.BCELoss(options?: BCELossOptions)"],
      ["optim.", "SGD", "optim.SGD(params: Params<SGDOptions>, options?: SGDOptions)"],
      ["Percep", "Perceptron", "Perceptron(nInputs: number)"],
    ]) {
      const s = notebook(text!);
      const entry = s.completions(0, text!.length)!.entries.find((e) => e.name === name)!;
      assert.equal(s.completionDetails(0, text!.length, name!, entry.source, entry.data)!.detail, detail);
    }
  });

  test("signature help inside nn.Linear( names its parameters", () => {
    const cells = ["nn.Linear(2, "];
    const s = notebook(...cells);
    const help = s.signatureHelp(0, cells[0]!.length, ",")!;
    const signature = help.signatures[help.activeSignature]!;
    assert.equal(help.activeParameter, 1);
    const [start, end] = signature.parameters[1]!.label;
    assert.equal(signature.label.slice(start, end), "outFeatures: number");
  });

  test("go to definition: a name from another cell goes to that cell, a cell-language name to its declaration", () => {
    const cells = ["manualSeed(0);\nconst model = nn.Linear(1, 1);", "model.forward(randn([3, 1]));"];
    const s = notebook(...cells);
    const toCell = s.definition(1, 2)!;
    assert.deepEqual(toCell.origin, { cell: 1, start: 0, end: 5 });
    assert.deepEqual(toCell.targets, [{ kind: "cell", span: { cell: 0, start: 21, end: 26 } }]);

    const [cell, offset] = find(cells, "randn");
    const toFile = s.definition(cell, offset)!.targets[0]!;
    assert.equal(toFile.kind, "file");
    assert.ok(toFile.kind === "file" && toFile.fileName === path.join(folder, "nnbook", "engine", "creation.d.ts"), JSON.stringify(toFile));
    const line = readFileSync(toFile.fileName, "utf8").split("\n")[toFile.start.line]!;
    assert.equal(line.slice(toFile.start.character, toFile.end.character), "randn");
  });

  test("quick fixes: a misspelt name of another cell is offered its spelling, as an edit of the cell", () => {
    const s = notebook("const net = nn.Linear(2, 1);", "const x = randn([3, 2]);\nnett(x)");
    const [problem] = s.diagnostics();
    assert.equal(problem!.message, "Cannot find name 'nett'. Did you mean 'net'?");
    const fixes = s.codeFixes(problem!.cell, problem!.start, problem!.end, [problem!.code]);
    const spelling = fixes.find((f) => f.fixName === "spelling");
    assert.deepEqual(spelling, { title: "Change spelling to 'net'", fixName: "spelling", edits: [{ cell: 1, start: 25, end: 29, newText: "net" }] });
  });

  test("quick fixes reach the cell language's names, and a fix that would edit outside the cells is left out", () => {
    const s = notebook("const t = tensr([1, 2]);", "missing(1);");
    const [typo, missing] = s.diagnostics();
    assert.deepEqual(s.codeFixes(0, typo!.start, typo!.end, [typo!.code]).map((f) => f.title), ["Change spelling to 'tensor'"]);
    // TypeScript would add `function missing` at the end of the virtual file, past the last cell.
    assert.equal(missing!.message, "Cannot find name 'missing'.");
    assert.deepEqual(s.codeFixes(1, missing!.start, missing!.end, [missing!.code]), []);
  });

  test("an edit re-checks only when a cell's text changed", () => {
    const s = notebook("const a = 1;", "a.toFixed(1)");
    assert.equal(s.setCells(["const a = 1;", "a.toFixed(1)"]), false);
    assert.equal(s.setCells(["let a = 'x';", "a.toFixed(1)"]), true);
    assert.deepEqual(problems(s), ["1:2-9 Property 'toFixed' does not exist on type 'string'. Did you mean 'fixed'?"]);
  });
});
