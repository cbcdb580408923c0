import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { isNnbookMime, Mime } from "../../../src/protocol/mimes";

test("the renderer is declared for exactly nnbook's own view mimes", () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8"));
  const declared = manifest.contributes.notebookRenderer[0].mimeTypes as string[];
  assert.deepEqual([...declared].sort(), Object.values(Mime).filter(isNnbookMime).sort());
});
