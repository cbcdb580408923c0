// Checks that each folder of src/ imports only what runs where it runs. The tsconfigs keep the DOM
// and Node's types out of folders, but an explicit `import "vscode"` or an import of another folder
// still type-checks, so the boundaries are read here from every import, `export … from`, `import()`,
// `require()`, `import x = require()`, `typeof import()` and `/// <reference>` in src/**/*.ts.
//
// Type-only imports count like any other, except where a rule says "types only". A folder may
// always import itself; `intellisense/editor/` is a layer of its own, apart from `intellisense/`.
// What the rules allow beyond the plain folder list, and why:
// - kernel/ may import language/realm/boundary.ts, and nothing else of language/: the keys and types
//   the kernel and the cells' realm share, in a module that runs no code when loaded. The rest of
//   language/ (and the engine and views it bundles) runs inside the cells' realm only; a kernel that
//   imported it would hold a second `Tensor` class that the cells' `instanceof` does not know.
// - intellisense/editor/ and extension/ may import intellisense/ for types only: the service is its
//   own bundle (it carries the TypeScript compiler) and is required at run time, on first use.
// - export/ uses protobufjs (its minimal runtime, under the ONNX messages generated from onnx.proto); format/ uses jsonc-parser, language/ node-inspect-extracted (the cells' console, bundled into
//   their realm), renderers/ katex, plotly's partial bundle and highlight.js (its core and Python alone); renderers/ also take the types of
//   plotly.js and vscode-notebook-renderer, packages that are never loaded.
// - An import() or require() of a computed path is allowed only in the files of COMPUTED, each
//   loading a bundle that the build writes next to it.
import ts from "typescript";
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HOST = "any package or Node built-in";
const SERVICE = "the language service is a bundle of its own, required at run time";
const NO_VSCODE = "the other layers run in the kernel's process, the command line or a webview too, where VS Code's API is not";

/**
 * Per layer: the layers it may import, single modules of other layers, layers it may import types
 * from (and why only types), and "packages" as a list or HOST; `vscode` only where true.
 */
export const RULES = {
  engine: { layers: [], packages: [], why: "the engine runs in the cells' realm, in tests and in a browser" },
  protocol: { layers: [], packages: [], why: "the payloads are what the kernel and the renderers share, and nothing else" },
  export: { layers: ["engine"], packages: ["protobufjs"], why: "the exports run in the cells' realm, beside the engine they write down" },
  views: { layers: ["engine", "export", "protocol"], packages: [], why: "views are bundled into the cells' realm" },
  language: { layers: ["engine", "export", "views", "protocol"], packages: ["node-inspect-extracted"], why: "the cell language runs in the cells' realm, which has no Node" },
  format: { layers: ["protocol"], packages: ["jsonc-parser"], why: "the file format is read by the editor and the command line alike" },
  renderers: {
    layers: ["protocol"],
    packages: ["katex", "plotly.js-cartesian-dist-min", "highlight.js"],
    typePackages: ["plotly.js", "vscode-notebook-renderer"],
    why: "renderers run in the notebook's webview",
  },
  kernel: { layers: ["protocol"], modules: ["language/realm/boundary"], packages: HOST, why: "the engine runs only inside the cells' realm" },
  cli: { layers: ["kernel", "format", "protocol"], packages: HOST, why: "the command line runs cells through the kernel, as the editor does" },
  intellisense: { layers: [], packages: HOST, why: "the language service is a bundle of its own, outside VS Code's API" },
  "intellisense/editor": { layers: [], typeLayers: { intellisense: SERVICE }, packages: HOST, vscode: true, why: "the editor side of the cells' IntelliSense" },
  extension: {
    layers: ["kernel", "format", "protocol", "intellisense/editor"],
    typeLayers: { intellisense: SERVICE },
    packages: HOST,
    vscode: true,
    why: "the extension is wiring between VS Code and the other layers",
  },
};

/** Files that import a computed path, and what they load. */
export const COMPUTED = {
  "renderers/math/loadKatex.ts": "out/renderers/katex.js",
  "renderers/plotly/loadPlotly.ts": "out/renderers/plotly.js",
  "intellisense/editor/notebookServices.ts": "out/intellisense/service.js",
};

/** The layer of a path relative to src/ (a file or a folder), or undefined for a folder without a rule. */
export function layerOf(file) {
  if (file === "intellisense/editor" || file.startsWith("intellisense/editor/")) return "intellisense/editor";
  const top = file.split("/")[0];
  return Object.hasOwn(RULES, top) ? top : undefined;
}

const literal = (node) => (node && ts.isStringLiteralLike(node) ? node.text : null);

