import type { Node } from "jsonc-parser";

export interface DuplicateKey {
  key: string;
  /** The property whose key came first, and the one that repeats it. */
  first: Node;
  again: Node;
  /** Where the object stands, as `cells[0].metadata`; empty for the notebook object itself. */
  path: string;
}

/**
 * The repeated key that comes first in the file, in any object of the tree. JSON readers keep the
 * last and drop the others without a word; a notebook refuses the file instead. A loop, not a
 * recursion, like everything that walks a file's tree.
 */
export function firstDuplicateKey(root: Node): DuplicateKey | undefined {
  let found: DuplicateKey | undefined;
  const pending: [Node, string][] = [[root, ""]];
  while (pending.length > 0) {
    const [node, path] = pending.pop()!;
    if (node.type === "array") {
      (node.children ?? []).forEach((child, i) => pending.push([child, `${path}[${i}]`]));
    } else if (node.type === "object") {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const [keyNode, value] = property.children!;
        const key = keyNode.value as string;
        const first = seen.get(key);
        if (first && (!found || keyNode.offset < found.again.offset)) found = { key, first, again: keyNode, path };
        if (!first) seen.set(key, keyNode);
        if (value) pending.push([value, path + member(key, path)]);
      }
    }
  }
  return found;
}

function member(key: string, path: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `[${JSON.stringify(key)}]`;
  return path ? `.${key}` : key;
}
