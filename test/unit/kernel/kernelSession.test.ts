import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import type { LossPayload } from "../../../src/protocol/lossPayload";
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
  await runCell(kernel, 7, "// helper\nfunction explode(): never {\n  throw new RangeError('boom');\n}", 3);
  const ran = await runCell(kernel, 8, "const ok = 1;\n\nexplode();", 4);
  assert.equal(ran.result.ok, false);
  if (ran.result.ok) return;
  assert.equal(ran.result.error.name, "RangeError");
  assert.equal(ran.result.error.message, "boom");
  assert.deepEqual(ran.result.error.location, { cellNumber: 7, executionCount: 3, line: 3, column: 9 });
  assert.equal(ran.result.error.stack, "RangeError: boom\n    at explode (cell [3], the 7th cell, line 3:9)\n    at cell [4], the 8th cell, line 3:1");
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
  const ran = await runCell(kernel, 10, "const a = 1;\nconst b = ;", 5);
  assert.equal(ran.result.ok, false);
  if (ran.result.ok) return;
  assert.equal(ran.result.error.name, "SyntaxError");
  assert.equal(ran.result.error.message, "Expression expected. (cell [5], the 10th cell, line 2:11)");
  const uncounted = await runCell(kernel, 2, "const c = ;");
  assert.equal(!uncounted.result.ok && uncounted.result.error.message, "Expression expected. (the 2nd cell, line 1:11)");
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
  assert.match(ran.result.error.message, /^The cell did not stop when asked, so its kernel was restarted\.\nEvery variable from earlier cells is gone: run them again\.$/);
  assert.equal(ran.result.error.kernelLost, true);
  const after = await runCell(kernel, 14, "typeof survivor");
  assert.deepEqual(after.text, ["undefined"]);
});

test('`import … from "nnbook"` names the cell language, under any alias', async () => {
  const ran = await runCell(kernel, 15, 'import { tensor as t, nn } from "nnbook";\nimport * as lib from "nnbook";\n[t === lib.tensor, typeof nn.Linear]');
  assert.deepEqual(ran.text, ["[ true, 'function' ]"]);
});

test("a cell with an import keeps a line `export {};` that stands in a string", async () => {
  const ran = await runCell(kernel, 15, 'import { tensor } from "nnbook";\nconst s = `\nexport {};\n`;\n[typeof tensor, s]');
  assert.deepEqual(ran.result, { ok: true });
  assert.deepEqual(ran.text, ["[ 'function', '\\nexport {};\\n' ]"]);
});

test("importing a Node module is refused with the setting that allows it named", async () => {
  const ran = await runCell(kernel, 16, 'import { readFileSync } from "node:fs";');
  assert.equal(ran.result.ok, false);
  if (ran.result.ok) return;
  assert.match(ran.result.error.message, /cells can import only from "nnbook", not "node:fs".*nnbook\.kernel\.allowNodeModules/);
  assert.equal(ran.result.error.location?.line, 1);
});

test("with Node modules allowed, cells import them and see require and process", async () => {
  const open = newKernel({ allowNodeModules: true });
  try {
    const ran = await runCell(open, 1, 'import path from "node:path";\nimport { sep } from "node:path";\n[path.join("a", "b"), sep, typeof require, typeof process.cwd]');
    assert.deepEqual(ran.text, ["[ 'a/b', '/', 'function', 'function' ]"]);
  } finally {
    open.dispose();
  }
});

test("a tensor too large for memory is refused before it is allocated, and the kernel lives on", async () => {
  const ran = await runCell(kernel, 17, "const huge = zeros(100000, 100000);");
  assert.equal(ran.result.ok, false);
  if (ran.result.ok) return;
  assert.equal(ran.result.error.name, "RangeError");
  assert.match(ran.result.error.message, /10,000,000,000 elements would need 37\.3 GB; the limit is 268,435,456 elements \(1 GB\) per tensor/);
  assert.deepEqual((await runCell(kernel, 18, "1 + 1")).text, ["2"]);
});

test("running out of memory ends only the worker, with a message that says so", async () => {
  const small = newKernel({ memoryLimitMb: 64 });
  try {
    await runCell(small, 1, "const keep = 1;");
    const ran = await runCell(small, 2, "const hog: number[][] = [];\nwhile (true) hog.push(new Array(100000).fill(1.5));");
    assert.equal(ran.result.ok, false);
    if (ran.result.ok) return;
    assert.equal(ran.result.error.name, "OutOfMemory");
    // Whichever limit the hog passes first: the worker's 64 MB heap, or the whole process's 640 MB (2 × 64 + 512,
    // which a loaded machine's compiler and worker together can reach first).
    assert.match(ran.result.error.message, /ran out of memory \((its JavaScript heap passed 64 MB|the process used \d+ MB, over its 640 MB)\) and was restarted\.\nEvery variable from earlier cells is gone/);
    assert.equal(ran.result.error.kernelLost, true);
    assert.deepEqual((await runCell(small, 3, "typeof keep")).text, ["undefined"]);
  } finally {
    small.dispose();
  }
});

