import assert from "node:assert/strict";
import { test } from "node:test";
import { data, Dataset, manualSeed, nn, randn, tensor, train } from "../../../../src/engine";
import { Mime } from "../../../../src/protocol/mimes";
import type { ImagesPayload } from "../../../../src/protocol/imagesPayload";
import { datasetPayload } from "../../../../src/views/datasetView";
import { imagesItems } from "../../../../src/views/model/images";

const payload = (...args: unknown[]) => imagesItems(...(args as [unknown])) [0].data as ImagesPayload;

test("a dataset of digits: the first images with their labels, pixels as the data holds them", () => {
  const digits = data.digits();
  const [rich, text] = imagesItems(digits, { count: 3 });
  const p = rich.data as ImagesPayload;
  assert.equal(rich.mime, Mime.images);
  assert.deepEqual(p.shape, [8, 8]);
  assert.deepEqual(p.images.map((i) => [i.index, i.label]), [[0, "0"], [1, "1"], [2, "2"]]);
  assert.deepEqual(p.images[1].pixels, Array.from(digits.x.data.subarray(64, 128)));
  assert.deepEqual([p.min, p.max, p.total], [0, 16, 1797]);
  assert.equal(text.data, "digits: the first 3 of 1,797 images (8 × 8 pixels, 0 to 16)\n#0 0, #1 1, #2 2");
  assert.equal(payload(digits).images.length, 16, "16 by default");
  // Normalized, the images are shown as pixels again.
  assert.deepEqual(payload(digits.normalize(), { count: 2 }).images[1].pixels, p.images[1].pixels);
  assert.equal(payload(digits, { count: 2, labels: false }).images[0].label, undefined);
});

test("a tensor [N, H, W] or [N, H·W] with a square H·W, with labels given", () => {
  const t = randn([5, 3, 4]);
  const p = payload(t, { labels: ["a", "b", "c", "d", "e"] });
  assert.deepEqual(p.shape, [3, 4]);
  assert.equal(p.images.length, 5);
  assert.equal(p.images[4].label, "e");
  assert.equal(p.title, "Images: 5 images");
  const square = payload(randn([2, 9]), { labels: tensor([7, 1]) });
  assert.deepEqual(square.shape, [3, 3]);
  assert.deepEqual(square.images.map((i) => i.label), ["7", "1"]);
});

test("with a model: each image's prediction, and only the wrong ones with wrong: true", async () => {
  manualSeed(1);
  const [tr, te] = data.digits().normalize().split(0.8, { seed: 1 });
  const net = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10));
  await train(net, tr, { epochs: 20, batchSize: 64, live: false, seed: 1 });
  const all = payload(net, te, { count: 100 });
  assert.equal(all.images.length, 100);
  const wrong = payload(net, te, { wrong: true });
  assert.ok(wrong.images.length > 0 && wrong.images.length <= 16);
  assert.ok(wrong.images.every((i) => i.wrong === true && i.label !== i.predicted));
  assert.match(wrong.title, /^digits: \d+ of 359 images misclassified/);
  // The first of all that is wrong is the first of the wrong ones.
  const firstWrong = all.images.find((i) => i.wrong);
  if (firstWrong) assert.equal(wrong.images[0].index, firstWrong.index);
  assert.match(imagesItems(net, te, { wrong: true })[1].data as string, /#\d+ \d → \d ✗/);
});

test("every option checked, every misuse said", () => {
  const digits = data.digits();
  assert.throws(() => payload(digits, { count: 0 }), /show\.images: count must be a whole number ≥ 1, not 0/);
  assert.throws(() => payload(digits, { count: 2.5 }), /count must be a whole number ≥ 1, not 2\.5/);
  assert.throws(() => payload(digits, { count: 101 }), /show\.images: count must be from 1 to 100, not 101/);
  assert.throws(() => payload(digits, { cuont: 3 }), /unknown option "cuont"; did you mean "count"\? The options are count, labels/);
  assert.throws(() => payload(digits, { wrong: true }), /unknown option "wrong"/);
  assert.throws(() => payload(nn.Linear(64, 10), digits, { labels: false }), /unknown option "labels"; .*[Tt]he options are count, wrong/);
  assert.throws(() => payload(data.xor()), /show\.images: this dataset's rows are not images \(it has no imageShape\)/);
  assert.throws(() => payload(randn([2, 10])), /a tensor \[N, 10\] holds images only when 10 is a square/);
  assert.throws(() => payload(randn([10])), /images must be a tensor \[N, H, W\] or \[N, H·W\], not one of shape \[10\]/);
  assert.throws(() => payload(randn([3, 4]), { labels: ["a"] }), /labels has 1 entries for 3 images/);
  assert.throws(() => payload(nn.Linear(64, 10), randn([3, 64])), /after a model comes the Dataset of images it classifies, not a Tensor/);
  assert.throws(() => payload("digits"), /the first argument must be a Dataset of images .* not the string "digits"/);
  assert.throws(() => payload(digits, { count: 3 }, { wrong: true }), /a model goes first: show\.images\(model, dataset, \{ wrong: true \}\)/);
  assert.throws(() => payload(randn([1, 4]).mul(NaN)), /image 0 has NaN at pixel 0/);
});

test("a dataset of images shows its images as its cell view, not a scatter of two pixels", () => {
  const p = datasetPayload(data.digits());
  assert.equal(p.scatter, undefined);
  assert.equal(p.images?.images.length, 16);
  assert.deepEqual(p.images?.shape, [8, 8]);
  const plain = datasetPayload(Dataset(randn([4, 64]), [0, 1, 0, 1], { task: "multiclass" }));
  assert.equal(plain.images, undefined);
  assert.ok(plain.scatter);
});
