import ts from "typescript";
import { IMPORT_KEY } from "../../language/realm/boundary";

/** A cell turned into a script that runs in the kernel's context. */
export interface CompiledCell {
  /** Evaluates to a promise of the cell's last expression value (undefined when there is none). */
  js: string;
  /** Source map from `js` back to the cell's own text. */
  map: string;
  /**
   * The top-level names the cell declares. The script assigns them but does not declare them: the kernel
   * declares each once as a `let` of the context's script scope (worker/cellScope.ts), which later cells
   * share and read as fast as locals, where a global object's property costs a lookup per use.
   */
  names: string[];
}

/** A cell that does not parse: message and 1-based position in the cell. */
export class CellSyntaxError extends Error {
  override name = "SyntaxError";
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(reason);
  }
}

/** The wrapper's parameter through which a function declared in the cell reaches the name outside it. */
const PUBLISH = "__nnbookPublish";

/**
 * Compiles a cell so that its top-level declarations outlive it (later cells see them, re-running
 * replaces them) and top-level `await` works: declarations become assignments, inside an async
 * wrapper, to names the kernel declares outside it (see `names`), and the last expression statement
 * becomes the wrapper's result. One TypeScript transform does it all, so the emitted source map stays exact.
 */
export function compileCell(source: string, fileName: string): CompiledCell {
  const names: string[] = [];
  const out = ts.transpileModule(source, {
    fileName: fileName + ".ts",
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      sourceMap: true,
      useDefineForClassFields: true,
    },
    transformers: { before: [cellTransformer(names)], after: [dropEmptyExport] },
  });
  const error = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error && d.file);
  if (error) {
    const { line, character } = error.file!.getLineAndCharacterOfPosition(error.start ?? 0);
    throw new CellSyntaxError(ts.flattenDiagnosticMessageText(error.messageText, "\n"), line + 1, character + 1);
  }
  // The map's reference comment would send the runtime looking for a file.
  const js = out.outputText.replace(/\/\/# sourceMappingURL=.*\s*$/, "");
  return { js, map: out.sourceMapText!, names };
}

const cellTransformer = (names: string[]): ts.TransformerFactory<ts.SourceFile> => (context) => (source) => {
  const f = context.factory;
  const globals: string[] = [];
  const functions: string[] = [];
  const body: ts.Statement[] = [];
  const file = dynamicImports(context, source);
  const statements = file.statements;

  statements.forEach((statement, i) => {
    const last = i === statements.length - 1;
    if (ts.isImportDeclaration(statement)) {
      for (const binding of importBindings(f, statement)) {
        globals.push(binding.name);
        body.push(ts.setTextRange(f.createExpressionStatement(f.createAssignment(f.createIdentifier(binding.name), binding.value)), statement));
      }
    } else if (ts.isVariableStatement(statement) && !hasDeclareModifier(statement)) {
      for (const decl of statement.declarationList.declarations) {
        collectNames(decl.name, globals);
        const value = decl.initializer ?? f.createVoidZero();
        const assignment = f.createAssignment(toAssignmentTarget(f, decl.name), value);
        body.push(ts.setTextRange(f.createExpressionStatement(parenthesizeObjectPattern(f, assignment)), decl));
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
      // Kept as a declaration so it is hoisted within the cell; published right away.
      globals.push(statement.name.text);
      functions.push(statement.name.text);
      body.unshift(publish(f, statement.name.text));
      body.push(statement);
    } else if (ts.isClassDeclaration(statement) && statement.name && !hasDeclareModifier(statement)) {
      globals.push(statement.name.text);
      const expr = f.createClassExpression(
        statement.modifiers?.filter(ts.isDecorator),
        statement.name,
        statement.typeParameters,
        statement.heritageClauses,
        statement.members,
      );
      body.push(ts.setTextRange(f.createExpressionStatement(f.createAssignment(f.createIdentifier(statement.name.text), expr)), statement));
    } else if (last && ts.isExpressionStatement(statement)) {
      body.push(ts.setTextRange(f.createReturnStatement(statement.expression), statement));
    } else {
      body.push(statement);
    }
  });

  body.unshift(f.createExpressionStatement(f.createStringLiteral("use strict")));
  // Inside the wrapper a declared function's name is the function; the setters, made outside it, reach the
  // name the kernel declared: `{ f: (v) => { f = v; } }`.
  const published = [...new Set(functions)];
  const params = published.length ? [f.createParameterDeclaration(undefined, undefined, PUBLISH)] : [];
  const setters = published.length
    ? [
        f.createObjectLiteralExpression(
          published.map((name) => {
            const v = f.createIdentifier("v");
            const assign = f.createExpressionStatement(f.createAssignment(f.createIdentifier(name), v));
            return f.createPropertyAssignment(name, f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, v)], undefined, undefined, f.createBlock([assign])));
          }),
        ),
      ]
    : [];
  const wrapper = f.createCallExpression(
    f.createParenthesizedExpression(
      f.createArrowFunction([f.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined, params, undefined, undefined, f.createBlock(body, true)),
    ),
    undefined,
    setters,
  );
  names.push(...new Set(globals));
  return f.updateSourceFile(file, [f.createExpressionStatement(wrapper)]);
};

/**
 * TypeScript ends a file that had an import but has none left with `export {};`, to keep it a
 * module; cells run as scripts, where that statement is a syntax error. Runs after TypeScript's
 * own transforms, so it removes that statement and nothing that only looks like it.
 */
