import assert from "node:assert/strict";
import { after, test } from "node:test";
import { newKernel, runCell } from "./kernelHarness";

const kernel = newKernel();
after(() => kernel.dispose());

async function failure(cellNumber: number, source: string, executionCount?: number) {
  const ran = await runCell(kernel, cellNumber, source, executionCount);
  assert.equal(ran.result.ok, false, source);
  if (ran.result.ok) throw new Error("unreachable");
  return ran.result.error;
}

test("a misspelt name of an earlier cell is suggested, in the message and the stack", async () => {
  await runCell(kernel, 1, "const net = nn.Linear(2, 1);");
  const error = await failure(2, "const y = 1;\nnett(tensor([[1, 2]]))", 2);
  assert.equal(error.name, "ReferenceError");
  assert.equal(error.message, "nett is not defined. Did you mean 'net'?");
  assert.equal(error.stack, "ReferenceError: nett is not defined. Did you mean 'net'?\n    at cell [2], the 2nd cell, line 2:1");
});

test("names of the cell language and of JavaScript are suggested too", async () => {
  assert.equal((await failure(3, "tensr([1, 2])")).message, "tensr is not defined. Did you mean 'tensor'?");
  assert.equal((await failure(4, "optm.SGD")).message, "optm is not defined. Did you mean 'optim'?");
  assert.equal((await failure(5, "Mth.max(1, 2)")).message, "Mth is not defined. Did you mean 'Math'?");
  assert.equal((await failure(6, "function later() { return helpr(); }\nfunction helper() { return 1; }\nlater()")).message, "helpr is not defined. Did you mean 'helper'?");
});

test("a name nothing is near is left as V8 says it, and short names are not guessed at", async () => {
  assert.equal((await failure(7, "completelyUnknown + 1")).message, "completelyUnknown is not defined");
  assert.equal((await failure(8, "q + 1")).message, "q is not defined");
});

test("an error thrown in a timer's callback is suggested the same way", async () => {
  const ran = await runCell(kernel, 9, "await new Promise<void>((resolve) => { setTimeout(() => { resolve(); tensr(1); }, 1); });\nawait new Promise((r) => setTimeout(r, 20));");
  const stderr = ran.events.map((e) => (e.kind === "stream" && e.name === "stderr" ? e.text : "")).join("");
  assert.match(stderr, /^Uncaught ReferenceError: tensr is not defined\. Did you mean 'tensor'\?/);
});
