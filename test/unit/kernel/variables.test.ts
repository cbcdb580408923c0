import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { KernelState } from "../../../src/kernel";
import { newKernel, runCell } from "./kernelHarness";

const kernel = newKernel({ interruptGraceMs: 300 });
after(() => kernel.dispose());

test("after a run the kernel lists the cells' top-level names with type, shape, parameters and a short value", async () => {
  const ran = await runCell(
    kernel,
    1,
    [
      "const w = randn([3, 4]);",
      "const xor = data.xor();",
      "const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1));",
      "let lr = 0.1;",
      'const label = "run 1";',
      "function double(x: number) { return 2 * x; }",
      "const NaN2 = NaN;",
    ].join("\n"),
  );
  assert.equal(ran.result.ok, true);
  const byName = new Map(ran.variables?.map((v) => [v.name, v]));
  assert.deepEqual([...byName.keys()], ["NaN2", "double", "label", "lr", "net", "w", "xor"], "only the user's names, none of the language's");
  assert.deepEqual(byName.get("w"), { ...byName.get("w"), type: "Tensor", shape: [3, 4], inspectable: true });
  assert.match(byName.get("w")!.value, /^tensor\(\[\[/);
  assert.deepEqual(byName.get("xor"), { name: "xor", type: "Dataset", shape: [4, 2], value: byName.get("xor")!.value });
  assert.equal(byName.get("net")!.type, "Sequential");
  assert.equal(byName.get("net")!.parameters, 2 * 4 + 4 + 4 + 1);
  assert.deepEqual(byName.get("lr"), { name: "lr", type: "number", value: "0.1" });
  assert.deepEqual(byName.get("label"), { name: "label", type: "string", value: '"run 1"' });
  assert.deepEqual(byName.get("double"), { name: "double", type: "function", value: "function double" });
});

test("a name that replaces a language global is listed; a getter is not called", async () => {
  const ran = await runCell(kernel, 2, "const tensor2 = 1;\nObject.defineProperty(globalThis, 'trap', { get() { throw new Error('called'); } });");
  assert.equal(ran.result.ok, true);
  assert.ok(ran.variables?.some((v) => v.name === "tensor2"));
  assert.ok(!ran.variables?.some((v) => v.name === "trap"));
});

test("a listed tensor can be drawn as show.tensor draws it; other names cannot", async () => {
  const items = await kernel.inspect("w");
  assert.ok(items?.some((item) => item.mime === "application/vnd.nnbook.tensor+json"));
  assert.equal(await kernel.inspect("lr"), undefined);
  assert.equal(await kernel.inspect("nothing"), undefined);
  await runCell(kernel, 3, "w = 5 as never;");
  assert.equal(await kernel.inspect("w"), undefined, "the name no longer holds the tensor");
});

test("the kernel's state goes from busy to idle around a run, and through restarting after a restart", async () => {
  const seen: KernelState[] = [];
  const stop = kernel.onState((state) => seen.push(state));
  await runCell(kernel, 4, "1 + 1");
  assert.deepEqual(seen, ["busy", "idle"]);
  seen.length = 0;
  kernel.restart();
  assert.equal(kernel.state, "restarting");
  await new Promise<void>((resolve) => {
    const done = kernel.onState((state) => state === "idle" && (done(), resolve()));
  });
  assert.deepEqual(seen.slice(-2), ["restarting", "idle"]);
  const fresh = await runCell(kernel, 5, "typeof w");
  assert.deepEqual(fresh.text, ["undefined"], "the restarted kernel has no state");
  stop();
});

test("a kernel that dies is dead until the next run starts a fresh one", async () => {
  const dying = newKernel({ interruptGraceMs: 200 });
  try {
    await runCell(dying, 1, "1");
    const ran = runCell(dying, 2, "while (true) {}");
    await new Promise((resolve) => setTimeout(resolve, 300));
    dying.interrupt();
    assert.equal((await ran).result.ok, false);
    assert.equal(dying.state, "dead");
    await runCell(dying, 3, "1");
    assert.equal(dying.state, "idle");
  } finally {
    dying.dispose();
  }
});

test("a cell that shadows a language or JavaScript global lists it, and later cells see the cell's value", async () => {
  const ran = await runCell(kernel, 10, "const data = [1, 2, 3];\nconst Math = { PI: 3 };\nfunction later() { return Math.PI + data.length; }");
  assert.equal(ran.result.ok, true);
  const names = ran.variables?.map((v) => v.name) ?? [];
  for (const name of ["Math", "data", "later"]) assert.ok(names.includes(name), `${name} is listed`);
  const next = await runCell(kernel, 11, "console.log(later(), Math.PI, globalThis.Math.PI > 3.14)");
  assert.equal(next.result.ok, true);
  assert.equal(next.stdout, "6 3 true\n");
});

test("a name no `let` may take fails its own assignment, naming it, and the cell's other names are declared", async () => {
  const ran = await runCell(kernel, 12, "const keep = 1;\nconst undefined = 2;");
  assert.equal(ran.result.ok, false);
  assert.ok(!ran.result.ok && /undefined/.test(ran.result.error.message), !ran.result.ok ? ran.result.error.message : "");
  const next = await runCell(kernel, 13, "console.log(keep + 1)");
  assert.equal(next.result.ok, true);
  assert.equal(next.stdout, "2\n");
});
