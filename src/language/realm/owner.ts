/**
 * Which run the code executing now belongs to: the running cell, or, inside a timer's callback, the
 * cell that started the timer. Output goes to that cell while it runs and nowhere once it has ended,
 * never into another cell.
 */
let running = 0;
let within: number | undefined;

export function owner(): number {
  return within ?? running;
}

export function setRunning(runId: number): void {
  running = runId;
}

/** Runs `fn` on behalf of run `runId` (a timer's callback, a microtask). */
export function actFor<T>(runId: number, fn: () => T): T {
  const previous = within;
  within = runId;
  try {
    return fn();
  } finally {
    within = previous;
  }
}
