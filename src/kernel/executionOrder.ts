/**
 * Which queued cells run, and the number each shows ([1], [2], …), as in Jupyter: one queue per
 * kernel, whatever call queued the cells; they run one at a time in the order queued. A failed cell,
 * the stop button and a restart each end the queue: the cells queued before it do not run. The
 * numbers count on for as long as the kernel keeps its state.
 */
export class ExecutionOrder {
  private count = 0;
  private tail: Promise<void> = Promise.resolve();
  /** Cells queued in an earlier generation than this are not run: a failure, a stop or a restart bumped it. */
  private generation = 0;

  /**
   * Queues `cells` behind those queued already. `run` gets each cell with its number when its turn
   * comes and says whether it succeeded; `skip` gets the cells that will not run. Resolves once
   * every one of them has run or been skipped.
   */
  run<T>(cells: Iterable<T>, run: (cell: T, order: number) => Promise<boolean>, skip: (cell: T) => void): Promise<void> {
    const queued = [...cells];
    const generation = this.generation;
    const done = this.tail.then(async () => {
      for (const cell of queued) {
        if (this.generation !== generation) skip(cell);
        else if (!(await run(cell, ++this.count)) && this.generation === generation) this.generation++;
      }
    });
    this.tail = done.catch(() => undefined);
    return done;
  }

  /** Resolves once every cell queued so far has run or been skipped. */
  idle(): Promise<void> {
    return this.tail;
  }

  /** The stop button: the running cell is asked to stop elsewhere; none queued behind it runs. */
  stop(): void {
    this.generation++;
  }

  /** The kernel's state is gone (restarted, or lost): nothing queued runs, and the next cell is [1] again. */
  reset(): void {
    this.generation++;
    this.count = 0;
  }
}
