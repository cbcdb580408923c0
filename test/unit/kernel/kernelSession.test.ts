import assert from "node:assert/strict";
import { after, test } from "node:test";
import { newKernel, runCell } from "./kernelHarness";

const kernel = newKernel({ interruptGraceMs: 300 });
after(() => kernel.dispose());

test("declarations of one cell are visible in later cells, and re-running replaces them", async () => {
  assert.deepEqual((await runCell(kernel, 1, "const n = 2;\nlet m = 3;\nfunction twice(x: number) { return 2 * x; }\nclass Box { v = 7 }")).result, { ok: true });
  assert.deepEqual((await runCell(kernel, 2, "twice(n) + m + new Box().v")).text, ["14"]);
  assert.deepEqual((await runCell(kernel, 1, "const n = 10;")).result, { ok: true });
  assert.deepEqual((await runCell(kernel, 2, "const { a, b: [c] } = { a: n, b: [m] };\na + c")).text, ["13"]);
});

test("top-level await works and the last expression is displayed after the console text", async () => {
  const ran = await runCell(kernel, 3, 'console.log("before");\nconst v = await new Promise<number>((r) => setTimeout(() => r(41), 10));\nv + 1');
  assert.deepEqual(ran.result, { ok: true });
  assert.deepEqual(ran.events.map((e) => e.kind), ["stream", "display"]);
  assert.equal(ran.stdout, "before\n");
  assert.deepEqual(ran.text, ["42"]);
});

test("a cell without a last expression displays nothing", async () => {
  const ran = await runCell(kernel, 4, "const unused = 1;");
  assert.deepEqual(ran.events, []);
});

test("a tensor is displayed as the matrix view with PyTorch's text as fallback", async () => {
  const ran = await runCell(kernel, 5, "tensor([[1, 2], [3, 4]]).matmul(tensor([[5, 6], [7, 8]]))");
  const display = ran.events.find((e) => e.kind === "display");
  assert.ok(display && display.kind === "display");
  assert.equal(display.items[0].mime, "application/vnd.nnbook.tensor+json");
  assert.deepEqual(display.items[0].data, { version: 1, shape: [2, 2], data: [19, 22, 43, 50], requiresGrad: false });
  assert.equal(display.items[1].data, "tensor([[19., 22.],\n        [43., 50.]])");
});

test("console output streams while a long synchronous loop runs", async () => {
  const ran = await runCell(
    kernel,
    6,
    "const t0 = Date.now();\nfor (let i = 0; i < 4; i++) {\n  console.log(`tick ${i}`);\n  while (Date.now() - t0 < (i + 1) * 120) {}\n}",
  );
  const chunks = ran.events.filter((e) => e.kind === "stream");
  assert.ok(chunks.length >= 3, `output came in ${chunks.length} messages`);
  assert.equal(ran.stdout, "tick 0\ntick 1\ntick 2\ntick 3\n");
});

test("an error shows its message and the cell and line it came from, through functions of other cells", async () => {
  await runCell(kernel, 7, "// helper\nfunction explode(): never {\n  throw new RangeError('boom');\n}");
  const ran = await runCell(kernel, 8, "const ok = 1;\n\nexplode();");
  assert.equal(ran.result.ok, false);
  if (ran.result.ok) return;
  assert.equal(ran.result.error.name, "RangeError");
  assert.equal(ran.result.error.message, "boom");
  assert.deepEqual(ran.result.error.location, { cellNumber: 7, line: 3, column: 9 });
  assert.equal(ran.result.error.stack, "RangeError: boom\n    at explode (cell 7, line 3:9)\n    at cell 8, line 3:1");
});

test("an engine error points at the user's line, not the engine's", async () => {
  const ran = await runCell(kernel, 9, "const p = tensor([[1, 2, 3]]);\np.matmul(tensor([[1, 2]]))");
  assert.equal(ran.result.ok, false);
  if (ran.result.ok) return;
  assert.match(ran.result.error.message, /^matmul: cannot multiply \[1,3\] by \[1,2\] \(3 ≠ 1\)$/);
  assert.equal(ran.result.error.location?.line, 2);
  assert.doesNotMatch(ran.result.error.stack, /language\.js|worker\.js/);
});

test("a syntax error names the cell, line and column", async () => {
  const ran = await runCell(kernel, 10, "const a = 1;\nconst b = ;");
  assert.equal(ran.result.ok, false);
  if (ran.result.ok) return;
  assert.equal(ran.result.error.name, "SyntaxError");
  assert.equal(ran.result.error.message, "Expression expected. (cell 10, line 2:11)");
});

test("cells see no process and no require", async () => {
  assert.deepEqual((await runCell(kernel, 11, "[typeof process, typeof require]")).text, ["[ 'undefined', 'undefined' ]"]);
});

test("a loop that never yields is ended by restarting the kernel, which says that state was lost", async () => {
  await runCell(kernel, 12, "const survivor = 1;");
  const started = Date.now();
  const running = runCell(kernel, 13, "while (true) {}");
  setTimeout(() => kernel.interrupt(), 200);
  const ran = await running;
  assert.ok(Date.now() - started < 1500);
  assert.equal(ran.result.ok, false);
  if (ran.result.ok) return;
  assert.equal(ran.result.error.name, "KernelRestarted");
  assert.match(ran.result.error.message, /restarted/);
  const after = await runCell(kernel, 14, "typeof survivor");
  assert.deepEqual(after.text, ["undefined"]);
});
