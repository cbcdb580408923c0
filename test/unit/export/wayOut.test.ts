// examples/the-way-out.nnbook as a user runs it: the command line runs it in a folder of its own, then the files it
// wrote are used with the real tools — PyTorch runs digits.py, ONNX Runtime runs digits.onnx — and agree.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as ort from "onnxruntime-web";
import { FLATTEN, runPython, scratch } from "./pythonRunner";

const repo = path.resolve(__dirname, "../../..");

test("the way-out example writes files that PyTorch and ONNX Runtime run to the same outputs", async () => {
  const dir = scratch("nnbook-way-out-");
  copyFileSync(path.join(repo, "examples/the-way-out.nnbook"), path.join(dir, "the-way-out.nnbook"));
  execFileSync(process.execPath, [path.join(repo, "out/cli/nnbook.js"), "run", "the-way-out.nnbook", "--quiet"], { cwd: dir, stdio: "pipe" });
  assert.deepEqual(readdirSync(dir).sort(), ["digits.onnx", "digits.py", "digits.safetensors", "the-way-out.nnbook"]);
  const torchOut = runPython(dir, `${FLATTEN}
import digits
with torch.no_grad():
    print(json.dumps(flat(digits.load()(digits.sample_input())[:1])))
`) as number[];
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(path.join(dir, "digits.onnx"))));
  const x = new ort.Tensor("float32", Float32Array.from({ length: 64 }, (_, i) => ((i % 17) - 8) / 8), [1, 64]);
  const onnxOut = Array.from((await session.run({ input: x })).output.data as Float32Array);
  assert.equal(onnxOut.length, 10);
  onnxOut.forEach((v, i) => assert.ok(Math.abs(v - torchOut[i]) < 1e-5, `class ${i}: ONNX ${v}, PyTorch ${torchOut[i]}`));
});
