import type { nn } from "../engine";
import { pytorchCode } from "../export/pytorch";
import type { SampleOptions } from "../export/sampleInput";
import { checkOptions } from "./charts/options";
import type { OutputItem } from "../protocol/outputs";
import { codeItems } from "./codeView";

/** The PyTorch code `exportPyTorch` would write for `model`, to read and copy. */
export function pytorchItems(model: nn.Module, options?: SampleOptions): OutputItem[] {
  const sample = checkOptions("show.pytorch", options, { inputShape: "checked", input: "checked" });
  const { code } = pytorchCode(model, sample, "show.pytorch", "model.safetensors");
  return codeItems(code, `${model.constructor.name} in PyTorch · exportPyTorch(model, "model.py") writes this file, and its weights beside it in model.safetensors`);
}
