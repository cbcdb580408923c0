/**
 * Console text the worker has written but not yet sent, mirrored in shared memory. A cell stuck in
 * a loop that never yields is ended by terminating its worker; the kernel process then reads what
 * was left here, so the text printed just before the loop still reaches the cell.
 *
 * Layout: Int32 [0] bytes used after the header, [1] the run the text belongs to, [2] how many
 * characters that run has had dropped (its output is bounded), in units of 2^20 — a loop that never
 * yields drops terabytes in seconds, past an Int32 of thousands; then records of one byte
 * (0 stdout, 1 stderr), four bytes of length (little-endian) and the UTF-8 text.
 */
const HEADER = 12;
const RECORD = 5;

export const PENDING_TEXT_BYTES = 1 << 20;

export class PendingText {
  private readonly header: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly encoder = new TextEncoder();

  constructor(buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, 3);
    this.bytes = new Uint8Array(buffer, HEADER);
    this.view = new DataView(buffer, HEADER);
  }

  /** Adds text of run `runId`; false when it does not fit (the caller sends what it holds first). */
  append(runId: number, name: "stdout" | "stderr", text: string): boolean {
    const used = Atomics.load(this.header, 0);
    if (Atomics.load(this.header, 1) !== runId && used > 0) return false;
    const room = this.bytes.length - used - RECORD;
    if (room < text.length * 3 && room < this.encoder.encode(text).length) return false;
    const { written } = this.encoder.encodeInto(text, this.bytes.subarray(used + RECORD));
    this.bytes[used] = name === "stdout" ? 0 : 1;
    this.view.setUint32(used + 1, written, true);
    Atomics.store(this.header, 1, runId);
    // The length is stored last: a record half written when the worker is ended is not read.
    Atomics.store(this.header, 0, used + RECORD + written);
    return true;
  }

  clear(): void {
    Atomics.store(this.header, 0, 0);
  }

  /** Run `runId` has had `chars` characters of output dropped so far. */
  setDropped(runId: number, chars: number): void {
    Atomics.store(this.header, 1, runId);
    Atomics.store(this.header, 2, Math.min(2 ** 31 - 1, Math.ceil(chars / 2 ** 20)));
  }

  /** What is left, in order, and empties it. */
  take(): { runId: number; droppedChars: number; chunks: { name: "stdout" | "stderr"; text: string }[] } {
    const used = Atomics.load(this.header, 0), runId = Atomics.load(this.header, 1), droppedChars = Atomics.load(this.header, 2) * 2 ** 20;
    const decoder = new TextDecoder();
    const chunks: { name: "stdout" | "stderr"; text: string }[] = [];
    for (let at = 0; at + RECORD <= used; ) {
      const length = this.view.getUint32(at + 1, true);
      // TextDecoder does not read from shared memory: copy out first.
      chunks.push({ name: this.bytes[at] === 0 ? "stdout" : "stderr", text: decoder.decode(this.bytes.slice(at + RECORD, at + RECORD + length)) });
      at += RECORD + length;
    }
    this.clear();
    return { runId, droppedChars, chunks };
  }
}
