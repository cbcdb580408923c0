/**
 * The cells' language service, without VS Code: bundled on its own (out/intellisense/service.js) with
 * the TypeScript compiler, and loaded by the editor side when the first notebook needs it.
 */
import { CellTypes } from "./cellTypes";
import { NotebookService } from "./notebookService";

export type { NotebookService } from "./notebookService";
export type { DiagnosticOptions } from "./cellDiagnostics";
export type * from "./results";

export interface CellLanguageServices {
  /** A language service for one notebook; dispose it when the notebook closes. */
  open(): NotebookService;
}

/** `typesFolder`: what scripts/intellisense/buildTypes.mjs wrote (out/intellisense/types). */
export function createCellLanguageServices(typesFolder: string): CellLanguageServices {
  const types = new CellTypes(typesFolder);
  return { open: () => new NotebookService(types) };
}
