import assert from "node:assert/strict";
import { test } from "node:test";
import { nn, tensor, type Tensor } from "../../../../src/engine";
import { Mime } from "../../../../src/protocol/mimes";
import { MAX_GRAPH_TENSORS, type GraphTensorNode } from "../../../../src/protocol/graphPayload";
import { readGraph } from "../../../../src/protocol/read";
import { graphItems, graphPayload } from "../../../../src/views/graph/graphView";
import { opLabel } from "../../../../src/views/graph/opLabel";

function xorNet() {
  const net = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1));
  const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tensor([[0], [1], [1], [0]]);
  return { net, x, y, loss: nn.MSELoss().forward(net.forward(x), y) };
}

const tensors = (nodes: ReturnType<typeof graphPayload>["nodes"]) => nodes.filter((n): n is GraphTensorNode => n.kind === "tensor");

test("the text lists every tensor in topological order, with its op, inputs and shape", () => {
  const { net, x, y, loss } = xorNet();
  const [rich, text] = graphItems(loss, { model: net, names: { x, y } });
  assert.equal(rich.mime, Mime.graph);
  assert.equal(text.mime, Mime.text);
  assert.equal(
    text.data,
    [
      "Autograd graph of t3 []: 10 tensors, 4 ops",
      "x  [4, 2]  constant",
      "0.weight  [2, 2]  parameter",
      "0.bias  [2]  parameter",
      "t0 = linear(x, 0.weight, 0.bias)  [4, 2]",
      "t1 = sigmoid(t0)  [4, 2]",
      "2.weight  [1, 2]  parameter",
      "2.bias  [1]  parameter",
      "t2 = linear(t1, 2.weight, 2.bias)  [4, 1]",
      "y  [4, 1]  constant",
      "t3 = mse_loss(t2, y)  []",
    ].join("\n"),
  );
});

test("the payload joins each input to its op and each op to its result, inputs before what uses them", () => {
  const { net, x, y, loss } = xorNet();
  const payload = graphPayload(loss, { model: net, names: { x, y } });
  assert.deepEqual(readGraph(JSON.parse(JSON.stringify(payload))), payload);
  const ops = payload.nodes.filter((n) => n.kind === "op").map((n) => n.kind === "op" && [n.label, n.gradFn]);
  assert.deepEqual(ops, [["linear", "AddmmBackward0"], ["sigmoid", "SigmoidBackward0"], ["linear", "AddmmBackward0"], ["mse_loss", "MseLossBackward0"]]);
  for (const [from, to] of payload.edges) assert.ok(from < to, `edge ${from} → ${to} goes forward`);
  const name = (i: number) => (payload.nodes[i].kind === "tensor" ? (payload.nodes[i] as GraphTensorNode).name : (payload.nodes[i] as { label: string }).label);
  const last = payload.nodes.length - 1;
  assert.deepEqual(payload.edges.filter(([, to]) => to === last - 1).map(([from]) => name(from)), ["t2", "y"]);
  assert.equal(payload.edges.length, 3 + 1 + 1 + 1 + 3 + 1 + 2 + 1);
  assert.equal(payload.cut, undefined);
});

test("values and gradients: a few values with the range, and none until backward", () => {
  const { net, x, y, loss } = xorNet();
  const before = tensors(graphPayload(loss, { model: net, names: { x, y } }).nodes);
  assert.equal(before.find((n) => n.name === "0.weight")!.grad, null);
  loss.backward();
  const after = tensors(graphPayload(loss, { model: net, names: { x, y } }).nodes);
  const w = after.find((n) => n.name === "0.weight")!;
  const weight = (net[0] as nn.Linear).weight;
  assert.deepEqual(w.values.head, Array.from(weight.data));
  assert.deepEqual(w.grad?.head, Array.from(weight.grad!.data));
  assert.equal(w.grad?.count, 4);
  // An op's result keeps no gradient (as in PyTorch) unless asked to.
  assert.equal(after.find((n) => n.name === "t1")!.grad, null);
  const big = tensors(graphPayload(tensor(Array.from({ length: 100 }, (_, i) => i - 50), { requiresGrad: true }).mul(2)).nodes).at(-1)!;
  assert.deepEqual(big.values, { count: 100, head: [-100, -98, -96, -94, -92, -90], min: -100, max: 98, mean: -1 });
});

