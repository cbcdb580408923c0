import type { PendingText } from "./pendingText";

type Stream = "stdout" | "stderr";

/**
 * Batches console output: a loop that logs thousands of lines per second would otherwise cost
 * more in messages than in work. Flushes at most every `intervalMs`, also while the worker is busy
 * in a synchronous loop (timers cannot fire then, so each write checks the clock). What is held is
 * mirrored in shared memory, and a run keeps at most `maxBytes` of text: the rest is counted, not kept.
 */
export class StreamBuffer {
  private chunks: { name: Stream; text: string }[] = [];
  private lastFlush = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private runId = 0;
  private kept = 0;
  private dropped = 0;

  constructor(
    private readonly send: (runId: number, name: Stream, text: string) => void,
    private readonly pending: PendingText,
    private readonly maxBytes: number,
    private readonly intervalMs = 50,
  ) {}

  /** Starts counting for a new run. */
  begin(runId: number): void {
    this.flush();
    // A run's first text goes out at once: it may be all a crashing cell prints.
    this.lastFlush = 0;
    this.runId = runId;
    this.kept = 0;
    this.dropped = 0;
    this.pending.setDropped(runId, 0);
  }

  write(name: Stream, text: string): void {
    const room = this.maxBytes - this.kept;
    if (room <= 0) {
      this.drop(text.length);
      return;
    }
    if (text.length > room) {
      this.drop(text.length - room);
      text = text.slice(0, room);
    }
    this.kept += text.length;
    if (!this.pending.append(this.runId, name, text)) {
      this.flush();
      this.pending.append(this.runId, name, text);
    }
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.name === name) last.text += text;
    else this.chunks.push({ name, text });
    const now = Date.now();
    if (now - this.lastFlush >= this.intervalMs) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Characters dropped from the current run so far. */
  droppedChars(): number {
    return this.dropped;
  }

  private drop(chars: number): void {
    this.dropped += chars;
    // Kept in shared memory too: a run ended with its worker still gets its note.
    this.pending.setDropped(this.runId, this.dropped);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    const chunks = this.chunks;
    this.chunks = [];
    for (const { name, text } of chunks) this.send(this.runId, name, text);
    this.pending.clear();
  }
}

/** What a cell is told when some of its text was dropped. */
export function truncationNote(droppedChars: number, maxBytes: number): string {
  return `\n… output truncated: ${mb(droppedChars)} dropped (a cell keeps its first ${mb(maxBytes)} of text).\n`;
}

export function mb(bytes: number): string {
  const m = bytes / 2 ** 20;
  return `${m < 10 ? m.toFixed(1) : Math.round(m).toLocaleString("en-US")} MB`;
}
