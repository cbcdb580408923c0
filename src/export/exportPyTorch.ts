// exportPyTorch: the model's PyTorch file and its weights beside it, written as save writes, never over a file
// the user had.
import type { Tensor } from "../engine/tensor";
import type { Module } from "../engine/nn/module";
import { checkOptions } from "../engine/options";
import { modelFile } from "../engine/io/saveModel";
import { writeOwnFiles } from "../engine/io/ownFile";
import { encodeUtf8 } from "../engine/io/utf8";
import { PYTHON_MARK, pytorchCode } from "./pytorch";

export interface ExportPyTorchOptions {
  /** The shape of the input the export runs the model on, `[2, 4]` (read off the first layer when it tells). */
  inputShape?: number[] | number[][];
  /** Or that input itself. */
  input?: Tensor | Tensor[];
  /** Replace files an earlier export wrote. */
  overwrite?: boolean;
}

/**
 * Writes `model` as PyTorch code to `path` (a `.py` file, relative to the notebook): the same `torch.nn.Module` —
 * `nn.Sequential`, or your class with the same attribute names, so `state_dict` keys match — and `load()`, which
 * returns it in eval mode with the weights read from the `.safetensors` file written beside it (PyTorch alone
 * reads it). Run as a script, it prints the outputs for a sample input, with nnbook's beside them. A forward of
 * your own is written down by following it on that input, as `torch.jit.trace` does. Files that exist are replaced
 * only with `{ overwrite: true }`, and only when an export wrote them.
 * @example await exportPyTorch(net, "xor.py"); // then: python3 xor.py, or from xor import load
 */
export async function exportPyTorch(model: Module, path: string, options: ExportPyTorchOptions = {}): Promise<void> {
  const what = "exportPyTorch";
  if (typeof path !== "string") throw new TypeError(`${what}: the path must be a string, not ${typeof path}`);
  if (!path.endsWith(".py")) throw new Error(`${what}: writes Python; end the file's name in .py ("${path.replace(/\.[A-Za-z0-9]*$/, "")}.py")`);
  const { overwrite, ...sample } = checkOptions(what, options, { inputShape: "checked", input: "checked", overwrite: "boolean" });
  const weights = path.replace(/\.py$/, ".safetensors");
  const { code } = pytorchCode(model, sample, what, weights.split("/").pop()!);
  await writeOwnFiles(what, [{ path, bytes: encodeUtf8(code), notOurs: notOurPython }, modelFile(model, weights)], overwrite ?? false);
}

function notOurPython(bytes: Uint8Array): string | undefined {
  let head = "";
  for (let i = 0; i < Math.min(bytes.length, PYTHON_MARK.length); i++) head += String.fromCharCode(bytes[i]);
  return head === PYTHON_MARK ? undefined : "it does not begin with the line an export writes";
}
