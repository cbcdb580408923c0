/** `application/vnd.nnbook.confusion+json`: how often each true class was predicted as each class. */
export interface ConfusionPayload {
  version: 1;
  title: string;
  /** Class names by index. */
  classes: string[];
  /** `counts[t][p]`: rows of true class t predicted as class p. */
  counts: number[][];
  rows: number;
  accuracy: number;
}
