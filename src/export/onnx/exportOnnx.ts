// exportOnnx: the model as an ONNX file, written as save writes, never over a file the user had.
import type { Tensor } from "../../engine/tensor";
import { Module } from "../../engine/nn/module";
import { checkOptions } from "../../engine/options";
import { writeOwnFiles } from "../../engine/io/ownFile";
import { sampleInput } from "../sampleInput";
import { forwardParameters } from "../pytorch";
import { onnxModel, type OnnxExport } from "./onnxModel";
import { onnx } from "./onnxProto";

export interface ExportOnnxOptions {
  /** The shape of the input, `[1, 4]`: the ONNX model takes inputs of this shape (read off the first layer when it tells). */
  inputShape?: number[] | number[][];
  /** Or a sample input itself. */
  input?: Tensor | Tensor[];
  /** Replace a file an earlier export wrote. */
  overwrite?: boolean;
}

/** The version written into the file as its producer's. */
export const PRODUCER_VERSION = "0.1.0";

/** The ONNX of `model` on its sample input, with the graph's input names taken from its forward. */
export function onnxOf(model: Module, options: Omit<ExportOnnxOptions, "overwrite">, what: string): OnnxExport & { bytes: Uint8Array } {
  if (!(model instanceof Module)) throw new TypeError(`${what}: expected a model (an nn.Module), not ${model === null ? "null" : typeof model}`);
  const inputs = sampleInput(model, options, what);
  const names = forwardParameters(model, inputs.length).map((n) => (n === "input" ? n : n === "x" && inputs.length === 1 ? "input" : n));
  const exported = onnxModel(model, inputs, names, what, PRODUCER_VERSION);
  return { ...exported, bytes: onnx.ModelProto.encode(exported.model).finish() };
}

/**
 * Writes `model` as an ONNX file (opset 17) that ONNX Runtime runs: every layer with an ONNX operator (Linear as
 * Gemm, Conv2d, pools, batch and layer norm, embeddings, RNN, LSTM and GRU with PyTorch's gate order turned into
 * ONNX's, the activations), attention as the products and softmax it is made of, and a forward of your own as
 * the calls it made on the sample input. The weights are initializers under their state_dict keys. The input has
 * the sample's shape (`inputShape`), as torch.onnx.export writes without dynamic axes. A layer or op ONNX has no
 * operator for is an error naming it.
 * @example await exportOnnx(net, "iris.onnx", { inputShape: [1, 4] })
 */
export async function exportOnnx(model: Module, path: string, options: ExportOnnxOptions = {}): Promise<void> {
  const what = "exportOnnx";
  if (typeof path !== "string") throw new TypeError(`${what}: the path must be a string, not ${typeof path}`);
  if (!path.endsWith(".onnx")) throw new Error(`${what}: writes ONNX; end the file's name in .onnx ("${path.replace(/\.[A-Za-z0-9]*$/, "")}.onnx")`);
  const { overwrite, ...sample } = checkOptions(what, options, { inputShape: "checked", input: "checked", overwrite: "boolean" });
  const { bytes } = onnxOf(model, sample, what);
  await writeOwnFiles(what, [{ path, bytes, notOurs: notOurOnnx }], overwrite ?? false);
}

function notOurOnnx(bytes: Uint8Array): string | undefined {
  try {
    return onnx.ModelProto.decode(bytes).producerName === "nnbook" ? undefined : "an ONNX model another program wrote";
  } catch {
    return "not an ONNX model";
  }
}
