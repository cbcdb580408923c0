// The safetensors codec: a file PyTorch users make is read to its values (every dtype a state dict holds), a
// file written is read back to the bit, and a damaged or foreign file is an error that says what is wrong.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from "../../../src/engine/io/safetensors";

const fixtures = path.resolve(__dirname, "../../fixtures/engine");

test("a state dict PyTorch saved as safetensors reads to its values: F32, I64, F16, BF16 and F64", () => {
  const file = decodeSafetensors(readFileSync(path.join(fixtures, "torch-state.safetensors")));
  const expected = JSON.parse(readFileSync(path.join(fixtures, "torch-state.json"), "utf8")) as Record<string, { shape: number[]; values: number[] }>;
  assert.deepEqual([...file.tensors.keys()], Object.keys(expected));
  for (const [name, want] of Object.entries(expected)) {
    const got = file.tensors.get(name)!;
    assert.deepEqual(got.shape, want.shape, name);
    assert.deepEqual(Array.from(got.data), want.values.map(Math.fround), name);
  }
  assert.equal(file.tensors.get("1.num_batches_tracked")!.dtype, "I64");
  assert.equal(file.metadata.format, "pt");
});

test("what is written reads back to the bit, names in order, metadata kept, the data 8-aligned", () => {
  const w = Float32Array.from([0.1, -2.5e-30, 3.4e38, -0]), b = Float32Array.from([NaN]);
  const bytes = encodeSafetensors([["0.weight", { shape: [2, 2], data: w }], ["0.bias", { shape: [1], data: b }], ["é", { shape: [0], data: new Float32Array(0) }]], { nnbook: '{"kind":"Sequential"}' });
  const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.equal((8 + headerLength) % 8, 0);
  const back = decodeSafetensors(bytes);
  assert.deepEqual([...back.tensors.keys()], ["0.weight", "0.bias", "é"]);
  assert.deepEqual(new Uint8Array(back.tensors.get("0.weight")!.data.buffer), new Uint8Array(w.buffer));
  assert.ok(Number.isNaN(back.tensors.get("0.bias")!.data[0]));
  assert.deepEqual(back.metadata, { nnbook: '{"kind":"Sequential"}' });
  assert.throws(() => encodeSafetensors([["a", { shape: [3], data: new Float32Array(2) }]]), /"a" has 2 values for shape \[3\]/);
});

test("a damaged or foreign file is an error that says what is wrong", () => {
  const good = encodeSafetensors([["w", { shape: [2], data: Float32Array.from([1, 2]) }]]);
  const n = Number(new DataView(good.buffer).getBigUint64(0, true));
  const withHeader = (header: unknown, data = new Uint8Array(8)) => {
    const text = Buffer.from(JSON.stringify(header));
    const out = new Uint8Array(8 + text.length + data.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
    out.set(text, 8);
    out.set(data, 8 + text.length);
    return out;
  };
  const cases: [Uint8Array, RegExp][] = [
    [Buffer.from("PK\u0003\u0004"), /has 4 bytes, fewer than the 8 of a header length/],
    [Buffer.from('{"nnbook": 1, "cells": []}'), /its header length \d+ is more than the \d+ bytes after it/],
    [good.subarray(0, 8 + n - 2), /header length \d+ is more than/],
    [withHeader([1, 2]), /its header is not a JSON object/],
    [withHeader({ w: { dtype: "F8", shape: [2], data_offsets: [0, 8] } }), /"w" has the dtype "F8"; nnbook reads F64, F32/],
    [withHeader({ w: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }), /"w" takes 8 bytes, but F32 \[3\] is 12/],
    [withHeader({ w: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }), /"w" starts at byte 4 of the data, where 0 was expected/],
    [withHeader({ w: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }), /its tensors take 4 bytes of data, but 8 follow the header/],
    [withHeader({ __metadata__: { epochs: 3 }, w: { dtype: "F32", shape: [2], data_offsets: [0, 8] } }), /__metadata__\.epochs is not a string/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(() => decodeSafetensors(bytes, "net.safetensors"), (e: Error) => e instanceof SafetensorsError && /^net\.safetensors is not a safetensors file: /.test(e.message) && message.test(e.message), String(message));
  }
  const badUtf8 = withHeader({ w: { dtype: "F32", shape: [2], data_offsets: [0, 8] } });
  badUtf8[10] = 0xff;
  assert.throws(() => decodeSafetensors(badUtf8), /its header is not JSON \(invalid UTF-8 at byte 2\)/);
});
