// micrograd's own engine tests (test/test_engine.py: its sanity check and "more ops"), written as a cell would
// write them, against the values PyTorch computes for the same expressions in float64.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor } from "../../../src/engine/index";
import { fixture } from "./helpers";

interface Micrograd {
  sanityCheck: { y: number; xGrad: number };
  moreOps: { g: number; aGrad: number; bGrad: number };
}

const expected = fixture<Micrograd>("micrograd");
const close = (actual: number, want: number, what: string) => assert.ok(Math.abs(actual - want) <= 1e-5 * Math.abs(want), `${what}: ${actual} vs PyTorch's ${want}`);

test("micrograd's sanity check", () => {
  const x = tensor(-4.0, { requiresGrad: true });
  const z = x.mul(2).add(2).add(x);
  const q = z.relu().add(z.mul(x));
  const h = z.mul(z).relu();
  const y = h.add(q).add(q.mul(x));
  y.backward();
  close(y.item(), expected.sanityCheck.y, "y");
  close(x.grad!.item(), expected.sanityCheck.xGrad, "x.grad");
});

test("micrograd's more ops", () => {
  const a = tensor(-4.0, { requiresGrad: true });
  const b = tensor(2.0, { requiresGrad: true });
  let c = a.add(b);
  let d = a.mul(b).add(b.pow(3));
  c = c.add(c.add(1));
  c = c.add(tensor(1).add(c).add(a.neg()));
  d = d.add(d.mul(2).add(b.add(a).relu()));
  d = d.add(d.mul(3).add(b.sub(a).relu()));
  const e = c.sub(d);
  const f = e.pow(2);
  let g = f.div(2.0);
  g = g.add(tensor(10.0).div(f));
  g.backward();
  close(g.item(), expected.moreOps.g, "g");
  close(a.grad!.item(), expected.moreOps.aGrad, "a.grad");
  close(b.grad!.item(), expected.moreOps.bGrad, "b.grad");
});
