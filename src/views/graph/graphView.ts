import { viewItem } from "../../protocol/payloadMap";
import { Tensor } from "../../engine";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { MAX_GRAPH_TENSORS, type GraphNode, type GraphPayload } from "../../protocol/graphPayload";
import { describe } from "../charts/options";
import { graphNames, type GraphOptions } from "./graphOptions";
import { opLabel } from "./opLabel";
import { valueSummary } from "./valueSummary";

/** The autograd graph behind `root`: each tensor, the op that made it and its inputs. */
export function graphItems(root: Tensor, options?: GraphOptions): OutputItem[] {
  const payload = graphPayload(root, options);
  return [
    viewItem(Mime.graph, payload),
    { mime: Mime.text, data: graphText(payload) },
  ];
}

export function graphPayload(root: Tensor, options?: GraphOptions): GraphPayload {
  if (!(root instanceof Tensor)) throw new TypeError(`show.graph: give it a tensor, such as show.graph(loss), not ${describe(root)}`);
  const given = graphNames(options);
  const { kept, total } = nearest(root);
  const order = topological(root, kept);

  const nodes: GraphNode[] = [];
  const edges: [number, number][] = [];
  const index = new Map<Tensor, number>();
  let unnamed = 0;
  for (const t of order) {
    const fn = t.gradFn;
    const inputs = fn ? fn.inputs : [];
    index.set(t, nodes.length);
    nodes.push({
      kind: "tensor",
      name: given.get(t) ?? `t${unnamed++}`,
      role: fn ? "result" : t.requiresGrad ? "parameter" : "constant",
      shape: [...t.shape],
      values: valueSummary(t),
      grad: t.grad ? valueSummary(t.grad) : null,
      cut: inputs.some((x) => !kept.has(x)),
    });
    if (!fn) continue;
    // The op goes just before its result, after every input: the node list stays in topological order.
    const tensor = nodes.pop()!;
    const op = nodes.length;
    nodes.push({ kind: "op", label: opLabel(fn.name), gradFn: fn.name }, tensor);
    index.set(t, op + 1);
    for (const x of inputs) if (kept.has(x)) edges.push([index.get(x)!, op]);
    edges.push([op, op + 1]);
  }
  const tensors = order.length;
  const rootName = given.get(root) ?? `t${unnamed - 1}`;
  const payload: GraphPayload = {
    version: 1,
    title: `Autograd graph of ${rootName} ${shapeText(root.shape)}: ${count(tensors, "tensor")}, ${count(nodes.length - tensors, "op")}`,
    nodes,
    edges,
    totalTensors: total,
  };
  if (total > tensors) {
    payload.cut =
      `${total.toLocaleString("en-US")} tensors are in this graph; the ${tensors} nearest the output are drawn, ` +
      "and tensors whose inputs are left out are marked ⋯";
  }
  return payload;
}

/**
 * The tensors nearest `root`, breadth first, at most MAX_GRAPH_TENSORS of them, and how many the whole
 * graph holds. Iterative: a loop of a million adds neither overflows the stack nor draws a million nodes.
 */
function nearest(root: Tensor): { kept: Set<Tensor>; total: number } {
  const seen = new Set<Tensor>([root]);
  const kept = new Set<Tensor>();
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i];
    if (kept.size < MAX_GRAPH_TENSORS) kept.add(t);
    for (const x of t.gradFn?.inputs ?? []) {
      if (!seen.has(x)) {
        seen.add(x);
        queue.push(x);
      }
    }
  }
  return { kept, total: seen.size };
}

/** The kept tensors, each after all its inputs (depth first, iterative). */
function topological(root: Tensor, kept: Set<Tensor>): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = top[0].gradFn?.inputs ?? [];
    if (top[1] < inputs.length) {
      const next = inputs[top[1]++];
      if (kept.has(next) && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  return order;
}

const count = (n: number, what: string) => `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;
const shapeText = (shape: readonly number[]) => `[${shape.join(", ")}]`;

/** One line per tensor in topological order: "t3 = sigmoid(t2)  [4, 1]". */
export function graphText(payload: GraphPayload): string {
  const inputsOf = new Map<number, number[]>();
  for (const [from, to] of payload.edges) inputsOf.set(to, [...(inputsOf.get(to) ?? []), from]);
  const name = (i: number) => {
    const n = payload.nodes[i];
    return n.kind === "tensor" ? n.name : "?";
  };
  const lines = [payload.title];
  payload.nodes.forEach((node, i) => {
    if (node.kind === "op") return;
    const made = (inputsOf.get(i) ?? [])[0];
    const op = made === undefined ? undefined : payload.nodes[made];
    const role = node.role === "parameter" ? "  parameter" : node.role === "constant" ? "  constant" : "";
    if (!op || op.kind !== "op") {
      lines.push(`${node.name}  ${shapeText(node.shape)}${role}`);
      return;
    }
    const args = (inputsOf.get(made) ?? []).map(name);
    if (node.cut) args.push("…");
    lines.push(`${node.name} = ${op.label}(${args.join(", ")})  ${shapeText(node.shape)}`);
  });
  if (payload.cut) lines.push(payload.cut);
  return lines.join("\n");
}
