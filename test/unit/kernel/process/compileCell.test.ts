import assert from "node:assert/strict";
import { test } from "node:test";
import vm from "node:vm";
import { compileCell } from "../../../../src/kernel/process/compileCell";

/** Runs a compiled cell as the kernel does: a script, not a module, after its names are declared. */
function run(source: string, context = vm.createContext({})): Promise<unknown> {
  const { js, names } = compileCell(source, "cell");
  if (names.length) vm.runInContext(`let ${names.join(", ")};`, context);
  return new vm.Script(js).runInContext(context);
}

test("a line `export {};` inside a template literal stays in the string", async () => {
  assert.equal(await run("const s = `\nexport {};\n`; s"), "\nexport {};\n");
});

test("a cell with an import compiles to a script, its strings untouched", async () => {
  const { js } = compileCell('import type { Tensor } from "nnbook";\nconst s = `a\nexport {};\nb`;\ns', "cell");
  assert.doesNotThrow(() => new vm.Script(js));
  assert.match(js, /`a\nexport \{\};\nb`/);
  assert.doesNotMatch(js.replace(/`[^`]*`/g, ""), /export/);
});

test("a cell's top-level names are assigned, not declared: the kernel declares them once, and later cells see them", async () => {
  const context = vm.createContext({});
  const first = compileCell("const [a, { b }] = [1, { b: 2 }];\nfunction twice(x: number) { return 2 * x; }\nclass Box {}\nlet c: number;", "cell");
  assert.deepEqual(first.names, ["a", "b", "twice", "Box", "c"]);
  assert.doesNotMatch(first.js, /\b(var|let|const) (a|b|c|twice|Box)\b/);
  await run("const [a, { b }] = [1, { b: 2 }];\nfunction twice(x: number) { return 2 * x; }\nclass Box {}\nlet c: number;", context);
  // The function reached the name outside the cell (through the wrapper's setters), hoisted as before.
  assert.equal(await run("twice(a + b)", context), 6);
  assert.equal(await run("const t = early();\nfunction early() { return typeof Box; }\nt", context), "function");
  // Re-running a cell assigns again: no second declaration, no error.
  const again = compileCell("const a = 10;", "cell");
  assert.equal(await new vm.Script(again.js).runInContext(context), undefined);
  assert.equal(await run("a", context), 10);
});
