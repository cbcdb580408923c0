import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { tensor, Tensor, nn } from "../../../src/engine/index";
import * as data from "../../../src/engine/data/index";
import { Dataset } from "../../../src/engine/data/index";
import { decodeBase64 } from "../../../src/engine/data/base64";

const rows = (t: Tensor): number[][] => t.toArray();
const labels = (d: Dataset): number[] => Array.from(d.y.data);
const count = (xs: number[], v: number): number => xs.filter((x) => x === v).length;

test("Dataset: shapes, length, metadata and the one-line printout", () => {
  const ds = new Dataset(tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), tensor([[0], [1], [1], [0]]));
  assert.equal(String(ds), "Dataset(4 rows, x [4,2], y [4,1])");
  assert.equal(ds.length, 4);
  assert.equal(ds.features, 2);
  assert.equal(ds.task, "binary");
  assert.deepEqual(ds.classes, ["0", "1"]);
  assert.equal(ds.numClasses, 2);
  // callable without new, from plain arrays, a 1-D x read as one feature
  const one = Dataset([1, 2, 3], [[0.5], [1.5], [2.5]]);
  assert.ok(one instanceof Dataset);
  assert.deepEqual(one.x.shape, [3, 1]);
  assert.equal(one.task, "regression");
  assert.equal(String(Dataset([[1]], [2])), "Dataset(1 row, x [1,1], y [1])");
  assert.throws(() => Dataset([[1], [2]], [1]), /x \[2,1\] has 2 rows but y \[1\] has 1/);
});

test("Dataset: the task is inferred from y", () => {
  assert.equal(Dataset([[1], [2]], [0, 2]).task, "multiclass");
  assert.deepEqual(Dataset([[1], [2]], [0, 2]).classes, ["0", "1", "2"]);
  assert.equal(Dataset([[1], [2]], [[1, 0], [0, 1]]).task, "multiclass");
  assert.equal(Dataset([[1], [2]], [[0.5], [1]]).task, "regression");
  assert.equal(Dataset([[1], [2]], [0.5, 1]).task, "regression");
  assert.deepEqual(Dataset([[1], [2]], [[0.5], [1]]).classes, []);
  assert.equal(Dataset([[1], [2]], [[0], [1]], { task: "regression" }).task, "regression");
});

