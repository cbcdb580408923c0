import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor, Tensor } from "../../../src/engine/index";
import * as data from "../../../src/engine/data/index";
import { Dataset } from "../../../src/engine/data/index";

const values = (t: Tensor): number[] => Array.from(t.data);
const count = (xs: ArrayLike<number>, v: number): number => Array.from(xs).filter((x) => x === v).length;
/** Exactly this message, as a whole. */
const message = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

/** n rows x = [i], with labels from `label(i)` as [n, 1] (binary) or [n] (indices). */
function numbered(n: number, label: (i: number) => number, column = true): Dataset {
  const x = Array.from({ length: n }, (_, i) => [i]);
  const y = Array.from({ length: n }, (_, i) => (column ? [label(i)] : label(i)));
  return Dataset(x, y);
}

test("data.not: the one-input gate, x [[0],[1]] → y [[1],[0]]", () => {
  const ds = data.not();
  assert.equal(String(ds), "Dataset(2 rows, x [2,1], y [2,1])");
  assert.deepEqual(ds.x.toArray(), [[0], [1]]);
  assert.deepEqual(ds.y.toArray(), [[1], [0]]);
  assert.equal(ds.task, "binary");
  assert.equal(ds.name, "not");
  assert.deepEqual(ds.featureNames, ["x"]);
  assert.deepEqual(ds.classes, ["0", "1"]);
});

test("logic gates take no options: one given is an error, not ignored", () => {
  const gates = { not: data.not, and: data.and, or: data.or, nand: data.nand, xor: data.xor } as Record<string, (o?: unknown) => Dataset>;
  for (const [name, gate] of Object.entries(gates)) {
    assert.throws(() => gate({ n: 100 }), message(`TypeError: data.${name} takes no options, not { n }`));
    assert.throws(() => gate({ noise: 0.1, seed: 1 }), message(`TypeError: data.${name} takes no options, not { noise, seed }`));
    assert.throws(() => gate(4), message(`TypeError: data.${name} takes no options, not 4`));
    assert.equal(gate({}).length, name === "not" ? 2 : 4);
  }
});

test("new Dataset(x, y) and Dataset(x, y): tensors, nested arrays or class indices", () => {
  const a = new Dataset(tensor([[1, 2], [3, 4], [5, 6]]), [0, 2, 1]);
  const b = Dataset([[1, 2], [3, 4], [5, 6]], tensor([0, 2, 1]));
  for (const ds of [a, b]) {
    assert.ok(ds instanceof Dataset);
    assert.equal(String(ds), "Dataset(3 rows, x [3,2], y [3])");
    assert.equal(ds.task, "multiclass");
    assert.deepEqual(ds.classes, ["0", "1", "2"]);
  }
  const named = Dataset([[1, 2]], [[0.5]], { task: "regression", featureNames: ["height", "weight"], targetName: "score" });
  assert.deepEqual(named.featureNames, ["height", "weight"]);
  assert.equal(named.targetName, "score");
  const classes = Dataset([[1], [2]], [0, 1], { classes: ["cat", "dog"] });
  assert.deepEqual(classes.classes, ["cat", "dog"]);
  assert.throws(() => Dataset([[1, 2], [3, 4]], [0, 1, 2]), message("ShapeError: Dataset: x [2,2] has 2 rows but y [3] has 3; give one label per row of x"));
  assert.throws(() => new Dataset(tensor([[1, 2]]), tensor([[1], [0]])), message("ShapeError: Dataset: x [1,2] has 1 row but y [2,1] has 2; give one label per row of x"));
  assert.throws(() => Dataset([[1, 2]], [0], { featureNames: ["a"] }), message("ShapeError: Dataset: 1 featureNames for the 2 features of x [1,2]; give one name per column"));
  assert.throws(
    () => Dataset([[1, 2]], [0], { feature_names: ["a", "b"] } as never),
    message('TypeError: Dataset: unknown option "feature_names"; did you mean "featureNames"? The options are task, classes, featureNames, targetName, name, imageShape, normalization'),
  );
  assert.throws(() => Dataset([[1]], [0], { task: "classification" } as never), message('TypeError: Dataset: task must be one of "binary", "multiclass", "regression", not "classification"'));
  assert.throws(() => Dataset([[1]], [0], { classes: "ab" } as never), message('TypeError: Dataset: classes must be a list of strings, not "ab"'));
});

