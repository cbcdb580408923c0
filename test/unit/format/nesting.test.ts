import assert from "node:assert/strict";
import { test } from "node:test";
import { NnbookFormatError, parseNnbook, serializeNnbook, type NnbookFile } from "../../../src/format";
import { MAX_NESTING, nestingOf, tooDeepAt } from "../../../src/format/nesting";

/** A notebook whose metadata holds arrays nested so that the whole file is `depth` levels deep. */
function nestedNotebook(depth: number): NnbookFile {
  let value: unknown = [];
  for (let i = 3; i < depth; i++) value = [value];
  return { nnbook: 1, metadata: { a: value }, cells: [] };
}

function refusal(text: string): NnbookFormatError {
  try {
    parseNnbook(Buffer.from(text));
  } catch (error) {
    if (error instanceof NnbookFormatError) return error;
    throw error;
  }
  assert.fail("the text was read");
}

test("a notebook nested as deep as allowed is written, read back and written again the same", () => {
  const file = nestedNotebook(MAX_NESTING);
  assert.equal(nestingOf(file), MAX_NESTING);
  const bytes = serializeNnbook(file);
  assert.deepEqual(parseNnbook(bytes), file);
  assert.deepEqual(serializeNnbook(parseNnbook(bytes)), bytes);
});

test("output data nested as deep as allowed round-trips too", () => {
  // The notebook, cells, a cell, outputs, an output, items and an item are the first 7 levels.
  let data: unknown = [1, 2];
  for (let depth = 8; depth < MAX_NESTING; depth++) data = { a: data, b: "x" };
  const file: NnbookFile = {
    nnbook: 1,
    metadata: {},
    cells: [{ kind: "code", language: "nnts", source: "", outputs: [{ items: [{ mime: "application/json", data }] }] }],
  };
  assert.equal(nestingOf(file), MAX_NESTING);
  const bytes = serializeNnbook(file);
  assert.deepEqual(parseNnbook(bytes), file);
  assert.deepEqual(serializeNnbook(parseNnbook(bytes)), bytes);
});

test("one level more is refused at the bracket that opens it", () => {
  const text = JSON.stringify(nestedNotebook(MAX_NESTING + 1));
  const error = refusal(text);
  assert.equal(error.reason, `nesting deeper than ${MAX_NESTING} levels of objects and arrays`);
  assert.deepEqual([error.line, error.column], [1, text.indexOf("[") + MAX_NESTING - 2 + 1]);
});

test("deep nesting in broken JSON is refused too, before the parser could recurse on it", () => {
  const n = 20_000;
  // Each of these makes jsonc-parser recurse once per `[` although the brackets do not pair up.
  const texts = [
    "[" + "[},".repeat(n),
    '["\n' + "[".repeat(n),
    '[/* " */' + "[".repeat(n) + '"',
    '["\\\n"' + "[".repeat(n),
  ];
  for (const text of texts) assert.match(refusal(text).reason, /^nesting deeper than/, JSON.stringify(text.slice(0, 12)));
});

test("brackets inside strings, escaped quotes and comments do not count as nesting", () => {
  const deepText = "[".repeat(MAX_NESTING + 10);
  assert.equal(tooDeepAt(JSON.stringify({ s: deepText, t: `\\"${deepText}` })), -1);
  assert.equal(tooDeepAt(`// ${deepText}\n{}`), -1);
  assert.equal(tooDeepAt(`/* ${deepText} */{}`), -1);
  assert.equal(tooDeepAt(`"a\\"" ${deepText}`), 6 + MAX_NESTING);
});

test("a notebook nested too deep to read back is not written: the save fails with a message", () => {
  assert.throws(() => serializeNnbook(nestedNotebook(10_000)), /cannot save the notebook: .* nest deeper than 512 levels/);
});
