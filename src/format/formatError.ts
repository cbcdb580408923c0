/** A `.nnbook` file that cannot be read: says what is wrong and where (1-based line and column). */
export class NnbookFormatError extends Error {
  override name = "NnbookFormatError";

  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly fileName = "",
  ) {
    super(`${fileName ? fileName + ":" : ""}${line}:${column}: ${reason}`);
  }

  /** The same error, with the file's name in front of the position. */
  inFile(fileName: string): NnbookFormatError {
    return new NnbookFormatError(this.reason, this.line, this.column, fileName);
  }
}

/** 1-based line and column of a character offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