test("a Dataset iterates one example at a time, as a TensorDataset", () => {
  const xor = data.xor();
  const pairs = [...xor];
  assert.equal(pairs.length, 4);
  assert.deepEqual(pairs.map(([x]) => x.shape), [[2], [2], [2], [2]]);
  assert.deepEqual(pairs.map(([x, y]) => [x.toArray(), y.toArray()]), [[[0, 0], [0]], [[0, 1], [1]], [[1, 0], [1]], [[1, 1], [0]]]);
  // class indices: each y is a scalar
  const rows: number[] = [];
  for (const [x, y] of Dataset([[5], [6]], [2, 0])) {
    assert.deepEqual(y.shape, []);
    rows.push(x.item(), y.item());
  }
  assert.deepEqual(rows, [5, 2, 6, 0]);
  // image rows keep their shape; the rows are copies
  const images = Dataset(tensor([[[[1, 2], [3, 4]]], [[[5, 6], [7, 8]]]]), [0, 1]);
  const [[first]] = images;
  assert.deepEqual(first.shape, [1, 2, 2]);
  first.data[0] = 99;
  assert.equal(images.x.data[0], 1);
  assert.deepEqual([...Dataset(tensor([]).reshape(0, 2), tensor([]))], []);
  assert.equal(xor.length, 4);
});

test("batches: each a Batch that destructures as [x, y] and has x, y and length by name", () => {
  const ds = numbered(10, (i) => i % 3, false);
  const sizes: number[] = [];
  for (const [x, y] of ds.batches(4)) {
    assert.ok(x instanceof Tensor && y instanceof Tensor);
    assert.equal(x.shape[0], y.shape[0]);
    sizes.push(x.shape[0]);
  }
  assert.deepEqual(sizes, [4, 4, 2]);
  const [batch] = ds.batches(4);
  const [bx, by] = batch, { x, y } = batch;
  assert.equal(bx, x);
  assert.equal(by, y);
  assert.equal(batch[0], x);
  assert.equal(batch[1], y);
  assert.equal(batch.length, 4);
  assert.deepEqual(values(x), [0, 1, 2, 3]);
  assert.deepEqual(values(y), [0, 1, 2, 0]);
  assert.equal(String(batch), "Batch(4 rows, x [4,1], y [4])");
  assert.equal(String(ds.batches(4, { shuffle: true })), "Batches(3 batches of up to 4 rows, shuffled)");
  assert.equal(String(ds.batches(10)), "Batches(1 batch of up to 10 rows)");
  // the same seed, the same order; passes differ
  const order = (b: Iterable<Iterable<Tensor>>) => [...b].flatMap(([bx]) => values(bx));
  const seeded = ds.batches(3, { shuffle: true, seed: 4 });
  assert.deepEqual(order(seeded), order(ds.batches(3, { shuffle: true, seed: 4 })));
  assert.notDeepEqual(order(seeded), order(seeded));
  assert.throws(() => ds.batches(4, { shuffel: true } as never), message('TypeError: Dataset.batches: unknown option "shuffel"; did you mean "shuffle"? The options are shuffle, seed'));
  assert.throws(() => ds.batches(4, { shuffle: 1 } as never), message("TypeError: Dataset.batches: shuffle must be true or false, not 1"));
  assert.throws(() => ds.batches(4, { shuffle: true, seed: 0.5 }), message("TypeError: Dataset.batches: seed must be a whole number, not 0.5"));
  assert.throws(() => ds.batches(2.5), message("RangeError: Dataset.batches: size must be a whole number ≥ 1, got 2.5"));
});

