/**
 * Which queued cells run, and the number each shows ([1], [2], …), as in Jupyter: cells run in the
 * order they were queued, those queued behind a failed cell do not run, and the numbers count on
 * for as long as the kernel keeps its state.
 */
export class ExecutionOrder {
  private count = 0;

  /** `run` gets each cell with its number and says whether it succeeded; `skip` gets the cells not run. */
  async run<T>(cells: Iterable<T>, run: (cell: T, order: number) => Promise<boolean>, skip: (cell: T) => void): Promise<void> {
    let failed = false;
    for (const cell of cells) {
      if (failed) skip(cell);
      else failed = !(await run(cell, ++this.count));
    }
  }

  /** The kernel's state is gone (restarted, or lost): the next cell that runs is [1] again. */
  reset(): void {
    this.count = 0;
  }
}
