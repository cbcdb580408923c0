import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { newKernel, runCell } from "./kernelHarness";

describe("limits that hold: refused, bounded or reported, and the kernel lives on", () => {
  const kernel = newKernel({ memoryLimitMb: 256, maxTextBytes: 100_000, interruptGraceMs: 300 });
  after(() => kernel.dispose());

  test("tensors past the memory budget are refused before allocation, saying what is in use", async () => {
    await runCell(kernel, 1, "const keep: Tensor[] = [];");
    const ran = await runCell(kernel, 2, "for (let i = 0; i < 24; i++) keep.push(zeros(16 * 2 ** 20));");
    assert.equal(ran.result.ok, false);
    if (ran.result.ok) return;
    assert.equal(ran.result.error.name, "RangeError");
    assert.match(ran.result.error.message, /^out of memory for tensors: 64 MB more were asked for, and tensors and WebAssembly memory already use \d+ MB of this kernel's 256 MB/);
    assert.deepEqual((await runCell(kernel, 3, "keep.length >= 2 && keep.length < 5")).text, ["true"]);
  });

  test("tensors no longer referenced do not count against the budget", async () => {
    const ran = await runCell(kernel, 4, "keep.length = 0;\nfor (let i = 0; i < 20; i++) zeros(16 * 2 ** 20);\n'fine'");
    assert.deepEqual(ran.result, { ok: true });
  });

  test("WebAssembly memory counts too: a memory or a growth past the budget is refused", async () => {
    const big = await runCell(kernel, 5, "new WebAssembly.Memory({ initial: 16384 })");
    assert.equal(big.result.ok, false);
    if (!big.result.ok) assert.match(big.result.error.message, /^out of memory for WebAssembly\.Memory: 1,024 MB more were asked for/);
    const grow = await runCell(kernel, 6, "const m = new WebAssembly.Memory({ initial: 1 });\nm.grow(16384);");
    assert.equal(grow.result.ok, false);
    if (!grow.result.ok) assert.match(grow.result.error.message, /^out of memory for WebAssembly\.Memory\.grow/);
    assert.deepEqual((await runCell(kernel, 7, "m.buffer.byteLength")).text, ["65536"]);
  });

  test("a generated data set too large is refused before its plain arrays are built", async () => {
    const ran = await runCell(kernel, 8, "data.spiral({ n: 1e9 })");
    assert.equal(ran.result.ok, false);
    if (!ran.result.ok) assert.match(ran.result.error.message, /^data\.spiral: n = 1,000,000,000 is more than a generated data set holds \(at most 10,000,000 points\)$/);
  });

  test("a cell's console text is bounded, with a note of how much was dropped", async () => {
    const ran = await runCell(kernel, 9, 'for (let i = 0; i < 200; i++) console.log("x".repeat(10000));');
    assert.deepEqual(ran.result, { ok: true });
    const text = ran.events.map((e) => (e.kind === "stream" ? e.text : "")).join("");
    assert.ok(ran.stdout.length <= 100_000, `${ran.stdout.length} characters kept`);
    assert.match(text, /… output truncated: 1\.8 MB dropped \(a cell keeps its first 0\.1 MB of text\)\./);
    // The next cell has its own allowance.
    assert.equal((await runCell(kernel, 10, 'console.log("again")')).stdout, "again\n");
  });

  test("any thrown value is an error, and the kernel keeps its state", async () => {
    await runCell(kernel, 11, "const survivor = 42;");
    const cases: [string, RegExp][] = [
      ["throw Object.create(null);", /^uncaught value: \[Object: null prototype\] \{\}$/],
      ['throw { get message(): string { throw new Error("no"); } };', /^uncaught value: \{ message: \[Getter\] \}$/],
      ['throw Symbol("odd");', /^uncaught value: Symbol\(odd\)$/],
      ["throw undefined;", /^uncaught value: undefined$/],
      ['throw new Proxy({}, { get() { throw new Error("trap"); } });', /^uncaught value: /],
    ];
    for (const [source, message] of cases) {
      const ran = await runCell(kernel, 12, source);
      assert.equal(ran.result.ok, false, source);
      if (!ran.result.ok) {
        assert.match(ran.result.error.message, message, source);
        assert.notEqual(ran.result.error.kernelLost, true, source);
      }
    }
    assert.deepEqual((await runCell(kernel, 13, "survivor")).text, ["42"]);
  });

  test("a cell that replaces Promise and JSON breaks only its own code: its end is still reported", async () => {
    const own = newKernel();
    try {
      const ran = await runCell(own, 1, "(globalThis as any).Promise = undefined;\n(globalThis as any).JSON = undefined;\ntensor([1, 2])");
      assert.deepEqual(ran.result, { ok: true });
      assert.deepEqual(ran.text, ["tensor([1., 2.])"]);
      assert.deepEqual((await runCell(own, 2, "1 + 1")).text, ["2"]);
    } finally {
      own.dispose();
    }
  });

  test("a promise nobody handled is reported in its cell, and the kernel goes on", async () => {
    const ran = await runCell(kernel, 14, 'Promise.reject(new RangeError("late"));\nawait new Promise((r) => setTimeout(r, 20));');
    assert.deepEqual(ran.result, { ok: true });
    assert.match(ran.events.map((e) => (e.kind === "stream" ? e.text : "")).join(""), /Uncaught RangeError: late/);
  });

  test("a plain array that fills the JavaScript heap ends only the kernel, which says so", async () => {
    const small = newKernel({ memoryLimitMb: 256 });
    try {
      const ran = await runCell(small, 1, "const filled = new Array(3e8).fill(0);");
      assert.equal(ran.result.ok, false);
      if (ran.result.ok) return;
      assert.equal(ran.result.error.name, "OutOfMemory", ran.result.error.message);
      assert.equal(ran.result.error.kernelLost, true);
      assert.deepEqual((await runCell(small, 2, "1 + 1")).text, ["2"]);
    } finally {
      small.dispose();
    }
  });

  test("a huge tensor as the last value prints a summary without walking it", async () => {
    const big = newKernel();
    try {
      const ran = await runCell(big, 1, "zeros(2 ** 28)");
      assert.deepEqual(ran.result, { ok: true });
      assert.match(ran.text[0], /^tensor\(\[0\., 0\., 0\., +\.\.\., 0\., 0\., 0\.\]\)$/);
    } finally {
      big.dispose();
    }
  });
});

describe("output goes to the cell it belongs to, and survives the end of a kernel", () => {
  const kernel = newKernel({ interruptGraceMs: 300 });
  after(() => kernel.dispose());

  test("text printed just before a loop that never yields is delivered after the kernel is ended", async () => {
    await runCell(kernel, 1, "1"); // the kernel process is up before the stop button is pressed
    const running = runCell(kernel, 1, 'console.log("one");\nconsole.log("two");\nconsole.error("three");\nwhile (true) {}');
    setTimeout(() => kernel.interrupt(), 300);
    const ran = await running;
    assert.equal(ran.result.ok, false);
    if (!ran.result.ok) assert.equal(ran.result.error.name, "KernelRestarted");
    assert.equal(ran.stdout, "one\ntwo\n");
    assert.match(ran.events.map((e) => (e.kind === "stream" && e.name === "stderr" ? e.text : "")).join(""), /three/);
  });

  test("an interval left running by one cell prints nothing into the next, and its cell says so", async () => {
    const first = await runCell(kernel, 2, 'setInterval(() => console.log("tick"), 10);');
    assert.deepEqual(first.result, { ok: true });
    assert.match(first.events.map((e) => (e.kind === "stream" ? e.text : "")).join(""), /This cell ended with 1 setInterval still pending: what they print from now on is not shown/);
    const second = await runCell(kernel, 3, 'await new Promise((r) => setTimeout(r, 200));\nconsole.log("second");');
    assert.equal(second.stdout, "second\n");
  });

  test("a timer's output goes to its own cell while that cell still runs", async () => {
    const ran = await runCell(kernel, 4, 'const t = setInterval(() => console.log("tick"), 10);\nawait new Promise((r) => setTimeout(r, 55));\nclearInterval(t);');
    assert.match(ran.stdout, /^(tick\n){3,}$/);
    assert.doesNotMatch(ran.events.map((e) => (e.kind === "stream" ? e.text : "")).join(""), /still pending/);
  });

  test("a kernel process that aborts ends only itself; the next run starts a fresh one", async () => {
    const open = newKernel({ allowNodeModules: true });
    try {
      await runCell(open, 1, "const before = 1;");
      const pid = open.pid;
      // As a V8 fatal error does: the whole kernel process is ended by SIGABRT.
      const ran = await runCell(open, 2, 'process.kill(process.pid, "SIGABRT");\nawait new Promise((r) => setTimeout(r, 5000));');
      assert.equal(ran.result.ok, false);
      if (!ran.result.ok) {
        assert.equal(ran.result.error.name, "KernelCrashed");
        assert.match(ran.result.error.message, /^The kernel stopped unexpectedly \(killed by SIGABRT\) and was restarted\./);
        assert.equal(ran.result.error.kernelLost, true);
      }
      const next = await runCell(open, 3, "typeof before");
      assert.deepEqual(next.text, ["undefined"]);
      assert.notEqual(open.pid, pid);
    } finally {
      open.dispose();
    }
  });
});
