/**
 * `application/vnd.nnbook.backprop+json`: one forward and one backward pass through a small network, as
 * steps a learner follows one at a time. Every step is in the payload, so stepping needs no kernel.
 */
export interface BackpropPayload {
  version: 1;
  title: string;
  /** What was taken from the inputs, e.g. "x has 4 rows; the first is followed". Empty when nothing was. */
  note: string;
  steps: BackpropStep[];
}

export interface BackpropStep {
  phase: "forward" | "loss" | "backward";
  /** Where the step is: "input", "layer 1 · Linear(2 → 2)", "loss · MSELoss". */
  place: string;
  /** The formula with the numbers substituted and its result, in TeX. */
  tex: string;
  /** The same in plain text, for the text fallback and screen readers. */
  text: string;
  /** The step's result (row-major), as computed: the numbers the formula rounds. Non-finite as `jsonNumber` writes them. */
  result: (number | string)[];
  /** Earlier steps (indices) whose numbers this one uses. */
  uses: number[];
}

/** Steps of a network within the limits of show.backprop (8 layers of at most 8 units) stay below this. */
export const MAX_BACKPROP_STEPS = 64;