/** Every import of one file: `{ specifier (null when computed), typeOnly, line, kind }`. */
export function readImports(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (specifier, typeOnly, kind, pos, lib = false) =>
    found.push({ specifier, typeOnly, kind, line: source.getLineAndCharacterOfPosition(pos).line + 1, ...(lib && { lib }) });
  const allTypes = (elements) => elements.length > 0 && elements.every((e) => e.isTypeOnly);
  (function visit(node) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      // `import { type A }` is dropped from the bundle like `import type { A }`.
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && allTypes(named)));
      add(literal(node.moduleSpecifier), typeOnly, typeOnly ? "import type" : "import", node.getStart(source));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
      const typeOnly = node.isTypeOnly || allTypes(named);
      add(literal(node.moduleSpecifier), typeOnly, typeOnly ? "export type … from" : "export … from", node.getStart(source));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(literal(node.moduleReference.expression), node.isTypeOnly, "import = require", node.getStart(source));
    } else if (ts.isImportTypeNode(node)) {
      add(literal(node.argument.literal), true, "typeof import()", node.getStart(source));
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) add(literal(node.arguments[0]), false, "import()", node.getStart(source));
      else if (ts.isIdentifier(callee) && callee.text === "require") add(literal(node.arguments[0]), false, "require()", node.getStart(source));
    }
    ts.forEachChild(node, visit);
  })(source);
  for (const ref of source.typeReferenceDirectives) add(ref.fileName, true, "/// <reference types>", ref.pos);
  for (const ref of source.libReferenceDirectives) add(ref.fileName, true, "/// <reference lib>", ref.pos, true);
  for (const ref of source.referencedFiles) {
    add(ref.fileName.startsWith(".") ? ref.fileName : `./${ref.fileName}`, true, "/// <reference path>", ref.pos);
  }
  return found;
}

const isBuiltin = (name) => name.startsWith("node:") || builtinModules.includes(name.split("/")[0]);
const packageOf = (name) => name.split("/").slice(0, name.startsWith("@") ? 2 : 1).join("/");
const list = (items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** Why one import of `file` (relative to src/, in `layer`) breaks a rule; undefined when it does not. */
function brokenRule(file, layer, { specifier, typeOnly, lib }) {
  const rule = RULES[layer];
  if (lib) return "a file may not add to the libraries its folder's tsconfig.json gives it";
  if (specifier === null) {
    if (Object.hasOwn(COMPUTED, file)) return undefined;
    return "a computed import path cannot be checked: only the files in COMPUTED (scripts/checkLayers.mjs) may use one";
  }
  if (specifier.startsWith(".")) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    if (target === ".." || target.startsWith("../")) return `${layer}/ may import nothing outside src/`;
    const module = target.replace(/\.(ts|js|mjs|cjs)$/, "").replace(/\/index$/, "");
    const to = layerOf(target);
    if (to === layer || rule.layers.includes(to) || rule.modules?.includes(module)) return undefined;
    const typeWhy = rule.typeLayers?.[to];
    if (typeWhy) return typeOnly ? undefined : `${layer}/ may import ${to}/ for types only (${typeWhy})`;
    const allowed = [layer, ...rule.layers].map((l) => `${l}/`).concat((rule.modules ?? []).map((m) => `${m}.ts`));
    for (const l of Object.keys(rule.typeLayers ?? {})) allowed.push(`${l}/ (types only)`);
    return `${layer}/ may import only ${list(allowed)} (${rule.why})`;
  }
  if (packageOf(specifier) === "vscode") {
    return rule.vscode ? undefined : `only extension/ and intellisense/editor/ may import "vscode" (${NO_VSCODE})`;
  }
  const name = isBuiltin(specifier) ? specifier : packageOf(specifier);
  if (rule.packages === HOST || rule.packages.includes(name) || (typeOnly && rule.typePackages?.includes(name))) return undefined;
  const packages = rule.packages.length ? `only the packages ${list(rule.packages)}` : "no package or Node built-in";
  const types = rule.typePackages ? `, and the types of ${list(rule.typePackages)}` : "";
  return `${layer}/ may import ${packages}${types} (${rule.why})`;
}

/** Every broken rule in `files` (`{ file, imports }`, file relative to src/), one message each. */
export function findViolations(files) {
  const messages = [];
  for (const { file, imports } of files) {
    const layer = layerOf(file);
    if (!layer) {
      const folder = file.includes("/") ? `src/${file.split("/")[0]}/` : "src/";
      messages.push(`src/${file}: ${folder} has no layer rule: give it one in scripts/checkLayers.mjs`);
      continue;
    }
    for (const entry of imports) {
      const rule = brokenRule(file, layer, entry);
      const kind = entry.kind ?? (entry.typeOnly ? "import type" : "import");
      const what = entry.specifier === null ? `${kind} of a computed path` : `${kind} "${entry.specifier}"`;
      if (rule) messages.push(`src/${file}:${entry.line ?? 1}: ${what} breaks the rule: ${rule}`);
    }
  }
  return messages;
}

/** Reads every .ts file under `srcDir` and returns the broken rules. */
export function checkLayers(srcDir) {
  const files = readdirSync(srcDir, { recursive: true })
    .map((name) => name.split(path.sep).join("/"))
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((file) => ({ file, imports: readImports(file, readFileSync(path.join(srcDir, file), "utf8")) }));
  return { files: files.length, imports: files.reduce((n, f) => n + f.imports.length, 0), violations: findViolations(files) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const { files, imports, violations } = checkLayers(path.resolve(process.argv[2] ?? path.join(root, "src")));
  for (const message of violations) console.error(message);
  if (violations.length) console.error(`${violations.length} of ${imports} imports break a layer rule.`);
  else console.log(`${imports} imports in ${files} files keep their layers.`);
  process.exitCode = violations.length ? 1 : 0;
}
