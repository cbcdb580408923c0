import { formatWithOptions } from "node-inspect-extracted";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { displayItems, drawnLiveIn } from "../../views";
import type { CellEnd } from "./boundary";
import type { CellTimers } from "./cellTimers";
import type { CellVariables } from "./cellVariables";
import { describeThrown } from "./describeThrown";
import { host } from "./hostCall";
import { setRunning } from "./owner";

// Taken before any cell runs: a cell that replaces the globals Promise or JSON breaks its own code only.
const settled = Promise.resolve.bind(Promise);
const stringify = JSON.stringify;

/**
 * Follows a cell to its end inside the cells' realm: awaits its last value, shows it, and reports
 * how the cell ended as plain data, so the kernel never touches a value a cell made.
 */
export class CellRunner {
  constructor(
    private readonly timers: CellTimers,
    private readonly variables: CellVariables,
  ) {}

  begin(runId: number): void {
    setRunning(runId);
  }

  settle(runId: number, result: unknown): void {
    settled(result).then(
      (value) => {
        try {
          if (value !== undefined) show(runId, value);
          this.end(runId, { ok: true });
        } catch (error) {
          this.end(runId, { ok: false, error: describeThrown(error) });
        }
      },
      (error: unknown) => this.end(runId, { ok: false, error: describeThrown(error) }),
    );
  }

  fail(runId: number, thrown: unknown): void {
    this.end(runId, { ok: false, error: describeThrown(thrown) });
  }

  private end(runId: number, end: CellEnd): void {
    const note = this.pendingNote(runId);
    let variables;
    try {
      variables = this.variables.describe();
    } catch {
      // A cell that broke what listing needs still ends; the view keeps its last list.
    }
    host("done", runId, stringify({ ...end, ...(note && { note }), ...(variables && { variables }) }));
  }

  /** Timers a cell leaves behind run on, but their output has no cell to go to: say so. */
  private pendingNote(runId: number): string | undefined {
    const { timeouts, intervals } = this.timers.pending(runId);
    const parts = [
      ...(intervals ? [`${intervals} setInterval${intervals > 1 ? "s" : ""}`] : []),
      ...(timeouts ? [`${timeouts} setTimeout${timeouts > 1 ? "s" : ""}`] : []),
    ];
    if (parts.length === 0) return undefined;
    return `This cell ended with ${parts.join(" and ")} still pending: what they print from now on is not shown (await them, or clear them with clearInterval/clearTimeout).`;
  }
}

/**
 * A cell's last value: its rich view, or its text as console.log shows it. A History whose loss curve this
 * cell drew live is not drawn a second time: its one line of text says how the run ended.
 */
function show(runId: number, value: unknown): void {
  const rich = drawnLiveIn(value, runId) ? undefined : displayItems(value);
  const items: OutputItem[] = rich ?? [
    { mime: Mime.text, data: typeof value === "string" ? value : formatWithOptions({ colors: false, depth: 4 }, value) },
  ];
  host("display", runId, stringify({ items }));
}
