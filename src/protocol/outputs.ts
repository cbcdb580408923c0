/**
 * A cell output as it travels from the kernel to its hosts (editor, CLI, HTML report):
 * a list of alternative representations of one thing, richest first, `text/plain` last.
 */
export interface OutputItem {
  mime: string;
  /** A string for text mimes, a JSON value for `+json` mimes (see `isJsonMime`). */
  data: unknown;
}

export interface CellOutput {
  items: OutputItem[];
  metadata?: Record<string, unknown>;
}

/** The error item's JSON, as VS Code's `application/vnd.code.notebook.error` expects. */
export interface ErrorData {
  name: string;
  message: string;
  stack: string;
}
