import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { CellOutput, OutputItem } from "../protocol/outputs";
import { isJsonMime } from "../protocol/mimes";
import { firstDuplicateKey } from "./duplicateKeys";
import { NnbookFormatError, positionAt } from "./formatError";
import { MAX_NESTING, tooDeepAt } from "./nesting";
import { LAYOUT_METADATA_KEY, layoutOf } from "./textLayout";
import { firstInvalidUtf8 } from "./utf8";
import { FORMAT_VERSION, type CellExecution, type NnbookCell, type NnbookFile } from "./nnbookFile";

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between values",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: "unexpected text after the end of the notebook",
  InvalidCommentToken: "comments are not allowed in a .nnbook file",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character in a string",
  InvalidCharacter: "invalid character in a string",
};

/** Reads a `.nnbook` file. Throws `NnbookFormatError` saying what is wrong and where. */
export function parseNnbook(bytes: Uint8Array): NnbookFile {
  const decoded = decodeText(bytes);
  const layout = layoutOf(decoded);
  // Positions are counted as editors show them, without the byte order mark.
  const text = withoutBom(decoded);
  if (text.trim() === "") throw new NnbookFormatError("the file is empty: a .nnbook file is a JSON object", 1, 1);
  refuseDeepNesting(text);
  const root = parseJson(text);
  refuseDuplicateKeys(text, root);
  const file = new Reader(text).notebook(root);
  return layout ? { ...file, layout } : file;
}

function decodeText(bytes: Uint8Array): string {
  try {
    // ignoreBOM keeps the mark in the text, where the layout sees it.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    // The bytes before it are valid, so their text places it as an editor would.
    const before = withoutBom(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, bad)));
    const where = positionAt(before, before.length);
    throw new NnbookFormatError(`the file is not UTF-8 text (at byte ${bad})`, where.line, where.column);
  }
}

function refuseDeepNesting(text: string): void {
  const tooDeep = tooDeepAt(text);
  if (tooDeep < 0) return;
  const where = positionAt(text, tooDeep);
  throw new NnbookFormatError(`nesting deeper than ${MAX_NESTING} levels of objects and arrays`, where.line, where.column);
}

function parseJson(text: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length === 0 && root) return root;
  const first = errors[0];
  const offset = first?.offset ?? 0;
  const where = positionAt(text, offset);
  const what = (first && SYNTAX_MESSAGES[printParseErrorCode(first.error)]) ?? "expected a value";
  const atEnd = offset + (first?.length ?? 0) >= text.length ? " (the file ends too early)" : "";
  throw new NnbookFormatError(`invalid JSON: ${what}${atEnd}`, where.line, where.column);
}

function refuseDuplicateKeys(text: string, root: Node): void {
  // A root that is not an object is the reader's to refuse, with its own message.
  const duplicate = root.type === "object" ? firstDuplicateKey(root) : undefined;
  if (!duplicate) return;
  const { key, first, again, path } = duplicate;
  const where = positionAt(text, again.offset);
  const reason = `duplicate property "${key}" in ${path || "the notebook"} (first at line ${positionAt(text, first.offset).line})`;
  throw new NnbookFormatError(reason, where.line, where.column);
}

class Reader {
  constructor(private readonly text: string) {}

  fail(node: Node, reason: string): never {
    const where = positionAt(this.text, node.offset);
    throw new NnbookFormatError(reason, where.line, where.column);
  }