test("leaves are named by the model, by names given, or t0, t1, …, and roles say which need a gradient", () => {
  const w = tensor([[1, 2]], { requiresGrad: true });
  const v = tensor([[3], [4]]);
  const out = w.matmul(v).sigmoid();
  const nodes = tensors(graphPayload(out, { names: { v } }).nodes);
  assert.deepEqual(nodes.map((n) => [n.name, n.role]), [["t0", "parameter"], ["v", "constant"], ["t1", "result"], ["t2", "result"]]);
  assert.equal(opLabel("MmBackward0"), "matmul");
  assert.equal(opLabel("BinaryCrossEntropyWithLogitsBackward0"), "binary_cross_entropy_with_logits");
  assert.equal(opLabel("LogSoftmaxBackward0"), "log_softmax");
});

test("a loop of 1,000 adds is cut to the tensors nearest the output, and says so", () => {
  let s: Tensor = tensor(0, { requiresGrad: true });
  const one = tensor(1, { requiresGrad: true });
  for (let i = 0; i < 1000; i++) s = s.add(one);
  const started = performance.now();
  const payload = graphPayload(s, { names: { one } });
  assert.ok(performance.now() - started < 500);
  assert.equal(tensors(payload.nodes).length, MAX_GRAPH_TENSORS);
  assert.equal(payload.totalTensors, 1002);
  assert.match(payload.cut!, /^1,002 tensors are in this graph; the 120 nearest the output are drawn/);
  assert.equal(tensors(payload.nodes).filter((n) => n.cut).length, 1);
  assert.ok(JSON.stringify(payload).length < 60_000);
  assert.deepEqual(readGraph(payload), payload);
  assert.match(graphItems(s)[1].data as string, /= add\(t\d+, …\)/);
  // A deep chain is walked without recursion (each mul by a number adds that number as a tensor).
  let deep: Tensor = tensor(1, { requiresGrad: true });
  for (let i = 0; i < 50_000; i++) deep = deep.mul(1);
  assert.equal(graphPayload(deep).totalTensors, 100_001);
});

test("a tensor without a graph is one node", () => {
  const payload = graphPayload(tensor([1, 2]));
  assert.equal(payload.nodes.length, 1);
  assert.deepEqual(payload.edges, []);
  assert.equal(graphItems(tensor([1, 2]))[1].data, "Autograd graph of t0 [2]: 1 tensor, 0 ops\nt0  [2]  constant");
});

test("every wrong argument or option is an error that names it", () => {
  const { loss, net } = xorNet();
  assert.throws(() => graphPayload([1, 2] as never), /^TypeError: show.graph: give it a tensor, such as show.graph\(loss\), not a list$/);
  assert.throws(() => graphPayload(loss, { modle: net } as never), /show.graph: unknown option "modle"; did you mean "model"\? The options are model, names/);
  assert.throws(() => graphPayload(loss, { colour: 1 } as never), /unknown option "colour"; the options are model, names/);
  assert.throws(() => graphPayload(loss, { model: {} as never }), /show.graph: model must be a module such as nn.Sequential\(…\), not an object/);
  assert.throws(() => graphPayload(loss, { names: { x: [1] as never } }), /show.graph: names.x must be a tensor, not a list/);
  assert.throws(() => graphPayload(loss, { names: tensor(1) as never }), /show.graph: names must be an object of tensors such as \{ x: xor.x \}/);
  assert.throws(() => graphPayload(loss, 3 as never), /show.graph: the options must be an object such as \{ model: … \}, not 3/);
});
