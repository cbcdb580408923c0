/**
 * A cell's output edits as an editor applies them: one at a time, in the order made, since each is
 * asynchronous. A replacement of an output whose previous replacement is still waiting its turn takes
 * that one's place: a live view the editor is slower to draw than training is to update shows its
 * newest state next, and the cell never waits for drawings nobody would see.
 */
export class EditQueue {
  private readonly waiting: { replaces?: number; apply: () => PromiseLike<void> }[] = [];
  private draining: Promise<void> | undefined;
  /** Replacements dropped because a newer one of the same output came before their turn. */
  dropped = 0;

  /** Queues an edit; `replaces` names the output an edit replaces the items of. */
  push(apply: () => PromiseLike<void>, replaces?: number): void {
    const stale = replaces === undefined ? -1 : this.waiting.findIndex((edit) => edit.replaces === replaces);
    if (stale >= 0) {
      this.waiting[stale] = { replaces, apply };
      this.dropped++;
    } else this.waiting.push({ replaces, apply });
    this.draining ??= this.drain();
  }

  /**
   * Hands every waiting edit to the editor now, without waiting for each to be applied: once a run has ended,
   * there is nothing left to coalesce, and the editor applies what it is given in the order given.
   */
  handOver(): void {
    for (let edit = this.waiting.shift(); edit; edit = this.waiting.shift()) {
      try {
        void Promise.resolve(edit.apply()).catch(() => undefined);
      } catch {
        // As in drain: a refused edit does not hold up the others.
      }
    }
  }

  /** Resolves once every edit queued so far has been applied. */
  settled(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    try {
      for (let edit = this.waiting.shift(); edit; edit = this.waiting.shift()) {
        try {
          await edit.apply();
        } catch {
          // An edit the editor refused (the cell was deleted meanwhile) does not hold up the others.
        }
      }
    } finally {
      this.draining = undefined;
    }
  }
}
