import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { NnbookFormatError, parseNnbook, serializeNnbook } from "../../../src/format";

const root = path.resolve(__dirname, "../../..");

test("every example round-trips byte for byte", () => {
  const examples = readdirSync(path.join(root, "examples")).filter((f) => f.endsWith(".nnbook"));
  assert.ok(examples.length > 0);
  for (const name of examples) {
    const bytes = readFileSync(path.join(root, "examples", name));
    assert.equal(Buffer.from(serializeNnbook(parseNnbook(bytes))).toString("utf8"), bytes.toString("utf8"), name);
  }
});

test("the documented example file round-trips byte for byte", () => {
  const spec = readFileSync(path.join(root, "test/corpus/spec-example.nnbook"));
  assert.equal(Buffer.from(serializeNnbook(parseNnbook(spec))).toString("utf8"), spec.toString("utf8"));
});

test("outputs, metadata and execution details survive a round trip", () => {
  const file = {
    nnbook: 1,
    metadata: { author: "a" },
    cells: [
      { kind: "markdown" as const, source: "", metadata: { tags: ["x"] } },
      {
        kind: "code" as const,
        language: "nnts" as const,
        source: "1 + 1\n",
        execution: { order: 3, success: true, startTime: 1, endTime: 2 },
        outputs: [
          { items: [{ mime: "application/vnd.nnbook.tensor+json", data: { shape: [2], data: [1, 2] } }, { mime: "text/plain", data: "tensor([1., 2.])" }] },
          { items: [{ mime: "application/vnd.code.notebook.error", data: { name: "Error", message: "m", stack: "s" } }] },
        ],
      },
    ],
  };
  const bytes = serializeNnbook(file);
  assert.deepEqual(parseNnbook(bytes), file);
  assert.deepEqual(serializeNnbook(parseNnbook(bytes)), bytes);
});

test("sources are written as lines and read from lines or one string", () => {
  const text = Buffer.from(serializeNnbook({ nnbook: 1, metadata: {}, cells: [{ kind: "markdown", source: "a\nb" }] })).toString();
  assert.match(text, /"source": \["a", "b"\]/);
  const fromString = parseNnbook(Buffer.from('{"nnbook":1,"cells":[{"kind":"code","language":"typescript","source":"x\\ny"}]}'));
  assert.deepEqual(fromString.cells[0], { kind: "code", language: "nnts", source: "x\ny", outputs: [] });
});

test("long number arrays in outputs are packed, not one number per line", () => {
  const data = Array.from({ length: 200 }, (_, i) => i / 7);
  const text = Buffer.from(
    serializeNnbook({
      nnbook: 1,
      metadata: {},
      cells: [{ kind: "code", language: "nnts", source: "", outputs: [{ items: [{ mime: "application/x+json", data: { data } }] }] }],
    }),
  ).toString();
  assert.ok(text.split("\n").length < 80, `${text.split("\n").length} lines`);
  assert.ok(text.split("\n").every((line) => line.length <= 100));
});

/** Each broken file, and what its message must say (the position is checked separately). */
const BROKEN: Record<string, RegExp> = {
  "binary.nnbook": /^1:1: the file is not UTF-8 text \(at byte 0\)$/,
  "cells-not-array.nnbook": /^4:12: "cells" must be an array, not an object$/,
  "deep-metadata.nnbook": /^3:532: nesting deeper than 512 levels of objects and arrays$/,
  "deep-output.nnbook": /^10:2585: nesting deeper than 512 levels of objects and arrays$/,
  "duplicate-cell-key.nnbook": /^11:7: duplicate property "source" in cells\[1\] \(first at line 9\)$/,
  "duplicate-nested-metadata.nnbook": /^11:9: duplicate property "view" in cells\[0\]\.metadata \(first at line 9\)$/,
  "duplicate-output-data.nnbook": /^12:135: duplicate property "shape" in cells\[0\]\.outputs\[0\]\.items\[0\]\.data \(first at line 12\)$/,
  "empty.nnbook": /^1:1: the file is empty/,
  "latin1.nnbook": /^5:44: the file is not UTF-8 text \(at byte 91\)$/,
  "newer-version.nnbook": /^2:13: this notebook uses format version 2, newer than this nnbook reads \(1\)/,
  "no-version.nnbook": /^1:1: the notebook has no "nnbook"$/,
  "not-an-object.nnbook": /^1:1: the notebook must be an object, not an array$/,
  "source-is-number.nnbook": /^5:53: cells\[0\]\.source must be an array of lines or a string, not 42$/,
  "text-output-not-string.nnbook": /^5:115: cells\[0\]\.outputs\[0\]\.items\[0\]\.data must be a string, not 3$/,
  "trailing-comma.nnbook": /^5:1: invalid JSON: expected a property name in double quotes$/,
  "truncated.nnbook": /^\d+:\d+: invalid JSON: .*\(the file ends too early\)$/,
  "unknown-kind.nnbook": /^5:15: cells\[0\]\.kind must be "code" or "markdown", not "python"$/,
  "version-is-string.nnbook": /^2:13: "nnbook" must be the format version, a whole number from 1, not the string "1"$/,
};

