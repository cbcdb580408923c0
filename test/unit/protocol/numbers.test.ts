import assert from "node:assert/strict";
import { test } from "node:test";
import { drawnNumber, drawnNumbers, float32Number, formatNumber } from "../../../src/protocol/numbers";

test("a drawn number keeps 4 significant digits, and reads to 3 as the exact value does", () => {
  assert.equal(drawnNumber(0.7026410102844238), 0.7026);
  assert.equal(drawnNumber(0.0018496772972866893), 0.00185);
  assert.equal(drawnNumber(-3.95979905128479), -3.96);
  // 4 digits would be 0.7125, which reads 0.713 where the value reads 0.712: one digit more.
  assert.equal(drawnNumber(0.71249), 0.71249);
  assert.equal(formatNumber(drawnNumber(0.71249)), formatNumber(0.71249));
  for (const v of [3, -12_345, 0, NaN, Infinity]) assert.ok(Object.is(drawnNumber(v), v), String(v));
});

test("over many values, the stored form reads as the exact one, is never longer, and moves a value by less than 1/10,000 of the spread", () => {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const values = Array.from({ length: 20_000 }, (_, i) => (random() - 0.5) * 10 ** ((i % 12) - 6));
  const drawn = drawnNumbers(values);
  const spread = Math.max(...values) - Math.min(...values);
  values.forEach((v, i) => {
    assert.equal(drawn[i].toPrecision(3), v.toPrecision(3), `${v}`);
    assert.equal(formatNumber(drawn[i]), formatNumber(v), `${v}`);
    assert.ok(JSON.stringify(drawn[i]).length <= JSON.stringify(v).length, `${v}`);
    assert.ok(Math.abs(drawn[i] - v) <= spread / 10_000, `${v}`);
  });
  assert.ok(JSON.stringify(drawn).length < JSON.stringify(values).length / 2);
});

test("values far from 0 for their spread keep the digits that tell them apart", () => {
  const x = [1000, 1000.25, 1000.5, 1000.75, 1001];
  assert.deepEqual(drawnNumbers(x), x);
  assert.deepEqual(drawnNumbers([1000.123456, 1000.5, 1001]), [1000.1235, 1000.5, 1001]);
  // A heatmap's 3 digits: its colours over the spread, and the hover reads them as they are.
  assert.deepEqual(drawnNumbers([0.22175726294517517, -1.1175817251205444, 4.17], 3), [0.222, -1.12, 4.17]);
  assert.deepEqual(drawnNumbers([2.5, 2.5]), [2.5, 2.5]);
});

test("a float32 value is written with the fewest digits that read back as the same float32", () => {
  assert.equal(float32Number(Math.fround(-0.30214396)), -0.30214396);
  assert.equal(float32Number(Math.fround(0.1)), 0.1);
  assert.equal(float32Number(Math.fround(1e-30)), 1e-30);
  // Not a float32 (a float64 tensor's value), an integer, a non-finite value: unchanged.
  for (const v of [0.1, 3, -0, NaN, Infinity]) assert.ok(Object.is(float32Number(v), v), String(v));
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 10 ** ((seed % 13) - 6);
  for (let i = 0; i < 20_000; i++) {
    const v = Math.fround(random());
    const kept = float32Number(v);
    assert.equal(Math.fround(kept), v, `${v} → ${kept}`);
    assert.ok(String(kept).length <= String(v).length, `${v} → ${kept}`);
  }
});
