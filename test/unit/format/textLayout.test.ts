import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { LAYOUT_METADATA_KEY, metadataWithLayout, NnbookFormatError, parseNnbook, serializeNnbook, splitLayout } from "../../../src/format";

const root = path.resolve(__dirname, "../../..");
const examples = readdirSync(path.join(root, "examples"))
  .filter((f) => f.endsWith(".nnbook"))
  .map((name) => ({ name, text: readFileSync(path.join(root, "examples", name), "utf8") }));

/** Each example as an editor on another system might have saved it. */
const variants = examples.flatMap(({ name, text }) => [
  { name: `${name} with \\r\\n`, bytes: Buffer.from(text.replaceAll("\n", "\r\n")), layout: { bom: false, lineEnding: "\r\n" } },
  { name: `${name} with a BOM`, bytes: Buffer.from("\ufeff" + text), layout: { bom: true, lineEnding: "\n" } },
  { name: `${name} with both`, bytes: Buffer.from("\ufeff" + text.replaceAll("\n", "\r\n")), layout: { bom: true, lineEnding: "\r\n" } },
]);

test("a file with a byte order mark or \\r\\n line endings is written back byte for byte", () => {
  assert.ok(variants.length > 0);
  for (const { name, bytes, layout } of variants) {
    const file = parseNnbook(bytes);
    assert.deepEqual(file.layout, layout, name);
    assert.ok(Buffer.from(serializeNnbook(file)).equals(bytes), name);
  }
});

test("through the editor too: the layout rides in the notebook metadata and is not written into the file", () => {
  for (const { name, bytes } of variants) {
    const file = parseNnbook(bytes);
    // What VS Code keeps for the open notebook, and gives back on save.
    const held = structuredClone(metadataWithLayout(file.metadata, file.layout));
    assert.ok(LAYOUT_METADATA_KEY in held, name);
    const { metadata, layout } = splitLayout(held);
    assert.deepEqual(metadata, file.metadata, name);
    const saved = serializeNnbook({ nnbook: 1, metadata, cells: file.cells, layout });
    assert.ok(Buffer.from(saved).equals(bytes), name);
    assert.ok(!Buffer.from(saved).toString("utf8").includes(LAYOUT_METADATA_KEY), name);
  }
});

test("a file in nnbook's own layout carries none, and the editor's metadata is the file's", () => {
  const file = parseNnbook(Buffer.from(examples[0].text));
  assert.equal("layout" in file, false);
  assert.equal(metadataWithLayout(file.metadata, file.layout), file.metadata);
  assert.deepEqual(splitLayout({ a: 1 }), { metadata: { a: 1 } });
});

test("mixed line endings are written with the ending of the first line", () => {
  const { text } = examples[0];
  const mixed = text.replace("\n", "\r\n");
  assert.equal(Buffer.from(serializeNnbook(parseNnbook(Buffer.from(mixed)))).toString("utf8"), text.replaceAll("\n", "\r\n"));
  const otherWay = text.replaceAll("\n", "\r\n").replace("\r\n", "\n");
  assert.equal(Buffer.from(serializeNnbook(parseNnbook(Buffer.from(otherWay)))).toString("utf8"), text);
});

test("errors in such a file are at the line and column an editor shows", () => {
  const text = readFileSync(path.join(root, "test/corpus/broken/cells-not-array.nnbook"), "utf8");
  for (const bytes of [Buffer.from("\ufeff" + text), Buffer.from(text.replaceAll("\n", "\r\n"))]) {
    assert.throws(() => parseNnbook(bytes), { message: '4:12: "cells" must be an array, not an object' });
  }
});

test("a file may not use the metadata key the editor carries the layout in", () => {
  const text = `{\n  "nnbook": 1,\n  "metadata": { "a": 1, "${LAYOUT_METADATA_KEY}": { "bom": true, "lineEnding": "\\n" } },\n  "cells": []\n}\n`;
  assert.throws(
    () => parseNnbook(Buffer.from(text)),
    (error: unknown) => {
      assert.ok(error instanceof NnbookFormatError);
      assert.equal(error.message, `3:25: "metadata" may not hold "${LAYOUT_METADATA_KEY}": the editor keeps the file's byte order mark and line endings there`);
      return true;
    },
  );
});

test("a layout value in the editor's metadata that is not one is dropped, and the default written", () => {
  assert.deepEqual(splitLayout({ a: 1, [LAYOUT_METADATA_KEY]: { bom: "yes" } }), { metadata: { a: 1 } });
});
