// t[0] on a tensor is PyTorch's indexing, which JavaScript cannot give a class: it throws, naming the
// method to use, instead of giving undefined. Everything else that looks at a tensor's properties works
// as before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { Tensor, nn, tensor } from "../../../src/engine/index";
import { structuredClone } from "../../../src/language/realm/structuredClone";

const reading = (key: string) =>
  `tensor[${key}]: a tensor is not indexed with [] in the cell language; write t.at(${key}) (PyTorch's t[${key}]), t.get(…) for a number, or t.toArray()[${key}]`;

test("reading t[0] throws, naming t.at(0); so does W[0][1] += eps and writing t[0] = v", () => {
  const W = tensor([[1, 2], [3, 4]]) as any;
  assert.throws(() => W[0], { name: "TypeError", message: reading("0") });
  assert.throws(() => W[-1], { message: reading("-1") });
  assert.throws(() => (W[0][1] += 1e-3), { message: reading("0") });
  assert.throws(() => (W[1] = 5), {
    name: "TypeError",
    message: "tensor[1] = …: a tensor is not indexed with [] in the cell language; write t.set(1, value) (PyTorch's t[1] = value), inside noGrad(() => …) for a tensor that requires grad",
  });
  assert.equal(Object.hasOwn(W, "1"), false, "nothing was written");
  const p = nn.Linear(2, 1).weight as any;
  assert.throws(() => p[0], { message: reading("0") }, "parameters too");
});

test("inspecting, cloning, serializing and probing a tensor are unaffected", async () => {
  const t = tensor([[1, 2]], { requiresGrad: true });
  assert.equal(inspect(t), "tensor([[1., 2.]], requires_grad=True)");
  assert.match(inspect({ t, list: [t] }, { depth: 4 }), /tensor\(\[\[1\., 2\.\]\], requires_grad=True\)/);
  assert.equal(JSON.stringify(t), '{"shape":[1,2],"data":[1,2]}');
  assert.equal("0" in t, false);
  assert.equal("shape" in t, true);
  assert.equal((t as any).notAMethod, undefined, "other missing names are still undefined");
  assert.equal((t as any)[Symbol.iterator], undefined);
  assert.equal(await Promise.resolve(t), t, "await looks up then, which is not numeric");
  assert.equal(`${t.at(0).at(1)}`, "tensor(2., grad_fn=<SelectBackward0>)");
  assert.deepEqual(Object.keys(t).sort(), ["data", "grad", "gradFn", "requiresGrad", "retainsGrad", "shape"]);
  assert.deepEqual((structuredClone(t) as unknown as { shape: number[] }).shape, [1, 2]);
  assert.deepEqual({ ...t }.shape, [1, 2]);
  assert.ok(t instanceof Tensor && t instanceof Object && Object.prototype.isPrototypeOf(t));
  assert.equal(t.hasOwnProperty("data"), true, "Object.prototype's methods are reached");
  assert.deepEqual(tensor([1, 2]), tensor([1, 2]));
  assert.equal(Array.isArray(t), false);
  assert.equal(Object.prototype.toString.call(t), "[object Object]");
});