test("Dataset.split: sizes, disjoint rows, seeded", () => {
  const ds = Dataset(Array.from({ length: 10 }, (_, i) => [i]), Array.from({ length: 10 }, (_, i) => [i % 2]));
  const [a, b] = ds.split(0.8, { seed: 3 });
  assert.equal(a.length, 8);
  assert.equal(b.length, 2);
  const ids = [...a.x.data, ...b.x.data].sort((p, q) => p - q);
  assert.deepEqual(ids, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // rows stay paired with their labels
  for (const part of [a, b]) part.x.data.forEach((v, i) => assert.equal(part.y.data[i], v % 2));
  assert.deepEqual(Array.from(ds.split(0.8, { seed: 3 })[0].x.data), Array.from(a.x.data));
  assert.notDeepEqual(Array.from(ds.split(0.8, { seed: 4 })[0].x.data), Array.from(a.x.data));
  assert.deepEqual(Array.from(ds.split(0.8)[0].x.data), Array.from(ds.split(0.8, { seed: 0 })[0].x.data));
  assert.equal(a.task, "binary");
  assert.throws(() => ds.split(1.5), /between 0 and 1/);
});

test("Dataset.shuffle: a seeded permutation with metadata kept", () => {
  const ds = data.spiral({ n: 30 });
  const s = ds.shuffle(7);
  assert.deepEqual(Array.from(s.x.data), Array.from(ds.shuffle(7).x.data));
  assert.notDeepEqual(Array.from(s.y.data), Array.from(ds.y.data));
  assert.deepEqual([...s.y.data].sort(), [...ds.y.data].sort());
  assert.equal(s.name, "spiral");
  assert.deepEqual(s.classes, ds.classes);
});

test("Dataset.batches: sizes, every row once per pass, new order each pass", () => {
  const ds = Dataset(Array.from({ length: 10 }, (_, i) => [i]), Array.from({ length: 10 }, (_, i) => i % 3));
  const inOrder = [...ds.batches(4)];
  assert.deepEqual(inOrder.map((b) => b.length), [4, 4, 2]);
  assert.deepEqual(inOrder.flatMap((b) => Array.from(b.x.data)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(inOrder[0].y.shape, [4]);

  const loader = ds.batches(3, { shuffle: true, seed: 1 });
  assert.equal(loader.length, 4);
  const pass1 = [...loader].flatMap((b) => Array.from(b.x.data));
  const pass2 = [...loader].flatMap((b) => Array.from(b.x.data));
  assert.deepEqual([...pass1].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.notDeepEqual(pass1, pass2);
  assert.deepEqual([...ds.batches(3, { shuffle: true, seed: 1 })].flatMap((b) => Array.from(b.x.data)), pass1);
  for (const { x, y } of ds.batches(5)) assert.equal(x.shape[0], y.shape[0]);
  assert.throws(() => ds.batches(0), /size must be a whole number/);
});

test("Dataset.normalize: mean 0 / std 1 per feature, train statistics reused for a test set", () => {
  const train = Dataset([[1, 10, 5], [2, 20, 5], [3, 30, 5]], [0, 1, 0]);
  const n = train.normalize();
  const cols = (t: Tensor, j: number) => rows(t).map((r) => r[j]);
  for (const j of [0, 1]) {
    const c = cols(n.x, j), mean = c.reduce((a, b) => a + b) / 3;
    assert.ok(Math.abs(mean) < 1e-6);
    assert.ok(Math.abs(c.reduce((a, b) => a + (b - mean) ** 2, 0) / 3 - 1) < 1e-5);
  }
  assert.deepEqual(cols(n.x, 2), [0, 0, 0]); // a constant feature is centred, not divided by 0
  assert.deepEqual(n.normalization!.mean, [2, 20, 5]);
  assert.deepEqual(n.normalization!.std.map((s) => Number(s.toFixed(4))), [0.8165, 8.165, 1]);
  assert.deepEqual(Array.from(train.x.data), [1, 10, 5, 2, 20, 5, 3, 30, 5]); // the original is untouched

  const test = Dataset([[2, 40, 5]], [1]);
  const viaNormalized = test.normalize(n), viaRaw = test.normalize(train), viaStats = test.normalize(n.normalization!);
  assert.deepEqual(Array.from(viaNormalized.x.data), Array.from(viaRaw.x.data));
  assert.deepEqual(Array.from(viaStats.x.data), Array.from(viaRaw.x.data));
  assert.equal(viaRaw.x.data[0], 0);
  assert.ok(Math.abs(viaRaw.x.data[1] - 20 / 8.16497) < 1e-4);
  assert.throws(() => Dataset([[1, 2]], [0]).normalize(n), /statistics are for 3 features but x has 2/);
});

test("logic gates: the rows of the truth table", () => {
  const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const table = { and: [0, 0, 0, 1], or: [0, 1, 1, 1], nand: [1, 1, 1, 0], xor: [0, 1, 1, 0] };
  for (const [name, ys] of Object.entries(table)) {
    const ds = (data as unknown as Record<string, () => Dataset>)[name]();
    assert.equal(String(ds), "Dataset(4 rows, x [4,2], y [4,1])", name);
    assert.deepEqual(rows(ds.x), x, name);
    assert.deepEqual(rows(ds.y), ys.map((v) => [v]), name);
    assert.equal(ds.task, "binary");
    assert.equal(ds.name, name);
  }
});

test("generated sets: the same seed gives the same numbers, another seed others", () => {
  const makers: [string, (o: { seed?: number }) => Dataset][] = [
    ["circles", (o) => data.circles({ noise: 0.1, ...o })],
    ["moons", (o) => data.moons({ noise: 0.1, ...o })],
    ["spiral", data.spiral],
    ["blobs", data.blobs],
    ["line", data.line],
    ["sine", data.sine],
  ];
  for (const [name, make] of makers) {
    const a = make({ seed: 5 }), b = make({ seed: 5 }), c = make({ seed: 6 });
    assert.deepEqual(Array.from(a.x.data), Array.from(b.x.data), name);
    assert.deepEqual(Array.from(a.y.data), Array.from(b.y.data), name);
    assert.notDeepEqual(Array.from(a.x.data), Array.from(c.x.data), name);
    assert.deepEqual(Array.from(make({}).x.data), Array.from(make({ seed: 0 }).x.data), `${name}: default seed`);
  }
});

test("circles follows make_circles: ⌊n/2⌋ outer points on radius 1 (class 0), the rest on radius factor", () => {
  const ds = data.circles();
  assert.equal(String(ds), "Dataset(100 rows, x [100,2], y [100,1])");
  assert.equal(ds.task, "binary");
  const radius = rows(ds.x).map(([a, b]) => Math.hypot(a, b));
  labels(ds).forEach((l, i) => assert.ok(Math.abs(radius[i] - (l === 0 ? 1 : 0.8)) < 1e-6));
  const odd = data.circles({ n: 7, factor: 0.5 });
  assert.equal(count(labels(odd), 0), 3);
  rows(odd.x).forEach(([a, b], i) => assert.ok(Math.abs(Math.hypot(a, b) - (odd.y.data[i] === 0 ? 1 : 0.5)) < 1e-6));
  assert.notDeepEqual(labels(ds).slice(0, 50), new Array(50).fill(0)); // shuffled
  assert.throws(() => data.circles({ factor: 1 }), /factor/);
});

test("moons follows make_moons: upper arc class 0, lower arc (1 − cos t, 0.5 − sin t) class 1", () => {
  const ds = data.moons({ n: 101 });
  assert.deepEqual(ds.x.shape, [101, 2]);
  assert.equal(count(labels(ds), 0), 50);
  rows(ds.x).forEach(([a, b], i) => {
    if (ds.y.data[i] === 0) assert.ok(Math.abs(a * a + b * b - 1) < 1e-5 && b >= -1e-6);
    else assert.ok(Math.abs((a - 1) ** 2 + (b - 0.5) ** 2 - 1) < 1e-5 && b <= 0.5 + 1e-6);
  });
  const noisy = data.moons({ noise: 0.2 });
  assert.ok(rows(noisy.x).some(([a, b]) => Math.abs(a * a + b * b - 1) > 0.05));
});

test("spiral: CS231n's arms, 100 points per class, class indices", () => {
  const ds = data.spiral();
  assert.equal(String(ds), "Dataset(300 rows, x [300,2], y [300])");
  assert.equal(ds.task, "multiclass");
  assert.deepEqual(ds.classes, ["0", "1", "2"]);
  for (const k of [0, 1, 2]) assert.equal(count(labels(ds), k), 100);
  const r = rows(ds.x).map(([a, b]) => Math.hypot(a, b));
  assert.ok(Math.abs(r[0]) < 1e-6 && Math.abs(r[99] - 1) < 1e-6); // radius 0 → 1 along each arm
  assert.deepEqual(data.spiral({ classes: 5, n: 52 }).x.shape, [52, 2]);
  const two = data.spiral({ classes: 2 });
  assert.deepEqual(two.y.shape, [200, 1]);
  assert.equal(two.task, "binary");
});

test("blobs follows make_blobs: n shared evenly, Gaussian clusters around the centers", () => {
  const ds = data.blobs();
  assert.equal(String(ds), "Dataset(100 rows, x [100,2], y [100])");
  assert.deepEqual([0, 1, 2].map((k) => count(labels(ds), k)), [34, 33, 33]);
  const centers = [[-5, 0], [5, 0]];
  const two = data.blobs({ n: 400, centers, clusterStd: 0.5 });
  assert.equal(two.task, "binary");
  for (const k of [0, 1]) {
    const pts = rows(two.x).filter((_, i) => two.y.data[i] === k);
    const mean = [0, 1].map((j) => pts.reduce((s, p) => s + p[j], 0) / pts.length);
    assert.ok(Math.hypot(mean[0] - centers[k][0], mean[1] - centers[k][1]) < 0.15);
  }
  assert.deepEqual(data.blobs({ centers: 4, features: 3 }).x.shape, [100, 3]);
  assert.equal(data.blobs({ centers: 4 }).numClasses, 4);
  const box = data.blobs({ centers: 5, centerBox: [0, 1], clusterStd: 0 });
  assert.ok(box.x.data.every((v) => v >= 0 && v <= 1));
});

test("line and sine: regression sets with the documented formulas", () => {
  const ln = data.line({ slope: 3, intercept: -1, noise: 0 });
  assert.equal(String(ln), "Dataset(200 rows, x [200,1], y [200,1])");
  assert.equal(ln.task, "regression");
  rows(ln.x).forEach(([x], i) => assert.ok(Math.abs(ln.y.data[i] - (3 * x - 1)) < 1e-5 && x >= -1 && x <= 1));
  const sn = data.sine({ n: 50, noise: 0 });
  assert.deepEqual(sn.x.shape, [50, 1]);
  rows(sn.x).forEach(([x], i) => assert.ok(Math.abs(sn.y.data[i] - Math.sin(x)) < 1e-6 && Math.abs(x) <= Math.PI));
  const noisy = data.line();
  const resid = rows(noisy.x).map(([x], i) => noisy.y.data[i] - (2 * x + 1));
  const sd = Math.sqrt(resid.reduce((s, r) => s + r * r, 0) / resid.length);
  assert.ok(sd > 0.07 && sd < 0.13, `noise std ${sd}`);
});

test("digits: the UCI set, 1,797 images of 8×8 pixel counts and labels 0–9, identical to the CSV", () => {
  const ds = data.digits();
  assert.equal(String(ds), "Dataset(1797 rows, x [1797,64], y [1797])");
  assert.equal(ds.task, "multiclass");
  assert.deepEqual(ds.classes, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  assert.deepEqual(ds.imageShape, [8, 8]);
  assert.equal(ds.featureNames![9], "pixel_1_1");
  const csv = gunzipSync(readFileSync(new URL("../../fixtures/engine/data-digits.csv.gz", import.meta.url))).toString("utf8").trim().split("\n");
  assert.equal(csv.length, 1797);
  for (const i of [0, 1, 500, 1796]) {
    const cells = csv[i].split(",").map(Number);
    assert.deepEqual(Array.from(ds.x.data.subarray(i * 64, i * 64 + 64)), cells.slice(0, 64), `row ${i}`);
    assert.equal(ds.y.data[i], cells[64]);
  }
  const perClass = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => count(labels(ds), k));
  assert.deepEqual(perClass, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  assert.ok(ds.x.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 16));
  // a fresh copy each call: changing one does not change the next
  ds.x.data[0] = 99;
  assert.equal(data.digits().x.data[0], 0);
});

test("base64 decoding matches Node's, ignoring line breaks", () => {
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) % 256);
  for (const len of [0, 1, 2, 3, 4, 5, 999, 1000]) {
    const text = Buffer.from(bytes.subarray(0, len)).toString("base64");
    assert.deepEqual(Array.from(decodeBase64(text)), Array.from(bytes.subarray(0, len)), `length ${len}`);
    assert.deepEqual(Array.from(decodeBase64(text.replace(/(.{10})/g, "$1\n"))), Array.from(bytes.subarray(0, len)));
  }
  assert.throws(() => decodeBase64("ab$c"), /unexpected character/);
});

test("a binary set feeds BCELoss and a multiclass set CrossEntropyLoss without reshaping", () => {
  const xor = data.xor();
  const p = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid()).forward(xor.x);
  assert.equal(nn.BCELoss().forward(p, xor.y).shape.length, 0);
  const sp = data.spiral({ n: 30 });
  assert.equal(nn.CrossEntropyLoss().forward(nn.Linear(2, 3).forward(sp.x), sp.y).shape.length, 0);
});

test("generated sets check their options: a misspelt or mistyped one is an error naming the one meant", () => {
  assert.throws(() => data.circles({ nosie: 0.1 } as never), /^TypeError: data\.circles: unknown option "nosie"; did you mean "noise"\? The options are n, noise, seed, factor$/);
  assert.throws(() => data.moons({ noise: -0.1 }), /^TypeError: data\.moons: noise must be a number ≥ 0, not -0\.1$/);
  assert.throws(() => data.sine({ seed: 1.5 }), /^TypeError: data\.sine: seed must be a whole number, not 1\.5$/);
  assert.throws(() => data.line({ slop: 2 } as never), /^TypeError: data\.line: unknown option "slop"; did you mean "slope"\? The options are n, noise, seed, slope, intercept$/);
  assert.throws(() => data.spiral({ class: 3 } as never), /data\.spiral: unknown option "class"; did you mean "classes"\?/);
  assert.throws(() => data.blobs({ noise: 1 } as never), /^TypeError: data\.blobs: unknown option "noise"; the options are n, seed, centers, features, clusterStd, centerBox$/);
  assert.throws(() => data.blobs({ cluster_std: 1 } as never), /unknown option "cluster_std"; did you mean "clusterStd"\?/);
  assert.throws(() => data.circles(5 as never), /^TypeError: data\.circles: the options must be an object such as \{ n: … \}, not 5$/);
  assert.throws(() => data.circles({ n: 1.5 }), /data\.circles: n must be a whole number ≥ 2, got 1\.5/);
});
