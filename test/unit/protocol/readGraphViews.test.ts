import assert from "node:assert/strict";
import { test } from "node:test";
import { PayloadError, readBackprop, readGraph } from "../../../src/protocol/read";

function refuses(read: (json: unknown) => unknown, json: unknown, message: RegExp): void {
  assert.throws(() => read(json), (error: unknown) => {
    assert.ok(error instanceof PayloadError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

const summary = { count: 2, head: [1, "NaN"], min: 1, max: "NaN", mean: "NaN" };
const leaf = { kind: "tensor", name: "w", role: "parameter", shape: [2], values: summary, grad: null, cut: false };
const GRAPH = {
  version: 1,
  title: "Autograd graph of t0 [2]",
  nodes: [leaf, { kind: "op", label: "sigmoid", gradFn: "SigmoidBackward0" }, { ...leaf, name: "t0", role: "result", grad: summary }],
  edges: [[0, 1], [1, 2]],
  totalTensors: 2,
};
const step = { phase: "forward", place: "input", tex: "x", text: "x", result: [1, "Infinity"], uses: [] };
const BACKPROP = { version: 1, title: "Backpropagation", note: "", steps: [step, { ...step, phase: "backward", uses: [0] }] };

test("the graph and backprop readers take what the kernel writes", () => {
  assert.deepEqual(readGraph(GRAPH), GRAPH);
  assert.deepEqual(readGraph({ ...GRAPH, cut: "cut", totalTensors: 9 }), { ...GRAPH, cut: "cut", totalTensors: 9 });
  assert.deepEqual(readBackprop(BACKPROP), BACKPROP);
});

test("the graph reader names the field that is wrong", () => {
  refuses(readGraph, { ...GRAPH, version: 2 }, /payload version 2.*newer nnbook/);
  refuses(readGraph, { ...GRAPH, nodes: [{ ...leaf, kind: "layer" }] }, /^nodes\[0\].kind must be one of "tensor", "op", not the string "layer"$/);
  refuses(readGraph, { ...GRAPH, nodes: [{ ...leaf, role: "input" }] }, /^nodes\[0\].role must be one of "parameter", "constant", "result"/);
  refuses(readGraph, { ...GRAPH, nodes: [{ ...leaf, shape: [-1] }] }, /^nodes\[0\].shape\[0\] must be a whole number from 0, not number -1$/);
  refuses(readGraph, { ...GRAPH, nodes: [{ ...leaf, values: { ...summary, head: [1, 2, 3, 4, 5, 6, 7] } }] }, /^nodes\[0\].values.head must hold at most 6 values, not 7$/);
  refuses(readGraph, { ...GRAPH, nodes: [{ ...leaf, grad: { ...summary, min: "big" } }] }, /^nodes\[0\].grad.min must be a number or one of "NaN"/);
  refuses(readGraph, { ...GRAPH, nodes: [{ kind: "op", label: 3, gradFn: "x" }] }, /^nodes\[0\].label must be a string, not number 3$/);
  refuses(readGraph, { ...GRAPH, edges: [[0, 5]] }, /^edges\[0\] must join two of the 3 nodes, not \[0, 5\]$/);
  refuses(readGraph, { ...GRAPH, edges: [[0, 2]] }, /^edges\[0\] must join a tensor and an op, not two tensors$/);
  refuses(readGraph, { ...GRAPH, edges: [[0]] }, /^edges\[0\] must be a pair \[from, to\], not \[0\]$/);
  refuses(readGraph, { ...GRAPH, edges: [[0, 1.5]] }, /^edges\[0\]\[1\] must be a whole number from 0/);
  refuses(readGraph, { ...GRAPH, totalTensors: 1 }, /^totalTensors must be at least the 2 tensors given, not 1$/);
  refuses(readGraph, { ...GRAPH, nodes: Array(121).fill(leaf), edges: [] }, /^nodes must hold at most 120 tensors and as many ops, not 121 tensors in 121 nodes$/);
  refuses(readGraph, { ...GRAPH, cut: 1 }, /^cut must be a string, not number 1$/);
});

test("the backprop reader names the field that is wrong", () => {
  refuses(readBackprop, { ...BACKPROP, version: 0 }, /payload version 0.*older nnbook/);
  refuses(readBackprop, { ...BACKPROP, steps: [] }, /^steps must hold from 1 to 64 steps, not 0$/);
  refuses(readBackprop, { ...BACKPROP, steps: Array(65).fill(step) }, /^steps must hold from 1 to 64 steps, not 65$/);
  refuses(readBackprop, { ...BACKPROP, steps: [{ ...step, phase: "sideways" }] }, /^steps\[0\].phase must be one of "forward", "loss", "backward"/);
  refuses(readBackprop, { ...BACKPROP, steps: [{ ...step, uses: [0] }] }, /^steps\[0\].uses\[0\] must be an earlier step than 0, not 0$/);
  refuses(readBackprop, { ...BACKPROP, steps: [{ ...step, result: [null] }] }, /^steps\[0\].result\[0\] must be a number/);
  refuses(readBackprop, { ...BACKPROP, steps: [{ ...step, tex: ["x"] }] }, /^steps\[0\].tex must be a string, not an array$/);
  refuses(readBackprop, { ...BACKPROP, note: null }, /^note must be a string, not null$/);
});
