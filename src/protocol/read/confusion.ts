import type { ConfusionPayload } from "../confusionPayload";
import { array, count, finite, object, PayloadError, string, version } from "./check";

export function readConfusion(value: unknown): ConfusionPayload {
  const p = object(value, "");
  version(p, "confusion matrix", 1);
  const classes = array(p.classes, "classes", string);
  if (classes.length < 2) throw new PayloadError(`classes must name at least 2 classes, not ${classes.length}`);
  const counts = array(p.counts, "counts", (row, path) => {
    const cells = array(row, path, count);
    if (cells.length !== classes.length) throw new PayloadError(`${path} must have one count per class (${classes.length}), not ${cells.length}`);
    return cells;
  });
  if (counts.length !== classes.length) throw new PayloadError(`counts must have one row per class (${classes.length}), not ${counts.length}`);
  const rows = count(p.rows, "rows");
  const sum = counts.flat().reduce((a, b) => a + b, 0);
  if (sum !== rows) throw new PayloadError(`the counts must add up to rows (${rows}), not ${sum}`);
  const accuracy = finite(p.accuracy, "accuracy");
  if (accuracy < 0 || accuracy > 1) throw new PayloadError(`accuracy must be between 0 and 1, not ${accuracy}`);
  return { version: 1, title: string(p.title, "title"), classes, counts, rows, accuracy };
}
