/** The JavaScript library cells are checked against (`lib.<CELL_LIB>.d.ts`). */
export const CELL_LIB: string;

export interface CellTypesBuild {
  outDir: string;
  files: number;
  bytes: number;
  /** Every global of the cell language and its kind (a TypeScript ScriptElementKind). */
  globals: Record<string, string>;
}

/** Writes the declarations of the cells' language service into `outDir` (default out/intellisense/types). */
export function buildCellTypes(options?: { root?: string; outDir?: string }): CellTypesBuild;
