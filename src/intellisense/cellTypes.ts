import ts from "typescript";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Written by scripts/intellisense/buildTypes.mjs next to the declarations. */
interface Manifest {
  lib: string;
  roots: string[];
  nnbook: string;
  /** Kind of each global of the cell language (a ScriptElementKind). */
  globals: Record<string, string>;
}

/**
 * The shipped declarations cells are checked against, and what every notebook's language service
 * shares: file snapshots and parsed declaration files (one document registry), read once.
 */
export class CellTypes {
  readonly options: ts.CompilerOptions;
  readonly libFile: string;
  readonly rootFiles: readonly string[];
  readonly globals: ReadonlyMap<string, string>;
  readonly registry = ts.createDocumentRegistry();
  private readonly snapshots = new Map<string, ts.IScriptSnapshot | undefined>();

  readonly folder: string;

  constructor(folder: string) {
    this.folder = folder = path.resolve(folder);
    const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")) as Manifest;
    this.libFile = path.join(folder, manifest.lib);
    this.rootFiles = manifest.roots.map((f) => path.join(folder, f));
    this.globals = new Map(Object.entries(manifest.globals));
    this.options = cellCompilerOptions(this.libFile, path.join(folder, manifest.nnbook));
  }

  /** Only files inside the types folder exist for the checker: cells import nothing else. */
  fileExists(fileName: string): boolean {
    return this.snapshot(fileName) !== undefined;
  }

  readFile(fileName: string): string | undefined {
    const s = this.snapshot(fileName);
    return s?.getText(0, s.getLength());
  }

  snapshot(fileName: string): ts.IScriptSnapshot | undefined {
    // TypeScript may hand back a path with "/" where the platform writes "\\".
    const file = path.resolve(fileName);
    let s = this.snapshots.get(file);
    if (s === undefined && !this.snapshots.has(file)) {
      const inside = file.startsWith(this.folder + path.sep) && existsSync(file);
      s = inside ? ts.ScriptSnapshot.fromString(readFileSync(file, "utf8")) : undefined;
      this.snapshots.set(file, s);
    }
    return s;
  }
}

/**
 * Squiggles are for what goes wrong when the cell runs (a wrong argument to `nn.Linear`, a name no
 * cell above declares), not for TypeScript's strictness: cells run without a type check, so
 * `model.bias.item()` on a `Tensor | null` or an untyped parameter work and are not flagged.
 */
export function cellCompilerOptions(libFile: string, nnbookEntry: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    lib: [path.basename(libFile)],
    types: [],
    paths: { nnbook: [nnbookEntry] },
    strict: false,
    strictNullChecks: false,
    noImplicitAny: false,
    strictBindCallApply: true,
    useDefineForClassFields: true,
    allowUnreachableCode: true,
    skipLibCheck: true,
    noEmit: true,
  };
}
