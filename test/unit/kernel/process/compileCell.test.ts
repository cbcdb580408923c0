import assert from "node:assert/strict";
import { test } from "node:test";
import vm from "node:vm";
import { compileCell } from "../../../../src/kernel/process/compileCell";

/** Runs a compiled cell as the kernel does: a script, not a module. */
function run(source: string): Promise<unknown> {
  return new vm.Script(compileCell(source, "cell").js).runInNewContext({ globalThis: {} });
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
