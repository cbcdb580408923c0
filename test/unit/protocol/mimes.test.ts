import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { isNnbookMime, Mime } from "../../../src/protocol/mimes";

test("the renderer is contributed for every view mime, and for nothing else", () => {
  const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { contributes: { notebookRenderer: { mimeTypes: string[] }[] } };
  const contributed = manifest.contributes.notebookRenderer[0].mimeTypes;
  assert.deepEqual([...contributed].sort(), Object.values(Mime).filter(isNnbookMime).sort());
});
