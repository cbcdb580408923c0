// Builds the declarations the cells' language service reads, into out/intellisense/types/:
//   nnbook/…          declarations of the cell language (src/language/index.ts and what it re-exports),
//                     emitted from the sources with their JSDoc, laid out as src/ is
//   globals.d.ts      every export of the cell language as a global of the cells
//   cellHost.d.ts     the few host globals a cell has besides JavaScript's own (see cellHost.d.ts)
//   lib/              TypeScript's standard library declarations for the JavaScript cells run on
//   manifest.json     where the service finds each part, and the kind of each global
// The VSIX has no node_modules, so all of it is shipped.
//
// Declarations are emitted here from src/ rather than copied from `tsc -b`'s out/types/: packaging runs
// only the bundler, and out/types/ keeps files of sources that no longer exist.
//
//   node scripts/intellisense/buildTypes.mjs [outDir]
//   import { buildCellTypes } from "./intellisense/buildTypes.mjs"
import ts from "typescript";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultRoot = path.dirname(path.dirname(here));

/** The JavaScript a cell runs on: Node 20's V8 implements ES2023 (the compile target is ES2022, the same syntax). */
export const CELL_LIB = "es2023";

const LANGUAGE_ENTRY = "src/language/index.ts";

/**
 * @param {{ root?: string, outDir?: string }} [options]
 * @returns {{ outDir: string, files: number, bytes: number, globals: Record<string, string> }}
 */
export function buildCellTypes(options = {}) {
  const root = options.root ?? defaultRoot;
  const outDir = path.resolve(root, options.outDir ?? "out/intellisense/types");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const entry = path.join(root, LANGUAGE_ENTRY);
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts"],
    types: [],
    strict: true,
    noImplicitOverride: true,
    declaration: true,
    emitDeclarationOnly: true,
    // The engine's bookkeeping fields (marked @internal) are not the cells' to see.
    stripInternal: true,
    removeComments: false,
    skipLibCheck: true,
    rootDir: path.join(root, "src"),
    outDir: path.join(outDir, "nnbook"),
  });
  const emitted = program.emit();
  if (emitted.emitSkipped || emitted.diagnostics.length > 0) {
    throw new Error(`declarations of the cell language:\n${formatDiagnostics(emitted.diagnostics)}`);
  }

  // Declarations written by hand beside generated code (src/export/onnx/onnxProto.d.ts) are not emitted: copied.
  const src = path.join(root, "src") + path.sep;
  for (const file of program.getSourceFiles()) {
    if (!file.isDeclarationFile || !file.fileName.startsWith(src.split(path.sep).join("/"))) continue;
    const target = path.join(outDir, "nnbook", path.relative(src, file.fileName));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file.fileName, target);
  }

  const globals = languageExports(program, entry);
  writeFileSync(path.join(outDir, "globals.d.ts"), globalsDeclaration(globals, path.join(root, "src")));
  copyFileSync(path.join(here, "cellHost.d.ts"), path.join(outDir, "cellHost.d.ts"));
  const lib = copyLib(path.join(path.dirname(ts.sys.getExecutingFilePath())), path.join(outDir, "lib"));

  const manifest = {
    lib: `lib/${lib}`,
    roots: ["globals.d.ts", "cellHost.d.ts"],
    nnbook: "nnbook/language/index.d.ts",
    globals: Object.fromEntries(globals.map((g) => [g.name, g.kind])),
  };
  writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");

  let files = 0;
  let bytes = 0;
  (function walk(dir) {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else {
        files++;
        bytes += statSync(file).size;
      }
    }
  })(outDir);
  return { outDir, files, bytes, globals: manifest.globals };
}

/**
 * @typedef {{ name: string, kind: string, typeOnly: boolean, module?: string }} LanguageExport
 * `module` is set for type-only exports: the source file that declares the type under the same name.
 */

/**
 * Every export of the cell language with the kind of what it names (a TypeScript ScriptElementKind).
 * @returns {LanguageExport[]}
 */
function languageExports(program, entry) {
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry));
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const typeOnly = Boolean(checker.getTypeOnlyAliasDeclaration?.(symbol)) || !(target.flags & ts.SymbolFlags.Value);
    const declaration = target.declarations?.[0];
    const declaringFile = declaration?.getSourceFile();
    const exported =
      declaringFile && checker.getSymbolAtLocation(declaringFile)?.exports?.get(ts.escapeLeadingUnderscores(symbol.name)) !== undefined;
    return {
      name: symbol.name,
      kind: symbolKind(target.flags),
      typeOnly,
      module: typeOnly && exported ? declaringFile.fileName : undefined,
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
}

function symbolKind(flags) {
  const F = ts.SymbolFlags;
  if (flags & F.Class) return "class";
  if (flags & F.Function) return "function";
  if (flags & F.Enum) return "enum";
  if (flags & F.ValueModule) return "module";
  if (flags & F.Variable) return "const";
  if (flags & F.Interface) return "interface";
  if (flags & F.TypeAlias) return "type";
  if (flags & F.NamespaceModule) return "module";
  return "alias";
}

/**
 * `export import name = nnbook.name` gives a global every meaning the export has (value, type,
 * namespace: `Tensor` in `x: Tensor` and `new Tensor`, `nn.Linear` as a type) and keeps the
 * declaration's JSDoc and location for hovers and go to definition. An export made with `export type`
 * cannot be aliased through the cell language's module, so it is aliased from the file declaring it.
 */
function globalsDeclaration(exports, srcDir) {
  const modules = new Map();
  const lines = [];
  for (const e of exports) {
    if (e.typeOnly && e.module) {
      const specifier = "./nnbook/" + path.relative(srcDir, e.module.replace(/\.ts$/, "")).split(path.sep).join("/");
      if (!modules.has(specifier)) modules.set(specifier, `m${modules.size}`);
      lines.push(`  export import ${e.name} = ${modules.get(specifier)}.${e.name};`);
    } else if (e.typeOnly) {
      lines.push(`  type ${e.name} = nnbook.${e.name};`);
    } else {
      lines.push(`  export import ${e.name} = nnbook.${e.name};`);
    }
  }
  const imports = [...modules].map(([specifier, alias]) => `import * as ${alias} from "${specifier}";`);
  return [
    "// Generated by scripts/intellisense/buildTypes.mjs from the exports of src/language/index.ts:",
    "// the cell language is in every cell's global scope, as the kernel puts it there.",
    'import * as nnbook from "nnbook";',
    ...imports,
    "declare global {",
    ...lines,
    "}",
    "",
  ].join("\n");
}

/** Copies lib.<CELL_LIB>.d.ts and every library it references; returns the entry's file name. */
function copyLib(from, to) {
  mkdirSync(to, { recursive: true });
  const entry = `lib.${CELL_LIB}.d.ts`;
  const pending = [entry];
  const seen = new Set();
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(path.join(from, file), "utf8");
    writeFileSync(path.join(to, file), text);
    for (const [, name] of text.matchAll(/^\/\/\/\s*<reference\s+lib="([^"]+)"\s*\/>/gm)) pending.push(`lib.${name}.d.ts`);
  }
  return entry;
}

function formatDiagnostics(diagnostics) {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => "\n",
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outDir, files, bytes } = buildCellTypes({ outDir: process.argv[2] });
  const kb = (bytes / 1024).toFixed(0).padStart(6);
  console.log(`${kb} KB  ${path.relative(process.cwd(), outDir) || "."} (${files} files)`);
}
