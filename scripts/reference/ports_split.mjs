// Writes test/fixtures/engine/ports_split.json: the rows of data.digits() that
// `data.digits().split(0.8, { seed: 1 })` puts in the training and the test set, so that
// scripts/reference/ports_fixtures.py trains PyTorch on the same rows the notebook
// test/corpus/ports/pytorch-tutorials.nnbook uses.
//     node --import tsx scripts/reference/ports_split.mjs
// test/unit/cli/portsNotebook.test.ts checks the file still matches the split.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { arange, data, Dataset } from "../../src/engine/index.ts";

export const FRACTION = 0.8, SEED = 1;

/** The row numbers of each part: the same split on a set whose only feature is the row number. */
export function splitRows() {
  const digits = data.digits();
  const rows = new Dataset(arange(0, digits.length).reshape(digits.length, 1), digits.y, { task: "multiclass" });
  const [train, test] = rows.split(FRACTION, { seed: SEED });
  return { train: Array.from(train.x.data), test: Array.from(test.x.data) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
  const file = path.join(root, "test/fixtures/engine/ports_split.json");
  const { train, test } = splitRows();
  const text = JSON.stringify({ set: "digits", fraction: FRACTION, seed: SEED, train, test }) + "\n";
  writeFileSync(file, text);
  console.log(`${path.relative(root, file)}: ${train.length} training rows, ${test.length} test rows`);
}
