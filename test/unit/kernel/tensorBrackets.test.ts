// In a real kernel: t[0] in a cell stops the cell with the error naming t.at(0), and a tensor is still
// listed, printed and inspected as before.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { newKernel, runCell } from "./kernelHarness";

const kernel = newKernel({ interruptGraceMs: 300 });
after(() => kernel.dispose());

test("t[0] and W[0][1] += eps in a cell throw, naming t.at(0)", async () => {
  for (const source of ["const t = tensor([1, 2]);\nconst first = t[0];", "const W = randn([2, 2]);\nW[0][1] += 1e-4;"]) {
    const ran = await runCell(kernel, 1, source);
    assert.equal(ran.result.ok, false, source);
    if (!ran.result.ok) {
      assert.equal(ran.result.error.name, "TypeError");
      assert.match(ran.result.error.message, /^tensor\[0\]: a tensor is not indexed with \[\] in the cell language; write t\.at\(0\) \(PyTorch's t\[0\]\)/);
    }
  }
});

test("a tensor is still listed, printed and shown", async () => {
  const ran = await runCell(kernel, 2, "const w = tensor([[1, 2], [3, 4]]);\nconsole.log(w.at(1));\nw");
  assert.equal(ran.result.ok, true);
  assert.equal(ran.stdout, "tensor([3., 4.])\n");
  assert.deepEqual(ran.variables?.find((v) => v.name === "w")?.shape, [2, 2]);
  assert.ok(ran.text.some((t) => t.startsWith("tensor([[1., 2.],")), ran.text.join("\n"));
});