test("concat: the rows of both, with this set's metadata; different shapes, tasks or classes are errors", () => {
  const a = data.moons({ n: 10, seed: 1 }), b = data.moons({ n: 6, seed: 2 });
  const ab = a.concat(b);
  assert.equal(String(ab), "Dataset(16 rows, x [16,2], y [16,1])");
  assert.deepEqual(values(ab.x), [...values(a.x), ...values(b.x)]);
  assert.deepEqual(values(ab.y), [...values(a.y), ...values(b.y)]);
  assert.equal(ab.name, "moons");
  assert.deepEqual(ab.featureNames, ["x1", "x2"]);
  // one list of classes extending the other: the longer is kept
  const three = Dataset([[1]], [2]), two = Dataset([[1], [2]], [0, 1]);
  assert.deepEqual(two.concat(three).classes, ["0", "1", "2"]);
  assert.deepEqual(three.concat(two).classes, ["0", "1", "2"]);
  // normalization is kept only when both share it
  const n = a.normalize();
  assert.deepEqual(n.concat(b.normalize(n)).normalization, n.normalization);
  assert.equal(n.concat(b).normalization, undefined);

  assert.throws(() => a.concat(data.blobs({ n: 5, features: 3, centers: 2 })), message("ShapeError: Dataset.concat: a row of x [10,2] is [2] but of x [5,3] it is [3]; both sets need rows of the same shape"));
  assert.throws(() => a.concat(data.spiral({ n: 6 })), message("ShapeError: Dataset.concat: a row of y [10,1] is [1] but of y [6] it is []; both sets need rows of the same shape"));
  assert.throws(() => a.concat(Dataset([[0.5, 1]], [[0.25]])), message("TypeError: Dataset.concat: this set is binary and the other regression; both need the same task"));
  assert.throws(() => two.concat(Dataset([[3]], [1], { classes: ["cat", "dog"] })), message('TypeError: Dataset.concat: the classes differ: ["0","1"] and ["cat","dog"]'));
  assert.throws(() => a.concat({ x: a.x, y: a.y } as never), message("TypeError: Dataset.concat: other must be a Dataset (e.g. data.xor()), not an object"));
});

test("subset: rows by a list or a 1-D tensor of row numbers, in that order", () => {
  const ds = numbered(6, (i) => i % 2);
  assert.deepEqual(values(ds.subset([4, 0, 4]).x), [4, 0, 4]);
  assert.deepEqual(values(ds.subset(tensor([5, 1])).y), [1, 1]);
  assert.equal(ds.subset([]).length, 0);
  assert.throws(() => ds.subset([6]), message("RangeError: Dataset.subset: row 6 is out of range 0..5"));
  assert.throws(() => ds.subset(3 as never), message("TypeError: Dataset.subset: indices must be a list of row numbers such as [0, 2, 4], not 3"));
});

