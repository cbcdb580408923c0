import assert from "node:assert/strict";
import { test } from "node:test";
import { fromBase64, INT24_MAX, packBytes, packInt24, toBase64, unpackInt24 } from "../../../src/protocol/packed";

test("base64 is the standard one, padded, and reads back byte for byte", () => {
  for (const text of ["", "f", "fo", "foo", "foob", "fooba", "foobar"]) {
    const bytes = new TextEncoder().encode(text);
    assert.equal(toBase64(bytes), btoa(text));
    assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
  }
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(fromBase64(toBase64(all)), all);
  assert.equal(packBytes([0, 100, 255]), "AGT/");
});

test("base64 that is not says why", () => {
  assert.equal(fromBase64("AAA"), "its length (3) is not a multiple of 4");
  assert.equal(fromBase64("AA-A"), '"-" at 2 is not a base64 character');
  assert.equal(fromBase64("A=AA"), '"=" at 1 is not a base64 character');
  assert.equal(fromBase64("AAAA AAA"), '" " at 4 is not a base64 character');
});

test("24-bit whole numbers take four characters each and keep their sign", () => {
  const values = [0, 1, -1, 18_700, -18_700, INT24_MAX, -INT24_MAX];
  const text = packInt24(values);
  assert.equal(text.length, 4 * values.length);
  const bytes = fromBase64(text);
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual(unpackInt24(bytes), values);
});
