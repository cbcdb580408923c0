/** One import of a file; `specifier` is null when the path is computed. */
export interface ImportEntry {
  specifier: string | null;
  typeOnly: boolean;
  line?: number;
  kind?: string;
  /** A `/// <reference lib>`: adds to the libraries of the folder's tsconfig. */
  lib?: boolean;
}

export interface LayerRule {
  layers: string[];
  modules?: string[];
  typeLayers?: Record<string, string>;
  packages: string[] | string;
  typePackages?: string[];
  vscode?: boolean;
  why: string;
}

export const RULES: Record<string, LayerRule>;
export const COMPUTED: Record<string, string>;

/** The layer of a path relative to src/, or undefined for a folder without a rule. */
export function layerOf(file: string): string | undefined;
export function readImports(fileName: string, text: string): ImportEntry[];
/** Every broken rule, one message each, naming the file, the import and the rule. */
export function findViolations(files: { file: string; imports: ImportEntry[] }[]): string[];
export function checkLayers(srcDir: string): { files: number; imports: number; violations: string[] };