test("optimizers and modules log as PyTorch prints them; a model displays as its summary", async () => {
  const ran = await runCell(
    kernel,
    19,
    "const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh());\nconsole.log(optim.SGD(net.parameters(), { lr: 0.1 }));\nconsole.log(net);\nnet",
  );
  assert.equal(
    ran.stdout,
    "SGD(lr=0.1, momentum=0, dampening=0, nesterov=false, weightDecay=0, maximize=false; 2 parameters)\nSequential(\n  (0): Linear(inFeatures=2, outFeatures=4, bias=true)\n  (1): Tanh()\n)\n",
  );
  const display = ran.events.find((e) => e.kind === "display");
  assert.ok(display && display.kind === "display");
  assert.equal(display.items[0].mime, "application/vnd.nnbook.summary+json");
  const summary = display.items[0].data as { total: number; rows: { outputShape: string; params: number; equation?: string }[] };
  assert.equal(summary.total, 12);
  assert.deepEqual(summary.rows.map((r) => [r.outputShape, r.params]), [["[N, 4]", 12], ["[N, 4]", 0]]);
  assert.deepEqual(summary.rows.map((r) => r.equation), ["\\mathbf{z} = W\\mathbf{x} + \\mathbf{b},\\quad W \\in \\mathbb{R}^{4\\times2}", "a = \\tanh(z)"]);
  assert.match(ran.text[0], /^Sequential: 12 parameters\n0 +Linear/);
});

test("a [4, 8, 6, 1] MLP has 101 parameters in its summary", async () => {
  const ran = await runCell(kernel, 25, "nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 1))");
  assert.match(ran.text[0], /^Sequential: 101 parameters/);
});

test("the stop button ends train() between two steps and keeps the model", async () => {
  await runCell(kernel, 20, "manualSeed(0);\nconst spiral = data.spiral({ classes: 3 });\nconst model = nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 3));");
  const running = runCell(kernel, 21, "const run = await train(model, spiral, { epochs: 1000000, live: false });\nrun.interrupted");
  setTimeout(() => kernel.interrupt(), 400);
  const ran = await running;
  assert.deepEqual(ran.result, { ok: true });
  assert.deepEqual(ran.text, ["true"]);
  assert.match(ran.stdout, /^Training stopped at epoch [\d,]+ of 1,000,000(, after step \d+ of \d+ of that epoch)?: the model keeps the weights it had then \(loss \d\.\d+\)\.\n$/);
  assert.deepEqual((await runCell(kernel, 22, "[run.epochs > 0, model.parameters().length]")).text, ["[ true, 4 ]"]);
});

test("a stopped training's live loss chart says where it stopped, in its title and under it", async () => {
  const running = runCell(kernel, 21, "const stopped = await train(model, spiral, { epochs: 1000000 });");
  setTimeout(() => kernel.interrupt(), 600);
  const ran = await running;
  const last = ran.outputs.flatMap((o) => o.items).find((item) => item.mime === "application/vnd.nnbook.loss+json")?.data as LossPayload;
  assert.match(last.title, /^Training loss, stopped at epoch [\d,]+ of 1,000,000$/);
  assert.match(last.runs[0].lines.join("\n"), /stopped at epoch \d+ with the stop button/);
});

test("training streams one live loss chart, replaced in place", async () => {
  // Kept in a variable: a run as the cell's last value would be drawn again, as a chart of its own.
  const ran = await runCell(kernel, 23, "const fit = await train(model, spiral, { epochs: 40 });");
  const displays = ran.events.flatMap((e) => (e.kind === "display" ? [e] : []));
  assert.ok(displays.length >= 2, `${displays.length} display events`);
  assert.ok(displays.every((e) => e.items[0].mime === "application/vnd.nnbook.loss+json"));
  // One id throughout: the first event draws the chart, every later one updates it.
  const [first, ...updates] = displays;
  assert.match(first.id ?? "", /^train-\d+-loss$/);
  assert.equal(first.update, undefined);
  assert.ok(updates.every((e) => e.id === first.id && e.update === true), JSON.stringify(displays.map(({ id, update }) => ({ id, update }))));
  // Each update has at least the epochs of the one before, and the last has them all.
  const epochs = displays.map((e) => (e.items[0].data as LossPayload).series[0].y.length);
  assert.deepEqual(epochs, [...epochs].sort((a, b) => a - b));
  assert.equal(epochs.at(-1), 40);
  // Kept as the hosts keep it: one output, drawn once and then replaced, holding the last update.
  assert.deepEqual(ran.edits.map((e) => [e.kind, e.index]), [["append", 0], ...updates.map(() => ["replaceItems", 0])]);
  assert.deepEqual(ran.outputs, [{ items: displays.at(-1)!.items }]);
});