const dropEmptyExport: ts.TransformerFactory<ts.SourceFile> = (context) => (file) => {
  const kept = file.statements.filter((s) => !isEmptyExport(s));
  return kept.length === file.statements.length ? file : context.factory.updateSourceFile(file, kept);
};

function isEmptyExport(statement: ts.Statement): boolean {
  return (
    ts.isExportDeclaration(statement) &&
    !statement.moduleSpecifier &&
    !!statement.exportClause &&
    ts.isNamedExports(statement.exportClause) &&
    statement.exportClause.elements.length === 0
  );
}

/**
 * `import { a as b } from "m"` as `b = <import "m">.a`: cells are scripts, where import statements
 * cannot stand. The kernel's import function decides what may be imported, and what a default
 * import of a CommonJS module is.
 */
function importBindings(f: ts.NodeFactory, statement: ts.ImportDeclaration): { name: string; value: ts.Expression }[] {
  const clause = statement.importClause;
  if (!clause || clause.isTypeOnly) return [];
  const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
  const loaded = (asDefault = false) =>
    f.createCallExpression(importFunction(f), undefined, asDefault ? [f.createStringLiteral(specifier), f.createTrue()] : [f.createStringLiteral(specifier)]);
  const bindings: { name: string; value: ts.Expression }[] = [];
  if (clause.name) bindings.push({ name: clause.name.text, value: loaded(true) });
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) bindings.push({ name: named.name.text, value: loaded() });
  if (named && ts.isNamedImports(named)) {
    for (const element of named.elements) {
      if (element.isTypeOnly) continue;
      const imported = (element.propertyName ?? element.name).text;
      bindings.push({ name: element.name.text, value: f.createPropertyAccessExpression(loaded(), imported) });
    }
  }
  return bindings;
}


/**
 * `import(x)` as `Promise.resolve().then(() => <import>(x))`: the kernel's own dynamic import would
 * reject with an error of the kernel's realm, and the cells' import function decides what loads.
 */
function dynamicImports(context: ts.TransformationContext, file: ts.SourceFile): ts.SourceFile {
  const f = context.factory;
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const args = node.arguments.map((a) => ts.visitNode(a, visit) as ts.Expression).slice(0, 1);
      const load = f.createCallExpression(importFunction(f), undefined, args);
      const then = f.createCallExpression(
        f.createPropertyAccessExpression(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("Promise"), "resolve"), undefined, []), "then"),
        undefined,
        [f.createArrowFunction(undefined, undefined, [], undefined, undefined, load)],
      );
      return ts.setTextRange(then, node);
    }
    return ts.visitEachChild(node, visit, context);
  };
  return ts.visitEachChild(file, visit, context);
}

function importFunction(f: ts.NodeFactory): ts.Expression {
  return f.createElementAccessExpression(
    f.createIdentifier("globalThis"),
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier("Symbol"), "for"), undefined, [f.createStringLiteral(IMPORT_KEY)]),
  );
}

function hasDeclareModifier(node: ts.VariableStatement | ts.ClassDeclaration): boolean {
  return node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false;
}

/** `__nnbookPublish.name(name);` — a function declared in the cell becomes visible to later cells. */
function publish(f: ts.NodeFactory, name: string): ts.Statement {
  return f.createExpressionStatement(
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(PUBLISH), name), undefined, [f.createIdentifier(name)]),
  );
}

function collectNames(name: ts.BindingName, into: string[]): void {
  if (ts.isIdentifier(name)) {
    into.push(name.text);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) collectNames(element.name, into);
  }
}

/** A binding pattern (`{ a, b: [c] }` in a declaration) as the equivalent assignment target. */
function toAssignmentTarget(f: ts.NodeFactory, name: ts.BindingName): ts.Expression {
  if (ts.isIdentifier(name)) return f.createIdentifier(name.text);
  if (ts.isObjectBindingPattern(name)) {
    return f.createObjectLiteralExpression(
      name.elements.map((el) => {
        if (el.dotDotDotToken) return f.createSpreadAssignment(toAssignmentTarget(f, el.name));
        const target = toAssignmentTarget(f, el.name);
        const key = el.propertyName ?? (ts.isIdentifier(el.name) ? el.name : undefined);
        if (!el.propertyName && ts.isIdentifier(el.name)) {
          return f.createShorthandPropertyAssignment(el.name.text, el.initializer);
        }
        const value = el.initializer ? f.createAssignment(target, el.initializer) : target;
        return f.createPropertyAssignment(key as ts.PropertyName, value);
      }),
    );
  }
  return f.createArrayLiteralExpression(
    name.elements.map((el) => {
      if (ts.isOmittedExpression(el)) return f.createOmittedExpression();
      const target = toAssignmentTarget(f, el.name);
      if (el.dotDotDotToken) return f.createSpreadElement(target);
      return el.initializer ? f.createAssignment(target, el.initializer) : target;
    }),
  );
}

/** `({ a } = obj)`: an object pattern at the start of a statement must be parenthesized. */
function parenthesizeObjectPattern(f: ts.NodeFactory, assignment: ts.BinaryExpression): ts.Expression {
  return ts.isObjectLiteralExpression(assignment.left) ? f.createParenthesizedExpression(assignment) : assignment;
}
