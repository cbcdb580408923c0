import { GRAPH_HEAD_VALUES, MAX_GRAPH_TENSORS, type GraphNode, type GraphPayload, type ValueSummary } from "../graphPayload";
import { PayloadError, array, at, boolean, count, jsonNumber, object, oneOf, string, version } from "./check";

export function readGraph(value: unknown): GraphPayload {
  const p = object(value, "");
  version(p, "autograd graph", 1);
  const nodes = array(p.nodes, "nodes", readNode);
  const tensors = nodes.filter((n) => n.kind === "tensor").length;
  // Each tensor comes with at most one op: a payload past that was not written by show.graph.
  if (tensors > MAX_GRAPH_TENSORS || nodes.length > 2 * MAX_GRAPH_TENSORS) {
    throw new PayloadError(`nodes must hold at most ${MAX_GRAPH_TENSORS} tensors and as many ops, not ${tensors} tensors in ${nodes.length} nodes`);
  }
  const edges = array(p.edges, "edges", (edge, path) => {
    if (!Array.isArray(edge) || edge.length !== 2) throw new PayloadError(`${path} must be a pair [from, to], not ${JSON.stringify(edge)?.slice(0, 30)}`);
    const [from, to] = edge.map((i, k) => count(i, `${path}[${k}]`));
    if (from >= nodes.length || to >= nodes.length) throw new PayloadError(`${path} must join two of the ${nodes.length} nodes, not [${from}, ${to}]`);
    if (nodes[from].kind === nodes[to].kind) throw new PayloadError(`${path} must join a tensor and an op, not two ${nodes[from].kind}s`);
    return [from, to] as [number, number];
  });
  const payload: GraphPayload = { version: 1, title: string(p.title, "title"), nodes, edges, totalTensors: count(p.totalTensors, "totalTensors") };
  if (payload.totalTensors < tensors) throw new PayloadError(`totalTensors must be at least the ${tensors} tensors given, not ${payload.totalTensors}`);
  if (p.cut !== undefined) payload.cut = string(p.cut, "cut");
  return payload;
}

function readNode(value: unknown, path: string): GraphNode {
  const n = object(value, path);
  const kind = oneOf(n.kind, at(path, "kind"), ["tensor", "op"] as const);
  if (kind === "op") return { kind, label: string(n.label, at(path, "label")), gradFn: string(n.gradFn, at(path, "gradFn")) };
  return {
    kind,
    name: string(n.name, at(path, "name")),
    role: oneOf(n.role, at(path, "role"), ["parameter", "constant", "result"] as const),
    shape: array(n.shape, at(path, "shape"), count),
    values: readSummary(n.values, at(path, "values")),
    grad: n.grad === null ? null : readSummary(n.grad, at(path, "grad")),
    cut: boolean(n.cut, at(path, "cut")),
  };
}

function readSummary(value: unknown, path: string): ValueSummary {
  const s = object(value, path);
  const head = array(s.head, at(path, "head"), jsonNumber);
  if (head.length > GRAPH_HEAD_VALUES) throw new PayloadError(`${at(path, "head")} must hold at most ${GRAPH_HEAD_VALUES} values, not ${head.length}`);
  return {
    count: count(s.count, at(path, "count")),
    head,
    min: jsonNumber(s.min, at(path, "min")),
    max: jsonNumber(s.max, at(path, "max")),
    mean: jsonNumber(s.mean, at(path, "mean")),
  };
}