test("map: fn(x, y, i) per row gives the new [x, y]; metadata kept where it fits", () => {
  const ds = data.line({ n: 5, seed: 2 });
  const seen: number[] = [];
  const doubled = ds.map((x, y, i) => (seen.push(i), [x.mul(2), y]));
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
  assert.deepEqual(values(doubled.x), values(ds.x).map((v) => 2 * v));
  assert.deepEqual(values(doubled.y), values(ds.y));
  assert.equal(doubled.task, "regression");
  assert.deepEqual(doubled.featureNames, ["x"]);
  assert.equal(doubled.name, "line");
  assert.deepEqual(values(ds.x), values(data.line({ n: 5, seed: 2 }).x)); // the original is untouched

  // plain numbers and arrays; a row of a new size drops the feature names
  const poly = ds.map((x, y) => [[x.item(), x.item() ** 2], y.item()]);
  assert.equal(String(poly), "Dataset(5 rows, x [5,2], y [5])");
  assert.equal(poly.featureNames, undefined);
  assert.ok(Math.abs(poly.x.data[1] - ds.x.data[0] ** 2) < 1e-6);
  // labels of a new shape: the task is inferred again
  const classes = ds.map((x, y) => [x, y.item() > 1 ? 1 : 0]);
  assert.equal(classes.task, "multiclass");
  const binary = data.xor().map((x, y) => [x, y.mul(-1).add(1)]);
  assert.equal(binary.task, "binary");
  assert.deepEqual(values(binary.y), [1, 0, 0, 1]);

  assert.throws(() => ds.map(((x: Tensor) => x) as never), message("TypeError: Dataset.map: fn must return [x, y] for each row, e.g. (x, y) => [x.mul(2), y]; row 0 gave a tensor [1]"));
  assert.throws(() => ds.map(((x: Tensor) => [x]) as never), message("TypeError: Dataset.map: fn must return [x, y] for each row, e.g. (x, y) => [x.mul(2), y]; row 0 gave a list of 1"));
  assert.throws(() => ds.map((x, y, i) => [i === 3 ? [1, 2] : x, y]), message("ShapeError: Dataset.map: row 3 gave x [2] but row 0 gave x [1]; every row must give the same shapes"));
  assert.throws(() => ds.map(2 as never), message("TypeError: Dataset.map: fn must be a function, not 2"));
  assert.equal(ds.subset([]).map(() => { throw new Error("not called"); }).length, 0);
});

test("shuffle: seeded, a whole number", () => {
  const ds = numbered(8, (i) => i % 2);
  assert.deepEqual(values(ds.shuffle(3).x), values(ds.shuffle(3).x));
  assert.throws(() => ds.shuffle(0.5), message("TypeError: Dataset.shuffle: seed must be a whole number, not 0.5"));
  assert.throws(() => ds.shuffle("1" as never), message('TypeError: Dataset.shuffle: seed must be a whole number, not "1"'));
});

