// In-place ops: the values of their out-of-place twins written into the tensor, PyTorch's rule for
// leaves that require grad (only inside noGrad), results of a graph refused, and the copies that are
// views in PyTorch refused too, each with its message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Tensor, arange, manualSeed, noGrad, tensor, zeros } from "../../../src/engine/index";
import { assertTensor, fixture, fromEnc, type Enc } from "./helpers";

interface InPlaceCase {
  op: string;
  args: Record<string, number>;
  input: Enc;
  out: Enc;
  other: Enc | number | null;
}

const { inPlace } = fixture<{ inPlace: InPlaceCase[] }>("shapes");

// First in this file: the graph is recorded before any in-place write has happened in the process.
test("a graph recorded before the first in-place write is checked too", () => {
  const w = tensor([1, 2], { requiresGrad: true }), x = tensor([3, 4]);
  const loss = x.mul(w).sum();
  noGrad(() => x.mul_(2));
  assert.throws(() => loss.backward(), /^Error: backward: input 0 of MulBackward0 \(shape \[2\]\) was changed by an in-place op/);
});

test("in-place ops match PyTorch's values (fixtures from scripts/reference/shapes_fixtures.py)", async (t) => {
  for (const c of inPlace) {
    await t.test(`${c.op} ${JSON.stringify(c.args)}`, () => {
      const x = fromEnc(c.input);
      const other = c.other === null ? undefined : typeof c.other === "number" ? c.other : fromEnc(c.other);
      const a = c.args;
      const call: Record<string, () => Tensor> = {
        add_: () => x.add_(other!, a.alpha === undefined ? undefined : { alpha: a.alpha }),
        sub_: () => x.sub_(other!, a.alpha === undefined ? undefined : { alpha: a.alpha }),
        mul_: () => x.mul_(other!), div_: () => x.div_(other!), copy_: () => x.copy_(other as Tensor),
        clamp_: () => x.clamp_(a.min, a.max), fill_: () => x.fill_(a.value), zero_: () => x.zero_(),
      };
      assert.equal(call[c.op](), x, "returns this");
      assertTensor(x, c.out, 1e-6, 1e-7, c.op);
    });
  }
});

const x23 = () => tensor([[1, -2, 3], [0.5, 4, -6]]);

