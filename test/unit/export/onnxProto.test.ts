// The committed ONNX messages are what protobufjs-cli generates from the published onnx.proto (python3-onnx's).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
// @ts-expect-error: a script of the repository, without declarations
import { generate, GENERATED, ONNX_PROTO } from "../../../scripts/onnx/generateProto.mjs";

test("src/export/onnx/onnxProto.js is generated from onnx.proto as it is installed", () => {
  assert.equal(readFileSync(GENERATED, "utf8"), generate(ONNX_PROTO), "run node scripts/onnx/generateProto.mjs");
});
