// Elementwise comparisons with broadcasting: 1 where true, 0 where false, as float tensors
// that record no gradient (PyTorch returns bool tensors, which have none either).
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { asTensor, broadcastPair } from "./operand";

function compare(op: string, a: Tensor, bIn: Tensor | number, test: (x: number, y: number) => boolean): Tensor {
  const { x, y, shape } = broadcastPair(op, a, asTensor(bIn));
  const out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = test(x[i], y[i]) ? 1 : 0;
  return new Tensor(out, shape);
}

// NaN compares false with everything (so ne is 1 for it), as in IEEE 754 and PyTorch.
export const gt = (a: Tensor, b: Tensor | number) => compare("gt", a, b, (x, y) => x > y);
export const ge = (a: Tensor, b: Tensor | number) => compare("ge", a, b, (x, y) => x >= y);
export const lt = (a: Tensor, b: Tensor | number) => compare("lt", a, b, (x, y) => x < y);
export const le = (a: Tensor, b: Tensor | number) => compare("le", a, b, (x, y) => x <= y);
export const eq = (a: Tensor, b: Tensor | number) => compare("eq", a, b, (x, y) => x === y);
export const ne = (a: Tensor, b: Tensor | number) => compare("ne", a, b, (x, y) => x !== y);