test("add_ sub_ mul_ div_ clamp_ give the out-of-place values, broadcasting the other operand, and return this", () => {
  const other = tensor([2, -0.5, 3]);
  for (const [op, expected] of [
    ["add_", x23().add(other)], ["sub_", x23().sub(other)], ["mul_", x23().mul(other)], ["div_", x23().div(other)],
  ] as const) {
    const t = x23();
    assert.equal((t[op] as (o: Tensor) => Tensor).call(t, other), t, `${op} returns this`);
    assert.deepEqual(t.toArray(), expected.toArray(), op);
  }
  assert.deepEqual(x23().add_(1).toArray(), x23().add(1).toArray());
  assert.deepEqual(x23().add_(other, { alpha: -0.1 }).toArray(), x23().add(other.mul(-0.1)).toArray());
  assert.deepEqual(x23().sub_(other, { alpha: 2 }).toArray(), x23().sub(other.mul(2)).toArray());
  assert.deepEqual(x23().clamp_(-1, 2).toArray(), x23().clamp(-1, 2).toArray());
  assert.deepEqual(x23().zero_().toArray(), [[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual(x23().fill_(0.25).toArray(), [[0.25, 0.25, 0.25], [0.25, 0.25, 0.25]]);
  assert.deepEqual(x23().copy_(other).toArray(), [[2, -0.5, 3], [2, -0.5, 3]], "copy_ broadcasts the source");
});

test("normal_ and uniform_ draw from the seeded generator", () => {
  manualSeed(3);
  const a = zeros(2000).normal_(1, 2);
  manualSeed(3);
  assert.deepEqual(zeros(2000).normal_(1, 2).toArray(), a.toArray(), "the same after manualSeed");
  assert.ok(Math.abs(a.mean().item() - 1) < 0.15 && Math.abs(a.std().item() - 2) < 0.15, "mean 1, std 2");
  const u = zeros(2000).uniform_(-3, -1);
  assert.ok(u.min().item() >= -3 && u.max().item() < -1 && Math.abs(u.mean().item() + 2) < 0.1, "in [-3, -1), mean -2");
  assert.deepEqual(zeros(4).normal_(5, 0).toArray(), [5, 5, 5, 5]);
  assert.throws(() => zeros(2).normal_(0, -1), { message: "normal_: expects a finite mean and std ≥ 0, got mean 0, std -1" });
  assert.throws(() => zeros(2).uniform_(1, 0), { message: "uniform_: expects finite bounds with a ≤ b, got a 1, b 0" });
});

test("a leaf that requires grad is changed in place only inside noGrad: the manual SGD step", () => {
  const w = tensor([1, 2], { requiresGrad: true });
  const message = (op: string) =>
    `${op}: a leaf tensor that requires grad is being used in an in-place operation (PyTorch: "a leaf Variable that requires grad is being used in an in-place operation."). ` +
    `Wrap the update in noGrad(() => …), as for a manual SGD step: noGrad(() => w.sub_(w.grad!.mul(lr))), or write through w.detach().${op}(…), which shares the data without the graph`;
  assert.throws(() => w.sub_(1), { message: message("sub_") });
  assert.throws(() => w.zero_(), { message: message("zero_") });
  assert.throws(() => w.normal_(), { message: message("normal_") });
  assert.throws(() => w.set(0, 3), { message: message("set") });
  for (let step = 0; step < 3; step++) {
    const loss = w.square().sum();
    w.grad = null;
    loss.backward();
    noGrad(() => w.sub_(w.grad!.mul(0.25)));
  }
  assert.deepEqual(w.toArray(), [0.125, 0.25], "w ← w − 0.25·2w, three times");
  assert.equal(w.isLeaf && w.requiresGrad, true, "still a leaf that requires grad");
  w.detach().add_(1);
  assert.deepEqual(w.toArray(), [1.125, 1.25], "detach() shares the data");
  noGrad(() => w.set([1], 7));
  assert.equal(w.get(1), 7);
});

test("a result in a graph is not changed in place, nor a tensor with another operand that requires grad", () => {
  const w = tensor([1, 2], { requiresGrad: true });
  const y = w.exp();
  const message = "add_: this tensor was computed by ExpBackward0 in a graph that requires grad, which may need its values for backward(); an in-place op would change them. Use the out-of-place op instead: y = y.add(…)";
  assert.throws(() => y.add_(1), { message });
  assert.throws(() => noGrad(() => y.add_(1)), { message }, "inside noGrad too: the graph is still there");
  assert.throws(() => zeros(2).mul_(w), {
    message: "mul_: the other operand requires grad, so the result would be part of a graph, which an in-place op cannot record; use the out-of-place op (y = y.mul(…)), or run it inside noGrad(() => …)",
  });
  assert.deepEqual(noGrad(() => tensor([3, 3]).mul_(w)).toArray(), [3, 6]);
});

test("views write through to their tensor; the copies that PyTorch gives as views are refused", () => {
  const x = arange(6).reshape(2, 3);
  x.at(1).fill_(0);
  x.narrow(0, 0, 1).mul_(10);
  x.view(-1).slice(0, 0, 1).add_(5);
  assert.deepEqual(x.toArray(), [[5, 10, 20], [0, 0, 0]]);
  assert.throws(() => x.select(1, 0).fill_(1), {
    message: "fill_: this tensor is a copy made by select(1, …), where PyTorch gives a view, so writing into it would not change the tensor it came from. Write into the original (t.set([i, j], v), or narrow/slice along dim 0, which are views), or clone() the copy first if the copy is what you mean to change",
  });
  assert.throws(() => x.slice(1, 0, 3, 2).zero_(), /^Error: zero_: this tensor is a copy made by slice\(1, …\)/);
  assert.throws(() => x.split(1, 1)[0].add_(1), /add_: this tensor is a copy made by split\(…, 1\)/);
  assert.deepEqual(x.select(1, 0).clone().fill_(1).toArray(), [1, 1], "a clone of the copy may be changed");
});

test("in-place shapes: the result must keep this tensor's shape", () => {
  assert.throws(() => zeros(3).add_(zeros(2, 3)), {
    message: "add_: the result has the broadcast shape [2,3], but this tensor has shape [3]; an in-place op cannot change a tensor's shape",
  });
  assert.throws(() => zeros(3).copy_(zeros(2)), { message: "copy_: cannot broadcast [2] with [3] (2 ≠ 3 at dim -1)" });
  assert.throws(() => zeros(3).add_(1, { aplha: 2 } as any), { message: 'add_: unknown option "aplha"; did you mean "alpha"? The options are alpha' });
  assert.throws(() => zeros(3).fill_(tensor(1) as any), { message: "fill_: the value must be a number, got object; to copy a tensor in use copy_(src)" });
});

test("backward() refuses values that an in-place op changed after the graph used them, as PyTorch's version counters do", () => {
  const w = tensor([1, 2], { requiresGrad: true });
  const x = tensor([3, 4]);
  const loss = x.mul(w).sum();
  x.add_(1);
  assert.throws(() => loss.backward(), {
    message:
      'backward: input 0 of MulBackward0 (shape [2]) was changed by an in-place op after MulBackward0 used it, so its gradient would be wrong (PyTorch: "one of the variables needed for gradient computation has been modified by an inplace operation"). ' +
      "Change it only after backward(), or use the out-of-place op (y = x.add(…) rather than x.add_(…)) and run the forward pass again",
  });
  const rows = arange(4).reshape(2, 2), v = tensor([1, 1], { requiresGrad: true });
  const out = rows.at(0).mul(v).sum();
  rows.at(1).set(0, 9);
  assert.throws(() => out.backward(), /input 0 of MulBackward0/, "a write through any view of the same data counts");
  const y = w.mul(2).sum();
  y.backward();
  noGrad(() => w.sub_(w.grad!.mul(0.1)));
  w.mul(2).sum().backward();
  assert.deepEqual(w.grad!.toArray(), [4, 4], "a graph made after the change is fine");
  const failed = zeros(3);
  const z = failed.mul(w.detach().add(1).requiresGrad_().sum());
  assert.throws(() => failed.add_(zeros(2, 3)), /cannot change a tensor's shape/);
  assert.doesNotThrow(() => z.sum().backward(), "an in-place op that failed changed nothing");
});
