/**
 * Batches console output: a loop that logs thousands of lines per second would otherwise cost
 * more in messages than in work. Flushes at most every `intervalMs`, also while the worker is busy
 * in a synchronous loop (timers cannot fire then, so each write checks the clock).
 */
export class StreamBuffer {
  private chunks: { name: "stdout" | "stderr"; text: string }[] = [];
  private lastFlush = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (name: "stdout" | "stderr", text: string) => void,
    private readonly intervalMs = 50,
  ) {}

  write(name: "stdout" | "stderr", text: string): void {
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.name === name) last.text += text;
    else this.chunks.push({ name, text });
    const now = Date.now();
    if (now - this.lastFlush >= this.intervalMs) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    const chunks = this.chunks;
    this.chunks = [];
    for (const { name, text } of chunks) this.send(name, text);
  }
}
