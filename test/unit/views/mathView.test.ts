import assert from "node:assert/strict";
import { test } from "node:test";
import { Mime } from "../../../src/protocol/mimes";
import { readMath } from "../../../src/protocol/read";
import { mathItems } from "../../../src/views/mathView";

test("show.math carries the TeX as it was given, and the TeX is its text fallback", () => {
  const tex = "\\sigma(z) = \\frac{1}{1 + e^{-z}}";
  const [rich, text] = mathItems(tex);
  assert.deepEqual(rich, { mime: Mime.math, data: { version: 1, tex } });
  assert.deepEqual(text, { mime: Mime.text, data: tex });
  assert.deepEqual(readMath(JSON.parse(JSON.stringify(rich.data))), rich.data);
});

test("show.math refuses what is not TeX it can typeset, saying what to give it", () => {
  assert.throws(() => mathItems(42), /show\.math: tex must be a string of TeX, such as show\.math\("\\\\frac/);
  assert.throws(() => mathItems("  "), /tex is empty/);
  assert.throws(() => mathItems("x".repeat(2001)), /2,001 characters; at most 2,000/);
});
