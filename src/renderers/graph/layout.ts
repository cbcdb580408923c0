/**
 * A layered layout for the autograd graph, left to right: the output in the last column, every node one
 * column further left for each step on its longest path to the output, so inputs sit just left of the op
 * that uses them. Within a column, nodes are ordered by the mean position of their neighbours (a few
 * barycentre sweeps, as Sugiyama's method does) to keep edges from crossing. The graphs are DAGs of at
 * most a few hundred nodes, cut by the kernel: this is enough for them, and needs no layout library.
 */
export interface Box {
  width: number;
  height: number;
}

export interface Placed extends Box {
  /** Top-left corner. */
  x: number;
  y: number;
  column: number;
}

export const COLUMN_GAP = 30;
export const ROW_GAP = 14;
const SWEEPS = 4;

/** Positions for `boxes` (in topological order, the output last) joined by `edges` [from, to]. */
export function layout(boxes: readonly Box[], edges: readonly (readonly [number, number])[]): { placed: Placed[]; width: number; height: number } {
  const n = boxes.length;
  const outs: number[][] = boxes.map(() => []);
  const ins: number[][] = boxes.map(() => []);
  for (const [from, to] of edges) {
    outs[from].push(to);
    ins[to].push(from);
  }
  // Longest path to a node without consumers, walked from the end of the topological order.
  const depth = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) for (const to of outs[i]) depth[i] = Math.max(depth[i], depth[to] + 1);
  const deepest = Math.max(0, ...depth);
  const column = depth.map((d) => deepest - d);

  const columns: number[][] = Array.from({ length: deepest + 1 }, () => []);
  for (let i = 0; i < n; i++) columns[column[i]].push(i);
  const rank = new Array<number>(n).fill(0);
  const rerank = () => columns.forEach((c) => c.forEach((node, r) => (rank[node] = r)));
  rerank();
  const mean = (neighbours: number[], own: number) => (neighbours.length ? neighbours.reduce((s, k) => s + rank[k], 0) / neighbours.length : own);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const forward = sweep % 2 === 0;
    const sequence = forward ? columns : [...columns].reverse();
    for (const c of sequence) {
      const key = new Map(c.map((node) => [node, mean(forward ? ins[node] : outs[node], rank[node])]));
      c.sort((a, b) => key.get(a)! - key.get(b)! || rank[a] - rank[b]);
      c.forEach((node, r) => (rank[node] = r));
    }
  }
  rerank();

  const widths = columns.map((c) => Math.max(0, ...c.map((i) => boxes[i].width)));
  const heights = columns.map((c) => c.reduce((s, i) => s + boxes[i].height, 0) + ROW_GAP * Math.max(0, c.length - 1));
  const height = Math.max(0, ...heights);
  const placed: Placed[] = new Array(n);
  let x = 0;
  columns.forEach((c, k) => {
    let y = (height - heights[k]) / 2;
    for (const i of c) {
      placed[i] = { ...boxes[i], x: x + (widths[k] - boxes[i].width) / 2, y, column: k };
      y += boxes[i].height + ROW_GAP;
    }
    x += widths[k] + COLUMN_GAP;
  });
  return { placed, width: Math.max(0, x - COLUMN_GAP), height };
}