test("split: stratified by class for classification, each class in the same proportion", () => {
  // 90 of class 0, 10 of class 1: 80% is 72 + 8, the rest 18 + 2, for every seed
  const skewed = numbered(100, (i) => (i < 90 ? 0 : 1));
  for (const seed of [0, 1, 2, 3]) {
    const [tr, te] = skewed.split(0.8, { seed });
    assert.deepEqual([count(tr.y.data, 0), count(tr.y.data, 1), count(te.y.data, 0), count(te.y.data, 1)], [72, 8, 18, 2], `seed ${seed}`);
    assert.deepEqual([...values(tr.x), ...values(te.x)].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
    tr.x.data.forEach((v, i) => assert.equal(tr.y.data[i], v < 90 ? 0 : 1)); // rows stay with their labels
  }
  // the parts are in random order, not grouped by class
  const [tr] = skewed.split(0.8, { seed: 1 });
  assert.notDeepEqual(values(tr.y).slice(0, 8), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.notDeepEqual(values(tr.x), [...values(tr.x)].sort((a, b) => a - b));
  // deterministic for a seed, another seed other rows
  assert.deepEqual(values(skewed.split(0.8, { seed: 5 })[1].x), values(skewed.split(0.8, { seed: 5 })[1].x));
  assert.notDeepEqual(values(skewed.split(0.8, { seed: 5 })[1].x), values(skewed.split(0.8, { seed: 6 })[1].x));
  assert.deepEqual(values(skewed.split(0.8)[1].x), values(skewed.split(0.8, { seed: 0 })[1].x));

  // digits: 1,438 + 359 rows, every digit 80/20 up to the rounding of one row
  const digits = data.digits(), [dTrain, dTest] = digits.split(0.8, { seed: 1 });
  assert.deepEqual([dTrain.length, dTest.length], [1438, 359]);
  for (let k = 0; k < 10; k++) {
    const all = count(digits.y.data, k), inTrain = count(dTrain.y.data, k);
    assert.ok(Math.abs(inTrain - 0.8 * all) < 1, `digit ${k}: ${inTrain} of ${all}`);
    assert.equal(inTrain + count(dTest.y.data, k), all);
  }
  // one-hot labels are stratified by their class too
  const oneHot = Dataset(Array.from({ length: 20 }, (_, i) => [i]), Array.from({ length: 20 }, (_, i) => (i < 15 ? [1, 0] : [0, 1])));
  const [oTrain] = oneHot.split(0.6, { seed: 2 });
  assert.deepEqual([count(oTrain.y.data.filter((_, j) => j % 2 === 0), 1), count(oTrain.y.data.filter((_, j) => j % 2 === 1), 1)], [9, 3]);
});

test("split: plain for regression or with stratify: false; options checked", () => {
  const skewed = numbered(100, (i) => (i < 90 ? 0 : 1));
  // a plain cut of the shuffled rows: with seed 0 not one of the 10 ones is in the 20 test rows, which is why
  // classification sets are stratified by default
  const [, plainTest] = skewed.split(0.8, { stratify: false });
  assert.equal(plainTest.length, 20);
  assert.equal(count(plainTest.y.data, 1), 0);
  assert.deepEqual(values(skewed.split(0.8, { stratify: false })[1].x), values(plainTest.x));
  // a regression set: a plain cut, the same rows as a classification set with stratify: false
  const reg = Dataset(Array.from({ length: 100 }, (_, i) => [i]), Array.from({ length: 100 }, (_, i) => [i / 7]));
  assert.equal(reg.task, "regression");
  assert.deepEqual(values(reg.split(0.8)[1].x), values(plainTest.x));
  assert.deepEqual(values(reg.split(0.8, { stratify: false })[1].x), values(plainTest.x));
  assert.throws(() => reg.split(0.8, { stratify: true }), message("TypeError: Dataset.split: stratify needs classes, and this set is regression; leave stratify out for a plain random split"));
  assert.throws(() => skewed.split(0.8, { stratfy: true } as never), message('TypeError: Dataset.split: unknown option "stratfy"; did you mean "stratify"? The options are seed, stratify'));
  assert.throws(() => skewed.split(0.8, { seed: "1" } as never), message('TypeError: Dataset.split: seed must be a whole number, not "1"'));
  assert.throws(() => skewed.split(1.5), message("RangeError: Dataset.split: fraction must be between 0 and 1 (the share of rows in the first part), got 1.5"));
  // the edges: everything or nothing in the first part
  assert.deepEqual(skewed.split(1).map((d) => d.length), [100, 0]);
  assert.deepEqual(skewed.split(0).map((d) => d.length), [0, 100]);
});

test("images: x as [n, 1, H, W] for a convolution, from imageShape", () => {
  const digits = data.digits(), images = digits.images();
  assert.equal(String(images), "Dataset(1797 rows, x [1797,1,8,8], y [1797])");
  assert.deepEqual(values(images.x).slice(0, 64), values(digits.x).slice(0, 64));
  assert.deepEqual(images.classes, digits.classes);
  assert.deepEqual(images.imageShape, [8, 8]);
  const [[x]] = images;
  assert.deepEqual(x.shape, [1, 8, 8]);
  const rgb = Dataset(tensor(Array.from({ length: 2 }, () => Array.from({ length: 12 }, (_, j) => j))), [0, 1], { imageShape: [3, 2, 2] });
  assert.deepEqual(rgb.images().x.shape, [2, 3, 2, 2]);
  assert.throws(() => data.xor().images(), message("TypeError: Dataset.images: the rows of this set are not images (it has no imageShape); pass { imageShape: [height, width] } to Dataset(x, y, …) for a set that is"));
  assert.throws(() => Dataset([[1, 2, 3]], [0], { imageShape: [2, 2] }).images(), message("ShapeError: Dataset.images: imageShape [2,2] holds 4 pixels but a row of x [1,3] has 3"));
});