test("a cell ending in await train() shows the loss drawn live once, and its History as text", async () => {
  const ran = await runCell(kernel, 27, "await train(model, spiral, { epochs: 4 })");
  assert.deepEqual(ran.outputs.map((o) => o.items[0].mime), ["application/vnd.nnbook.loss+json", "text/plain"]);
  assert.match(String(ran.outputs[1].items[0].data), /^History\(4 epochs, loss /);
  // Another cell showing the same run draws its curve: it was drawn live elsewhere.
  await runCell(kernel, 28, "const again = await train(model, spiral, { epochs: 2, live: false });");
  const later = await runCell(kernel, 29, "again");
  assert.deepEqual(later.outputs.map((o) => o.items[0].mime), ["application/vnd.nnbook.loss+json"]);
});

test("live views by name: the loss and the boundary, each one output replaced in place", async () => {
  const ran = await runCell(kernel, 30, "const moons = data.moons({ n: 100, seed: 1 });\nconst net2 = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1));\nconst run2 = await train(net2, moons, { epochs: 30, live: ['loss', 'boundary'] });");
  assert.deepEqual(ran.outputs.map((o) => o.items[0].mime), ["application/vnd.nnbook.loss+json", "application/vnd.nnbook.boundary+json"]);
  const typo = await runCell(kernel, 31, "await train(net2, moons, { epochs: 3, live: ['boundry'] })");
  assert.equal(typo.result.ok, false);
  if (!typo.result.ok) assert.match(typo.result.error.message, /did you mean "boundary"\?/);
});

test("two training runs in one cell are two charts, each replaced in place", async () => {
  const ran = await runCell(kernel, 26, "await train(model, spiral, { epochs: 3 });\nconsole.log('between');\nconst second = await train(model, spiral, { epochs: 5 });");
  const loss = (o: { items: { mime: string; data: unknown }[] }) => o.items[0].data as LossPayload;
  assert.deepEqual(ran.outputs.map((o) => o.items[0].mime), ["application/vnd.nnbook.loss+json", "application/vnd.code.notebook.stdout", "application/vnd.nnbook.loss+json"]);
  assert.deepEqual([loss(ran.outputs[0]).series[0].y.length, loss(ran.outputs[2]).series[0].y.length], [3, 5]);
  assert.equal(loss(ran.outputs[2]).progress, undefined, "the chart's last drawing is the finished run");
});

test("data.csv reads relative to the notebook and says what is missing", async () => {
  const reader = newKernel({ notebookDir: path.resolve(__dirname, "../../../examples") });
  try {
    assert.deepEqual((await runCell(reader, 1, 'const iris = await data.csv("iris.csv");\niris.toString()')).text, ["Dataset(150 rows, x [150,4], y [150])"]);
    const missing = await runCell(reader, 2, 'await data.csv("nope.csv")');
    assert.equal(missing.result.ok, false);
    if (!missing.result.ok) assert.match(missing.result.error.message, /^nope\.csv: no such file/);
    const outside = await runCell(reader, 3, 'await data.csv("../../etc/passwd")');
    assert.equal(outside.result.ok, false);
    if (!outside.result.ok) assert.match(outside.result.error.message, /inside the workspace only/);
  } finally {
    reader.dispose();
  }
});

test("a dataset is displayed as its first rows and a scatter coloured by class", async () => {
  const ran = await runCell(kernel, 24, "data.xor()");
  const display = ran.events.find((e) => e.kind === "display");
  assert.ok(display && display.kind === "display");
  assert.equal(display.items[0].mime, "application/vnd.nnbook.dataset+json");
  const payload = display.items[0].data as { rows: number; classes: string[]; head: unknown[]; scatter: { label: number[] } };
  assert.equal(payload.rows, 4);
  assert.equal(payload.head.length, 4);
  assert.deepEqual(payload.scatter.label, [0, 1, 1, 0]);
  assert.equal(display.items[1].data, "Dataset(4 rows, x [4,2], y [4,1])");
});

test("the cell language keeps the built-ins it started with: a cell that replaces Math or Number breaks only its own code", async () => {
  const ran = await runCell(kernel, 30, "const savedMath = Math, savedNumber = Number;\nMath = { exp: () => 0 } as never;\nNumber = null as never;\nconst e = tensor([0, 1]).exp().data[1];\nMath = savedMath;\nNumber = savedNumber;\nMath.abs(e - Math.E) < 1e-6");
  assert.deepEqual(ran.result, { ok: true });
  assert.deepEqual(ran.text, ["true"]);
});
