import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { newKernel, runCell } from "./kernelHarness";

// A cell must never get hold of an object made in the kernel's own realm: its `.constructor` would be
// the kernel's Function, and `Function("return process")()` the real process.
describe("no object of the kernel's realm reaches a cell", () => {
  const kernel = newKernel();
  after(() => kernel.dispose());

  const routes: Record<string, string> = {
    "the global object's constructor": "globalThis.constructor",
    "console.log": "console.log",
    "console": "console",
    setTimeout: "setTimeout",
    "a timer": "setTimeout(() => {}, 1)",
    clearTimeout: "clearTimeout",
    setInterval: "setInterval",
    queueMicrotask: "queueMicrotask",
    structuredClone: "structuredClone",
    TextEncoder: "TextEncoder",
    "a TextDecoder": "new TextDecoder()",
    "performance.now": "performance.now",
    "the import function": 'globalThis[Symbol.for("nnbook.import")]',
    "inspect.custom's inspect argument": 'await new Promise((r) => console.log({ [Symbol.for("nodejs.util.inspect.custom")]: (d: unknown, o: unknown, inspect: unknown) => (r(inspect), "x") }))',
    "the rejection of data.csv": 'await data.csv("missing.csv").catch((e) => e)',
    "the rejection of a path outside": 'await data.csv("/etc/passwd").catch((e) => e)',
    "the rejection of load": 'await load("missing.safetensors").catch((e) => e)',
    "the rejection of save": 'await save(nn.Linear(1, 1), "/tmp/x.safetensors").catch((e) => e)',
    "the rejection of import()": 'await import("node:fs").catch((e) => e)',
    "the rejection of a static import": 'await Promise.resolve().then(() => globalThis[Symbol.for("nnbook.import")]("node:fs")).catch((e) => e)',
    "a structuredClone error": "(() => { try { structuredClone(() => 1); } catch (e) { return e; } })()",
    "a memory refusal": '(() => { try { new WebAssembly.Memory({ initial: 65536 }); } catch (e) { return e; } })()',
  };
  for (const [name, expression] of Object.entries(routes)) {
    test(name, async () => {
      // A function's constructor, or an object's constructor's constructor, is the cells' own Function.
      const ran = await runCell(kernel, 1, `const v: any = ${expression};\nconst made = typeof v === "function" ? v : v.constructor;\n[typeof v, made.constructor === Function]`);
      assert.deepEqual(ran.result, { ok: true }, JSON.stringify(ran.result));
      assert.match(ran.text[0], /^\[ '(object|function)', true \]$/);
    });
  }

  test("code cannot be made from strings: the Function constructor and eval are refused", async () => {
    for (const source of ['this.constructor.constructor("return process")()', 'eval("1 + 1")', 'new Function("return 1")()']) {
      const ran = await runCell(kernel, 2, source);
      assert.equal(ran.result.ok, false, source);
      if (!ran.result.ok) assert.match(ran.result.error.message, /Code generation from strings disallowed for this context: cells cannot run code made from strings \(eval, new Function/);
    }
  });

  test("the kernel's hooks are not left on the global object", async () => {
    const ran = await runCell(kernel, 3, "Object.getOwnPropertySymbols(globalThis).map(String)");
    assert.deepEqual(ran.text, ["[ 'Symbol(nnbook.import)' ]"]);
  });

  test("dynamic import of the cell language works", async () => {
    const ran = await runCell(kernel, 4, 'const lib = await import("nnbook");\nlib.tensor === tensor');
    assert.deepEqual(ran.text, ["true"]);
  });
});

// The process-level mechanism: even a cell given Node itself (the allowNodeModules setting) runs
// under Node's permission model.
describe("the kernel process runs under Node's permission model", () => {
  const workspace = mkdtempSync(path.join(tmpdir(), "nnbook-sandbox-"));
  mkdirSync(path.join(workspace, "ws"));
  writeFileSync(path.join(workspace, "secret.txt"), "the secret");
  writeFileSync(path.join(workspace, "ws", "data.csv"), "a,b\n1,0\n");
  const kernel = newKernel({ allowNodeModules: true, notebookDir: path.join(workspace, "ws") });
  after(() => kernel.dispose());

  const denied = async (source: string) => {
    const ran = await runCell(kernel, 1, source);
    assert.equal(ran.result.ok, false, source);
    if (!ran.result.ok) assert.match(ran.result.error.message + ran.result.error.name, /ERR_ACCESS_DENIED|Access to this API has been restricted/, source);
  };

  test("it reads inside the workspace", async () => {
    const ran = await runCell(kernel, 1, 'require("node:fs").readFileSync("data.csv", "utf8")');
    assert.deepEqual(ran.text, ["a,b\n1,0\n"]);
  });
  test("it reads nothing outside", () => denied(`require("node:fs").readFileSync(${JSON.stringify(path.join(workspace, "secret.txt"))}, "utf8")`));
  test("it writes nothing, not even in the workspace", () => denied('require("node:fs").writeFileSync("new.txt", "x")'));
  test("it starts no process", () => denied('require("node:child_process").execSync("echo hi")'));
  test("it loads no native addon", async () => {
    const ran = await runCell(kernel, 1, 'process.dlopen({ exports: {} }, "/nonexistent.node")');
    assert.equal(ran.result.ok, false);
    if (!ran.result.ok) assert.match(ran.result.error.message, /addons|dlopen|disabled/i);
  });
});

describe("data.csv reads regular files inside the workspace only", () => {
  const root = mkdtempSync(path.join(tmpdir(), "nnbook-files-"));
  const ws = path.join(root, "ws");
  mkdirSync(ws);
  writeFileSync(path.join(root, "secret.txt"), "x,y\n42,1\n");
  symlinkSync("../secret.txt", path.join(ws, "link.csv"));
  writeFileSync(path.join(ws, "huge.csv"), "");
  const kernel = newKernel({ notebookDir: ws });
  after(() => kernel.dispose());

  test("a symbolic link out of the workspace is refused, and nothing of the file is shown", async () => {
    const ran = await runCell(kernel, 1, 'await data.csv("link.csv")');
    assert.equal(ran.result.ok, false);
    if (ran.result.ok) return;
    assert.match(ran.result.error.message, /^link\.csv: cells read and write files inside the workspace only/);
    assert.doesNotMatch(ran.result.error.message, /42/);
  });

  test("a file too large for a kernel is refused before it is read", async () => {
    // Sparse: 300 MB on paper, nothing on disk.
    truncateSync(path.join(ws, "huge.csv"), 300 * 2 ** 20);
    const ran = await runCell(kernel, 3, 'await data.csv("huge.csv")');
    assert.equal(ran.result.ok, false);
    if (!ran.result.ok) assert.match(ran.result.error.message, /^huge\.csv: is 300 MB; cells read files of up to 256 MB$/);
  });

  test("a FIFO is refused at once instead of hanging the kernel", async (t) => {
    const { execFileSync } = await import("node:child_process");
    try {
      execFileSync("mkfifo", [path.join(ws, "pipe.csv")]);
    } catch {
      return t.skip("mkfifo is not available");
    }
    const started = Date.now();
    const ran = await runCell(kernel, 2, 'await data.csv("pipe.csv")');
    assert.ok(Date.now() - started < 2000);
    assert.equal(ran.result.ok, false);
    if (!ran.result.ok) assert.match(ran.result.error.message, /^pipe\.csv: is not a regular file/);
  });
});
