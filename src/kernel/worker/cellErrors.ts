import { SourceMap } from "node:module";
import type { CellError } from "../messages";
import type { CellSyntaxError } from "../process/compileCell";
import { cellName } from "../cellName";

/** A thrown value as the cells' realm describes it: strings only. */
export interface ThrownText {
  name: string;
  message: string;
  stack: string;
}

/** Compiled cells by file name, to map stack frames back to what the user wrote. */
export class CellSourceMaps {
  private readonly cells = new Map<string, { cellNumber: number; executionCount?: number; map: SourceMap; wrapperLine: number }>();

  /** `js` is the compiled cell: its last line calls the wrapper, a frame the user did not write. */
  add(fileName: string, cell: { cellNumber: number; executionCount?: number }, js: string, map: string): void {
    const wrapperLine = js.trimEnd().split("\n").length;
    this.cells.set(fileName, { ...cell, map: new SourceMap(JSON.parse(map)), wrapperLine });
  }

  /**
   * The error as the user should see it: its message, and a stack of the frames in their own cells
   * ("at f (cell [2], the 3rd cell, line 3:5)"); the engine's and the kernel's frames are left out.
   */
  describe({ name, message, stack }: ThrownText): CellError {
    let location: CellError["location"];
    const frames: string[] = [];
    for (const line of stack.split("\n").slice(1)) {
      const frame = /^\s*at (?:async )?(?:(.*?) \()?(nnbook-cell-\d+-\d+)\.js:(\d+):(\d+)\)?$/.exec(line);
      if (!frame) continue;
      const cell = this.cells.get(frame[2]);
      if (!cell || Number(frame[3]) === cell.wrapperLine) continue;
      const entry = cell.map.findEntry(Number(frame[3]) - 1, Number(frame[4]) - 1) as {
        originalLine?: number;
        originalColumn?: number;
      };
      if (entry.originalLine === undefined) continue;
      const at = { cellNumber: cell.cellNumber, ...counted(cell.executionCount), line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
      location ??= at;
      const where = `${cellName(at.cellNumber, at.executionCount)}, line ${at.line}:${at.column}`;
      const fn = frame[1]?.replace(/^async /, "");
      frames.push(fn && fn !== "<anonymous>" ? `    at ${fn} (${where})` : `    at ${where}`);
    }
    return { name, message, stack: [`${name}: ${message}`, ...frames].join("\n"), location };
  }
}

/** A cell that does not parse, as the user should see it. */
export function describeSyntax(error: CellSyntaxError, cellNumber: number, executionCount?: number): CellError {
  const where = `${cellName(cellNumber, executionCount)}, line ${error.line}:${error.column}`;
  return {
    name: "SyntaxError",
    message: `${error.reason} (${where})`,
    stack: `SyntaxError: ${error.reason}\n    at ${where}`,
    location: { cellNumber, ...counted(executionCount), line: error.line, column: error.column },
  };
}

/** The execution count as a field only where there is one. */
function counted(executionCount: number | undefined): { executionCount?: number } {
  return executionCount === undefined ? {} : { executionCount };
}
