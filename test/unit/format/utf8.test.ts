import assert from "node:assert/strict";
import { test } from "node:test";
import { NnbookFormatError, parseNnbook } from "../../../src/format";
import { firstInvalidUtf8 } from "../../../src/format/utf8";

const fatal = new TextDecoder("utf-8", { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

test("the first bad byte agrees with the platform's decoder on random bytes", () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // Mostly multi-byte leads and continuations, so that nearly-valid sequences are common.
  const pool = [0x41, 0x0a, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
  for (let n = 0; n < 20_000; n++) {
    const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 6) }, () => pool[Math.floor(random() * pool.length)]);
    const bad = firstInvalidUtf8(bytes);
    assert.equal(bad === -1, isUtf8(bytes), Buffer.from(bytes).toString("hex"));
    if (bad >= 0) {
      assert.ok(isUtf8(bytes.subarray(0, bad)), `the bytes before ${bad} of ${Buffer.from(bytes).toString("hex")}`);
      // The sequence starting there is what the decoder cannot read: its own replacement, not a later one.
      const replaced = new TextDecoder().decode(bytes.subarray(bad));
      assert.equal(replaced[0], "\ufffd", Buffer.from(bytes).toString("hex"));
    }
  }
});

test("a bad byte is reported at its line and column, counted over the text before it", () => {
  const bytes = Buffer.concat([Buffer.from('{\n  "nnbook": 1,\n  "cells": [{ "kind": "markdown", "source": "é, '), Buffer.from([0xe2, 0x82]), Buffer.from('" }]\n}\n')]);
  assert.throws(
    () => parseNnbook(bytes),
    (error: unknown) => {
      assert.ok(error instanceof NnbookFormatError);
      const at = bytes.indexOf(0xe2);
      assert.equal(error.message, `3:49: the file is not UTF-8 text (at byte ${at})`);
      return true;
    },
  );
});

test("a byte order mark is not a column of the first line", () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a'), Buffer.from([0xff])]);
  assert.throws(() => parseNnbook(bytes), { message: "1:4: the file is not UTF-8 text (at byte 6)" });
});
