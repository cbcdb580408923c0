import ts from "typescript";

/**
 * The engine's classes that are called without `new` (`nn.Linear(2, 4)`, engine/callable.ts) are
 * values of type `Callable<typeof Linear>`, which is what TypeScript shows for them. A learner wants
 * what PyTorch's docs show: how to call it. So such a name shows its constructor, one line per
 * signature, named as the cell wrote it: `nn.Linear(inFeatures: number, outFeatures: number, options?: LinearOptions)`.
 *
 * Only names the cell language declares: a cell's own `const L = nn.Linear` keeps TypeScript's text.
 * Undefined for anything else.
 */
export function callableClassText(checker: ts.TypeChecker, symbol: ts.Symbol | undefined, shownAs: string, notebookFile: string): string | undefined {
  const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaration = target?.valueDeclaration;
  if (!target || !declaration || !ts.isVariableDeclaration(declaration) || declaration.getSourceFile().fileName === notebookFile) return undefined;
  const type = checker.getTypeOfSymbol(target);
  const alias = type.aliasSymbol;
  if (alias?.name !== "Callable" || !alias.declarations?.some((d) => /\/engine\/callable\.d\.ts$/.test(d.getSourceFile().fileName))) return undefined;
  const signatures = type.getConstructSignatures();
  if (signatures.length === 0) return undefined;
  return signatures.map((s) => `${shownAs}(${s.getParameters().map((p) => parameterText(checker, p)).join(", ")})`).join("\n");
}

/** `options?: LinearOptions`, `...layers: Module[]`: the parameter as its declaration writes it. */
function parameterText(checker: ts.TypeChecker, parameter: ts.Symbol): string {
  const declaration = parameter.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration)) return `${parameter.name}: ${checker.typeToString(checker.getTypeOfSymbol(parameter))}`;
  const rest = declaration.dotDotDotToken ? "..." : "";
  const optional = !rest && checker.isOptionalParameter(declaration) ? "?" : "";
  const type = declaration.type ? declaration.type.getText().replace(/\s+/g, " ") : checker.typeToString(checker.getTypeOfSymbol(parameter));
  return `${rest}${declaration.name.getText()}${optional}: ${type}`;
}

/**
 * The name at `position` as the cell wrote it, with what it is a member of: `nn.Linear` for
 * `nn.Li|near`, `nn.` for the completions after `nn.|`, `Dataset` for a bare name.
 */
export function writtenName(file: ts.SourceFile, position: number): { node: ts.Node; qualifier: string } | undefined {
  let node: ts.Node = file;
  for (;;) {
    const child = node.forEachChild((c) => (c.getStart(file) <= position && position <= c.end ? c : undefined));
    if (!child) break;
    node = child;
  }
  if (ts.isIdentifier(node) && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) {
    return { node, qualifier: node.parent.expression.getText(file) + "." };
  }
  if (ts.isPropertyAccessExpression(node)) return { node: node.name, qualifier: node.expression.getText(file) + "." };
  return { node, qualifier: "" };
}