  object(node: Node, path: string, known: readonly string[]): Map<string, Node> {
    if (node.type !== "object") this.fail(node, `${path} must be an object, not ${describe(node)}`);
    // Repeated keys were refused before reading, anywhere in the file.
    const props = new Map<string, Node>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children!;
      const key = keyNode.value as string;
      if (!known.includes(key)) {
        this.fail(keyNode, `unknown property "${key}" in ${path} (expected ${known.map((k) => `"${k}"`).join(", ")})`);
      }
      props.set(key, valueNode);
    }
    return props;
  }

  required(props: Map<string, Node>, key: string, owner: Node, path: string): Node {
    const node = props.get(key);
    if (!node) this.fail(owner, `${path} has no "${key}"`);
    return node;
  }

  array(node: Node, path: string): Node[] {
    if (node.type !== "array") this.fail(node, `${path} must be an array, not ${describe(node)}`);
    return node.children ?? [];
  }

  string(node: Node, path: string): string {
    if (node.type !== "string") this.fail(node, `${path} must be a string, not ${describe(node)}`);
    return node.value as string;
  }

  jsonObject(node: Node, path: string): Record<string, unknown> {
    if (node.type !== "object") this.fail(node, `${path} must be an object, not ${describe(node)}`);
    return this.value(node) as Record<string, unknown>;
  }

  /** A node's value as plain JSON (jsonc-parser's own builds null-prototype objects). */
  value(node: Node): unknown {
    return JSON.parse(this.text.slice(node.offset, node.offset + node.length));
  }

  notebook(root: Node): NnbookFile {
    const props = this.object(root, "the notebook", ["nnbook", "metadata", "cells"]);
    const versionNode = this.required(props, "nnbook", root, "the notebook");
    const version = versionNode.value;
    if (versionNode.type !== "number" || !Number.isInteger(version) || version < 1) {
      this.fail(versionNode, `"nnbook" must be the format version, a whole number from 1, not ${describe(versionNode)}`);
    }
    if (version > FORMAT_VERSION) {
      this.fail(
        versionNode,
        `this notebook uses format version ${version}, newer than this nnbook reads (${FORMAT_VERSION}): update the extension`,
      );
    }
    const metadataNode = props.get("metadata");
    const metadata = metadataNode ? this.jsonObject(metadataNode, '"metadata"') : {};
    const reserved = metadataNode?.children?.find((p) => p.children![0].value === LAYOUT_METADATA_KEY);
    if (reserved) {
      this.fail(reserved, `"metadata" may not hold "${LAYOUT_METADATA_KEY}": the editor keeps the file's byte order mark and line endings there`);
    }
    const cellsNode = this.required(props, "cells", root, "the notebook");
    const cells = this.array(cellsNode, '"cells"').map((node, i) => this.cell(node, `cells[${i}]`));
    return { nnbook: version, metadata, cells };
  }

  cell(node: Node, path: string): NnbookCell {
    if (node.type !== "object") this.fail(node, `${path} must be an object, not ${describe(node)}`);
    const kindNode = node.children?.find((p) => p.children![0].value === "kind")?.children![1];
    if (!kindNode) this.fail(node, `${path} has no "kind" ("code" or "markdown")`);
    const kind = this.string(kindNode, `${path}.kind`);
    if (kind === "markdown") {
      const props = this.object(node, path, ["kind", "source", "metadata"]);
      const source = this.source(this.required(props, "source", node, path), `${path}.source`);
      return withMetadata({ kind, source }, props.get("metadata") && this.jsonObject(props.get("metadata")!, `${path}.metadata`));
    }
    if (kind !== "code") this.fail(kindNode, `${path}.kind must be "code" or "markdown", not "${kind}"`);
    const props = this.object(node, path, ["kind", "language", "source", "metadata", "execution", "outputs"]);
    const languageNode = props.get("language");
    if (languageNode) {
      const language = this.string(languageNode, `${path}.language`);
      if (language !== "nnts" && language !== "typescript") {
        this.fail(languageNode, `${path}.language must be "nnts" (TypeScript with the cell language), not "${language}"`);
      }
    }
    const source = this.source(this.required(props, "source", node, path), `${path}.source`);
    const outputsNode = props.get("outputs");
    const outputs = outputsNode
      ? this.array(outputsNode, `${path}.outputs`).map((o, i) => this.output(o, `${path}.outputs[${i}]`))
      : [];
    const cell: NnbookCell = withMetadata(
      { kind, language: "nnts" as const, source, outputs },
      props.get("metadata") && this.jsonObject(props.get("metadata")!, `${path}.metadata`),
    );
    const executionNode = props.get("execution");
    if (executionNode) cell.execution = this.execution(executionNode, `${path}.execution`);
    return cell;
  }

  source(node: Node, path: string): string {
    if (node.type === "string") return node.value as string;
    if (node.type !== "array") this.fail(node, `${path} must be an array of lines or a string, not ${describe(node)}`);
    return (node.children ?? []).map((line, i) => this.string(line, `${path}[${i}]`)).join("\n");
  }

  output(node: Node, path: string): CellOutput {
    const props = this.object(node, path, ["items", "metadata"]);
    const items = this.array(this.required(props, "items", node, path), `${path}.items`).map((item, i) =>
      this.item(item, `${path}.items[${i}]`),
    );
    const metadataNode = props.get("metadata");
    return metadataNode ? { items, metadata: this.jsonObject(metadataNode, `${path}.metadata`) } : { items };
  }

  item(node: Node, path: string): OutputItem {
    const props = this.object(node, path, ["mime", "data"]);
    const mime = this.string(this.required(props, "mime", node, path), `${path}.mime`);
    const dataNode = this.required(props, "data", node, path);
    if (!isJsonMime(mime)) return { mime, data: this.string(dataNode, `${path}.data`) };
    return { mime, data: this.value(dataNode) };
  }

  execution(node: Node, path: string): CellExecution {
    const props = this.object(node, path, ["order", "success", "startTime", "endTime"]);
    const execution: CellExecution = {};
    for (const [key, value] of props) {
      const expected = key === "success" ? "boolean" : "number";
      if (value.type !== expected) this.fail(value, `${path}.${key} must be a ${expected}, not ${describe(value)}`);
      (execution as Record<string, unknown>)[key] = value.value;
    }
    return execution;
  }
}

function withMetadata<T extends object>(cell: T, metadata: Record<string, unknown> | undefined): T {
  return metadata ? { ...cell, metadata } : cell;
}

function describe(node: Node): string {
  switch (node.type) {
    case "string":
      return `the string ${JSON.stringify(truncate(node.value as string))}`;
    case "number":
    case "boolean":
      return `${node.value}`;
    case "null":
      return "null";
    default:
      return `an ${node.type}`;
  }
}

function truncate(s: string): string {
  return s.length > 30 ? s.slice(0, 30) + "…" : s;
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
