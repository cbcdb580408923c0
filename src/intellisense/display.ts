import ts from "typescript";

/**
 * A declaration as TypeScript displays it, made readable for cells:
 * - the cell language's globals are declared as `import tensor = nnbook.tensor` (so they keep the
 *   engine's declarations and JSDoc), which TypeScript frames as "(alias) … \n import tensor = …";
 *   the framing goes, and a namespace shown only as its alias reads `namespace nn`;
 * - a callable class (`nn.Linear`: a value and a type of one name) shows `type Linear = Linear` above
 *   its value; that line says nothing and goes.
 */
export function declarationText(parts: readonly ts.SymbolDisplayPart[] | undefined, globalKind: (name: string) => string | undefined): string {
  let lines = ts.displayPartsToString(parts as ts.SymbolDisplayPart[] | undefined).split("\n");
  const importLine = /^import (\w+)(?: = [\w.]+)?$/;
  const name = lines.map((l) => importLine.exec(l)?.[1]).find((n) => n !== undefined && globalKind(n) !== undefined);
  const kind = name === undefined ? undefined : globalKind(name);
  if (name !== undefined) {
    lines = lines.filter((l) => !importLine.test(l)).map((l) => l.replace(/^\(alias\) /, ""));
    if (lines.length === 0) lines = [`${kind === "module" ? "namespace" : kind} ${name}`];
    if (kind === "function" && lines[0]!.startsWith(name + "(")) lines[0] = "function " + lines[0];
  }
  if (lines.length > 1) lines = lines.filter((l) => !/^type (\w+) = \1$/.test(l));
  return lines.join("\n");
}

/** JSDoc text and tags as markdown, laid out as VS Code's TypeScript hovers are. */
export function documentationMarkdown(
  documentation: readonly ts.SymbolDisplayPart[] | undefined,
  tags: readonly ts.JSDocTagInfo[] | undefined,
): string {
  const blocks: string[] = [];
  const text = ts.displayPartsToString(documentation as ts.SymbolDisplayPart[] | undefined).trim();
  if (text) blocks.push(text);
  const tagLines = (tags ?? []).map(tagMarkdown).filter((t) => t !== "");
  if (tagLines.length) blocks.push(tagLines.join("\n\n"));
  return blocks.join("\n\n");
}

function tagMarkdown(tag: ts.JSDocTagInfo): string {
  const text = ts.displayPartsToString(tag.text).trim();
  switch (tag.name) {
    case "example":
      return `*@example*\n${/^\s*```/.test(text) ? text : "```ts\n" + text + "\n```"}`;
    case "param": {
      const [, name = "", rest = ""] = /^(\S+)\s*([\s\S]*)$/.exec(text) ?? [];
      return `*@param* \`${name}\`${rest ? " — " + rest : ""}`;
    }
    default:
      return `*@${tag.name}*${text ? " — " + text : ""}`;
  }
}
