import type { CellOutput } from "../protocol/outputs";
import type { TextLayout } from "./textLayout";

/** The newest format version this reader understands. */
export const FORMAT_VERSION = 1;

/** A `.nnbook` file in memory. Sources are single strings; on disk they are arrays of lines. */
export interface NnbookFile {
  nnbook: number;
  metadata: Record<string, unknown>;
  cells: NnbookCell[];
  /** Present when the file had a byte order mark or `\r\n` line endings, which a save keeps. */
  layout?: TextLayout;
}

export type NnbookCell = MarkdownCell | CodeCell;

export interface MarkdownCell {
  kind: "markdown";
  source: string;
  metadata?: Record<string, unknown>;
}

export interface CodeCell {
  kind: "code";
  language: "nnts";
  source: string;
  metadata?: Record<string, unknown>;
  execution?: CellExecution;
  outputs: CellOutput[];
}

/** What is known of a cell's last run: VS Code's execution summary. */
export interface CellExecution {
  order?: number;
  success?: boolean;
  startTime?: number;
  endTime?: number;
}
