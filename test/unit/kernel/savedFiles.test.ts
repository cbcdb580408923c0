// Files cells write (save, the exports) on a real disk: the host writes them, inside the workspace only, never
// over a file that exists unless asked, never through a link, and never half; the kernel itself cannot write.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { newKernel, runCell } from "./kernelHarness";
import { writeWorkspaceFile } from "../../../src/kernel/workspaceWrite";
import { execFileSync } from "node:child_process";
import { PYTHON } from "../export/pythonRunner";

const failure = (ran: Awaited<ReturnType<typeof runCell>>) => (ran.result.ok ? "(it succeeded)" : ran.result.error.message);

describe("save and load in a kernel", () => {
  const root = mkdtempSync(path.join(tmpdir(), "nnbook-save-"));
  const ws = path.join(root, "ws");
  mkdirSync(path.join(ws, "models"), { recursive: true });
  writeFileSync(path.join(root, "outside.safetensors"), "theirs");
  symlinkSync("../outside.safetensors", path.join(ws, "link.safetensors"));
  writeFileSync(path.join(ws, "notes.safetensors"), "my notes");
  let kernel = newKernel({ notebookDir: ws });
  after(() => kernel.dispose());

  test("a model saved in one cell loads in the next, with the same outputs", async () => {
    const cell = [
      "class Net extends nn.Module { fc = nn.Linear(2, 3); out = nn.Linear(3, 1); forward(x: Tensor) { return this.out(this.fc(x).tanh()); } }",
      "manualSeed(1); const net = new Net(); const x = randn([4, 2]);",
      'await save(net, "models/net.safetensors");',
    ].join("\n");
    assert.deepEqual((await runCell(kernel, 1, cell)).result, { ok: true });
    assert.ok(existsSync(path.join(ws, "models/net.safetensors")));
    const ran = await runCell(kernel, 2, 'const back = await load("models/net.safetensors"); console.log(back(x).sub(net(x)).abs().max().item(), back instanceof Net)');
    assert.equal(ran.stdout, "0 true\n");
  });

  test("a name that exists is replaced only with overwrite", async () => {
    const before = readFileSync(path.join(ws, "models/net.safetensors"));
    assert.equal(failure(await runCell(kernel, 3, 'await save(nn.Linear(1, 1), "models/net.safetensors")')), "save: models/net.safetensors exists already; pass { overwrite: true } to replace it");
    assert.deepEqual(readFileSync(path.join(ws, "models/net.safetensors")), before);
    assert.deepEqual((await runCell(kernel, 4, 'await save(nn.Linear(1, 1), "models/net.safetensors", { overwrite: true }); console.log(String(await load("models/net.safetensors")))')).stdout, "Linear(inFeatures=1, outFeatures=1, bias=true)\n");
  });

  test("a file that is not ours, a link, a path outside and a missing folder are refused, and nothing is touched", async () => {
    assert.match(failure(await runCell(kernel, 5, 'await save(nn.Linear(1, 1), "notes.safetensors", { overwrite: true })')), /^save: notes\.safetensors exists and is not a file nnbook wrote \(not safetensors\), so it is left as it is/);
    assert.equal(readFileSync(path.join(ws, "notes.safetensors"), "utf8"), "my notes");
    assert.match(failure(await runCell(kernel, 6, 'await save(nn.Linear(1, 1), "link.safetensors", { overwrite: true })')), /^save: link\.safetensors: cells read and write files inside the workspace only/);
    assert.equal(readFileSync(path.join(root, "outside.safetensors"), "utf8"), "theirs");
    assert.match(failure(await runCell(kernel, 7, 'await save(nn.Linear(1, 1), "../escaped.safetensors")')), /^save: \.\.\/escaped\.safetensors: cells read and write files inside the workspace only/);
    assert.equal(existsSync(path.join(root, "escaped.safetensors")), false);
    assert.match(failure(await runCell(kernel, 8, 'await save(nn.Linear(1, 1), "nowhere/m.safetensors")')), /^save: nowhere\/m\.safetensors: the folder .*nowhere does not exist$/);
    assert.deepEqual(readdirSync(path.join(ws, "models")), ["net.safetensors"], "no temporary file is left");
  });

  test("after a restart, load names the class of the user's own until its cell runs again", async () => {
    assert.deepEqual((await runCell(kernel, 9, 'await save(net, "net.safetensors")')).result, { ok: true });
    kernel.dispose();
    kernel = newKernel({ notebookDir: ws });
    assert.match(failure(await runCell(kernel, 1, 'await load("net.safetensors")')), /^load: the model is a Net, a module class of your own, and no class Net is defined in this kernel: run the cell that defines class Net/);
    const define = "class Net extends nn.Module { fc = nn.Linear(2, 3); out = nn.Linear(3, 1); forward(x: Tensor) { return this.out(this.fc(x).tanh()); } }";
    const ran = await runCell(kernel, 2, `${define}\nconst again = await load("net.safetensors"); console.log(again instanceof Net, Object.keys(again.stateDict()).join(" "))`);
    assert.equal(ran.stdout, "true fc.weight fc.bias out.weight out.bias\n");
  });

  test("exportPyTorch and exportOnnx write from the cells' realm, and what they wrote runs", async () => {
    const ran = await runCell(kernel, 4, 'manualSeed(1); const iris = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)); await exportPyTorch(iris, "iris.py"); await exportOnnx(iris, "iris.onnx"); show.pytorch(iris)');
    assert.deepEqual(ran.result, { ok: true });
    assert.match(ran.text.join(""), /^# Written by nnbook/);
    assert.deepEqual(readdirSync(ws).filter((f) => f.startsWith("iris")).sort(), ["iris.onnx", "iris.py", "iris.safetensors"]);
    const printed = execFileSync(PYTHON, ["iris.py"], { cwd: ws, encoding: "utf8" });
    assert.match(printed, /^tensor\(\[\[/);
    const onnx = readFileSync(path.join(ws, "iris.onnx"));
    assert.ok(onnx.includes(Buffer.from("nnbook")), "the producer is named");
  });

  test("the kernel process itself cannot write: only the host does", async () => {
    // Even with Node's modules allowed to cells, the permission model of the kernel's process refuses writes.
    const open = newKernel({ notebookDir: ws, allowNodeModules: true });
    try {
      const tried = await runCell(open, 1, `const fs = require("node:fs"); try { fs.writeFileSync(${JSON.stringify(path.join(ws, "direct.txt"))}, "x"); console.log("wrote") } catch (e) { console.log((e as any).code) }`);
      assert.equal(tried.stdout, "ERR_ACCESS_DENIED\n");
    } finally {
      open.dispose();
    }
  });
});

describe("the host's writer", () => {
  const root = mkdtempSync(path.join(tmpdir(), "nnbook-write-"));
  const bytes = new Uint8Array([1, 2, 3]);

  test("writes whole files, refuses what exists unless asked, and leaves nothing behind", async () => {
    assert.deepEqual(await writeWorkspaceFile("a.bin", bytes, root, [root], false), { displayPath: "a.bin" });
    assert.deepEqual(new Uint8Array(readFileSync(path.join(root, "a.bin"))), bytes);
    await assert.rejects(writeWorkspaceFile("a.bin", new Uint8Array([9]), root, [root], false), { message: "a.bin: exists already; pass { overwrite: true } to replace it" });
    await writeWorkspaceFile("a.bin", new Uint8Array([9]), root, [root], true);
    assert.deepEqual([...readFileSync(path.join(root, "a.bin"))], [9]);
    mkdirSync(path.join(root, "dir.bin"));
    await assert.rejects(writeWorkspaceFile("dir.bin", bytes, root, [root], true), { message: "dir.bin: exists and is not a regular file, so it is not replaced" });
    assert.deepEqual(readdirSync(root).sort(), ["a.bin", "dir.bin"]);
  });
});
