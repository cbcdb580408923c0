import assert from "node:assert/strict";
import { test } from "node:test";
import { tensor } from "../../../../src/engine";
import { Mime } from "../../../../src/protocol/mimes";
import { MAX_PLOT_POINTS } from "../../../../src/views/charts/decimate";
import { plotItems, plotPayload } from "../../../../src/views/charts/plot";

test("ys as one tensor, a list, columns of a 2-D tensor or { name: values } make one series each", () => {
  const x = [0, 1, 2];
  const one = plotPayload(tensor(x), tensor([1, 2, 4]), { yLabel: "loss" });
  assert.deepEqual(one.series, [{ label: "loss", x, y: [1, 2, 4] }]);
  assert.deepEqual(plotPayload(x, [1, 2, 4]).series[0].y, [1, 2, 4]);
  // x as a column [n, 1], as a dataset holds it.
  assert.deepEqual(plotPayload(tensor([[0], [1]]), tensor([5, 6])).series[0].x, [0, 1]);
  const list = plotPayload(x, [tensor([1, 2, 3]), [3, 2, 1]], { labels: ["up", "down"] });
  assert.deepEqual(list.series.map((s) => [s.label, s.y]), [["up", [1, 2, 3]], ["down", [3, 2, 1]]]);
  const columns = plotPayload(x, tensor([[1, 10], [2, 20], [3, 30]]));
  assert.deepEqual(columns.series.map((s) => [s.label, s.y]), [["series 1", [1, 2, 3]], ["series 2", [10, 20, 30]]]);
  const named = plotPayload(x, { train: [1, 0.5, 0.25], val: [1.2, 0.7, 0.6] }, { title: "Loss", xLabel: "epoch", log: true });
  assert.deepEqual(named.series.map((s) => s.label), ["train", "val"]);
  assert.deepEqual([named.kind, named.version, named.title, named.xLabel, named.yLabel, named.log, named.points], ["plot", 1, "Loss", "epoch", "y", true, 3]);
});

test("the text fallback gives each series' first and last values and range, 3 significant digits", () => {
  const [chart, text] = plotItems([1, 2, 3], { train: [1.23456, 0.5, 0.0001234] }, { title: "Loss", xLabel: "epoch" });
  assert.equal(chart.mime, Mime.chart);
  assert.equal(text.data, "Loss: 3 points\ntrain: 1.23 → 1.23e-4 over epoch 1 to 3 (min 1.23e-4, max 1.23)");
});

test("a long series is decimated to its lows and highs, spikes kept", () => {
  const n = 1_000_000;
  const x = Array.from({ length: n }, (_, i) => i);
  const y = x.map((i) => (i === 654_321 ? 100 : i === 123_456 ? -100 : Math.sin(i / 1000)));
  const payload = plotPayload(x, y);
  const s = payload.series[0];
  assert.ok(s.y.length <= MAX_PLOT_POINTS, `${s.y.length} points`);
  assert.equal(payload.points, n);
  assert.ok(s.y.includes(100) && s.y.includes(-100));
  assert.equal(s.x[s.y.indexOf(100)], 654_321);
  assert.ok(s.x.every((v, i) => i === 0 || v > s.x[i - 1]), "x stays in order");
  assert.ok(JSON.stringify(payload).length < 100_000);
});

test("every wrong argument or option is an error naming it", () => {
  const x = [0, 1, 2];
  assert.throws(() => plotPayload(x, [1, 2, 3], { xlabel: "t" } as never), /^TypeError: show\.plot: unknown option "xlabel"; did you mean "xLabel"\? The options are labels, xLabel, yLabel, title, log$/);
  assert.throws(() => plotPayload(x, [1, 2, 3], { colour: "red" } as never), /unknown option "colour"; the options are/);
  assert.throws(() => plotPayload(x, [1, 2, 3], { log: "yes" } as never), /^TypeError: show\.plot: log must be true or false, not "yes"$/);
  assert.throws(() => plotPayload(x, [1, 2, 3], { labels: "a" } as never), /labels must be a list of strings, not "a"/);
  assert.throws(() => plotPayload(x, [1, 2]), /^RangeError: show\.plot: ys has 2 values and x has 3; they need one value each per point$/);
  assert.throws(() => plotPayload(x, { val: [1, 2] }), /show\.plot: val has 2 values and x has 3/);
  assert.throws(() => plotPayload(x, [[1, 2, 3], [1, NaN, 3]]), /^RangeError: show\.plot: ys\[1\]\[1\] is NaN; a chart needs finite numbers/);
  assert.throws(() => plotPayload([0, Infinity, 2], [1, 2, 3]), /show\.plot: x\[1\] is Infinity/);
  assert.throws(() => plotPayload(x, [1, 0, 3], { log: true }), /show\.plot: ys\[1\] is 0, which a log axis cannot show/);
  assert.throws(() => plotPayload(x, [[1, 2, 3]], { labels: ["a", "b"] }), /labels has 2 names for 1 series/);
  assert.throws(() => plotPayload(x, { a: [1, 2, 3] }, { labels: ["b"] }), /ys already names its series; drop labels/);
  assert.throws(() => plotPayload(x, [1, 2, 3], null as never), /show\.plot: the options must be an object such as \{ labels: … \}, not null/);
  assert.throws(() => plotPayload(x, "1,2,3" as never), /ys must be a tensor, a list of them, or \{ name: values \}, not string/);
  assert.throws(() => plotPayload(tensor([[0, 1], [2, 3]]), [1, 2, 3, 4]), /x must be 1-D, not a tensor of shape \[2, 2\]/);
  assert.throws(() => plotPayload([0], tensor([Array.from({ length: 21 }, () => 1)])), /21 series are more than the 20 it draws/);
});
