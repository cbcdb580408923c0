import assert from "node:assert/strict";
import { after, test } from "node:test";
import { STARTER } from "../../../src/format/starterNotebook";
import { newKernel, runCell } from "../kernel/kernelHarness";

const kernel = newKernel();
after(() => kernel.dispose());

test("the New Notebook starter runs green, and each code cell shows something", async () => {
  const code = STARTER.flatMap((cell, i) => (cell.kind === "code" ? [{ ...cell, position: i + 1 }] : []));
  assert.ok(code.length >= 4);
  for (const cell of code) {
    const ran = await runCell(kernel, cell.position, cell.source);
    assert.equal(ran.result.ok, true, `${cell.source}\n${JSON.stringify(ran.result)}`);
    assert.ok(ran.outputs.length > 0, `the cell shows nothing: ${cell.source}`);
  }
});

test("the starter's training ends with a low loss: it shows a network that learned", async () => {
  const ran = await runCell(kernel, 99, "[run.loss.at(-1)! < 0.15, run.metrics.accuracy.at(-1)! > 0.95]");
  assert.deepEqual(ran.text, ["[ true, true ]"]);
});
