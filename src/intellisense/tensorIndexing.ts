import ts from "typescript";

/** TypeScript's code for an index that a type does not have, which strict mode would report here. */
const NO_INDEX = 7053;

/**
 * `t[0]` on a tensor: PyTorch's indexing, which the cell language spells `t.at(0)`. Cells are checked
 * without noImplicitAny, so TypeScript lets the access pass as `any`; at run time it throws. These are
 * the diagnostics that say so where it is written: an element access with a number on a Tensor.
 */
export function tensorIndexing(program: ts.Program, fileName: string): ts.Diagnostic[] {
  const file = program.getSourceFile(fileName);
  if (!file) return [];
  const checker = program.getTypeChecker(), out: ts.Diagnostic[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isElementAccessExpression(node) && isNumber(checker.getTypeAtLocation(node.argumentExpression)) && isTensor(checker, checker.getTypeAtLocation(node.expression))) {
      const key = node.argumentExpression.getText(file), start = node.getStart(file);
      out.push({
        file,
        start,
        length: node.getEnd() - start,
        category: ts.DiagnosticCategory.Error,
        code: NO_INDEX,
        messageText: `A tensor is not indexed with [] in the cell language: write .at(${key}) (PyTorch's t[${key}]), .get(…) for a number, or .toArray()[${key}].`,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

function isNumber(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.NumberLike) !== 0;
}

/** The cell language's Tensor class, or a class derived from it. */
function isTensor(checker: ts.TypeChecker, type: ts.Type): boolean {
  for (let t: ts.Type | undefined = type, depth = 0; t && depth < 8; depth++) {
    const symbol = t.getSymbol();
    if (symbol?.getName() === "Tensor" && symbol.declarations?.some((d) => /[\\/]engine[\\/]tensor\.d\.ts$/.test(d.getSourceFile().fileName))) return true;
    t = t.isClassOrInterface() ? checker.getBaseTypes(t)[0] : undefined;
  }
  return false;
}