test("every broken file gives an error that says what and where", () => {
  const dir = path.join(root, "test/corpus/broken");
  const files = readdirSync(dir).sort();
  assert.deepEqual(files, Object.keys(BROKEN).sort(), "every corpus file has an expectation");
  for (const name of files) {
    assert.throws(
      () => parseNnbook(readFileSync(path.join(dir, name))),
      (error: unknown) => {
        assert.ok(error instanceof NnbookFormatError, name);
        assert.match(error.message, BROKEN[name], name);
        assert.equal(error.inFile(name).message, `${name}:${error.message}`);
        return true;
      },
    );
  }
});

test("unknown and duplicate properties are errors, so nothing is silently dropped on save", () => {
  assert.throws(() => parseNnbook(Buffer.from('{"nnbook":1,"cells":[],"extra":1}')), /unknown property "extra" in the notebook/);
  assert.throws(() => parseNnbook(Buffer.from('{"nnbook":1,"nnbook":1,"cells":[]}')), /duplicate property "nnbook"/);
});

test("a key repeated in any object is refused where it repeats, naming the line of the first", () => {
  const code = (rest: string) => `{"nnbook":1,"cells":[\n{"kind":"code","source":[],${rest}}]}`;
  const cases: [string, string][] = [
    ['{"nnbook":1,\n"cells":[],\n"cells":[]}', 'duplicate property "cells" in the notebook (first at line 2)'],
    ['{"nnbook":1,"cells":[],"metadata":{\n"a":1,\n"a":2}}', 'duplicate property "a" in metadata (first at line 2)'],
    ['{"nnbook":1,"cells":[],"metadata":{"a":{"b":[{"c":1,\n"c":1}]}}}', 'duplicate property "c" in metadata.a.b[0] (first at line 1)'],
    ['{"nnbook":1,"cells":[],"metadata":{"my key":{"x":1,"x":2}}}', 'duplicate property "x" in metadata["my key"] (first at line 1)'],
    [code('"kind":"code","outputs":[]'), 'duplicate property "kind" in cells[0] (first at line 2)'],
    [code('"metadata":{"t":1,"t":1},"outputs":[]'), 'duplicate property "t" in cells[0].metadata (first at line 2)'],
    [code('"execution":{"order":1,"order":2},"outputs":[]'), 'duplicate property "order" in cells[0].execution (first at line 2)'],
    [code('"outputs":[{"items":[],"items":[]}]'), 'duplicate property "items" in cells[0].outputs[0] (first at line 2)'],
    [code('"outputs":[{"items":[],"metadata":{"m":1,"m":2}}]'), 'duplicate property "m" in cells[0].outputs[0].metadata (first at line 2)'],
    [code('"outputs":[{"items":[{"mime":"text/plain","mime":"text/html","data":""}]}]'), 'duplicate property "mime" in cells[0].outputs[0].items[0] (first at line 2)'],
    [code('"outputs":[{"items":[{"mime":"application/json","data":{"d":1,"d":2}}]}]'), 'duplicate property "d" in cells[0].outputs[0].items[0].data (first at line 2)'],
  ];
  for (const [text, reason] of cases) {
    // The position is the repeated key's: the last occurrence of it in these texts.
    const key = /"([^"]+)"/.exec(reason)![0];
    const before = text.slice(0, text.lastIndexOf(key)).split("\n");
    assert.throws(() => parseNnbook(Buffer.from(text)), { message: `${before.length}:${before.at(-1)!.length + 1}: ${reason}` }, text);
  }
});

test("of several repeated keys, the one earliest in the file is reported", () => {
  const text = '{"nnbook":1,"metadata":{"a":{"x":1,"x":2},"a":1},"cells":[]}';
  assert.throws(() => parseNnbook(Buffer.from(text)), { message: '1:36: duplicate property "x" in metadata.a (first at line 1)' });
});
