// `save` and `load`: a model as safetensors, its weights under PyTorch's state_dict keys (so PyTorch reads them
// with `load_file`) and its architecture in the file's `__metadata__`, so that `load` rebuilds it.
import { Module } from "../nn/module";
import { arch, build, type ArchJSON } from "../nn/serialize";
import { checkOptions } from "../options";
import { decodeSafetensors, encodeSafetensors, SafetensorsError, type TensorToWrite } from "./safetensors";
import { readSafetensors } from "./stateDictFile";
import { writeOwnFiles, type OwnFile } from "./ownFile";

/** The metadata key of the architecture (JSON), which marks a file as one `save` wrote. */
export const ARCHITECTURE_KEY = "nnbook.module";
const VERSION_KEY = "nnbook.version";

/** What `save` writes for `model`: its state dict and architecture, as the bytes of a safetensors file. */
export function modelBytes(model: Module): Uint8Array {
  const tensors: [string, TensorToWrite][] = Object.entries(model.stateDict()).map(([key, t]) => [
    key,
    { shape: t.shape, data: t.data, ...(key === "num_batches_tracked" || key.endsWith(".num_batches_tracked") ? { dtype: "I64" as const } : {}) },
  ]);
  // "format": "pt" is what PyTorch's own safetensors files say: the keys are a torch state_dict's.
  return encodeSafetensors(tensors, { format: "pt", [ARCHITECTURE_KEY]: JSON.stringify(arch(model)), [VERSION_KEY]: "1" });
}

/** Why `bytes` are not a model `save` wrote, or undefined when they are. */
export function notASavedModel(bytes: Uint8Array): string | undefined {
  try {
    const { metadata } = decodeSafetensors(bytes);
    return metadata[ARCHITECTURE_KEY] === undefined ? "safetensors without an nnbook model in its metadata" : undefined;
  } catch (error) {
    return error instanceof SafetensorsError ? "not safetensors" : (error as Error).message;
  }
}

/** A file of `modelBytes`, for writeOwnFiles. */
export function modelFile(model: Module, path: string): OwnFile {
  return { path, bytes: modelBytes(model), notOurs: notASavedModel };
}

/** The `{ overwrite }` of save and the exports. */
export function overwriteOption(what: string, options: { overwrite?: boolean }): boolean {
  return checkOptions(what, options, { overwrite: "boolean" }).overwrite ?? false;
}

/**
 * Saves `model` to a safetensors file (relative to the notebook, inside the workspace): every weight and
 * buffer under PyTorch's `state_dict` keys, and the layers in the file's metadata, so `load` rebuilds it and
 * PyTorch reads the weights with `safetensors.torch.load_file`. A file that exists is replaced only with
 * `{ overwrite: true }`, and only when it is one `save` wrote. A module class of your own is saved with its
 * fields, as PyTorch's `torch.save(model)` pickles it; `load` then needs that class defined in the kernel.
 * @example await save(net, "xor.safetensors"); const again = await load("xor.safetensors");
 */
export async function save(model: Module, path: string, options: { overwrite?: boolean } = {}): Promise<void> {
  if (!(model instanceof Module)) throw new TypeError(`save: expected a model (an nn.Module), not ${describe(model)}`);
  if (typeof path !== "string") throw new TypeError(`save: the path must be a string, not ${typeof path}`);
  if (!path.endsWith(".safetensors")) throw new Error(`save: writes safetensors; end the file's name in .safetensors ("${path.replace(/\.[A-Za-z0-9]*$/, "")}.safetensors")`);
  await writeOwnFiles("save", [modelFile(model, path)], overwriteOption("save", options));
}

/**
 * Loads a model `save` wrote: rebuilds its layers and fills in its weights. A module class of your own must be
 * defined in the kernel (run its cell first). For weights PyTorch saved, build the model and use
 * `await net.loadStateDict(path)`.
 * @example const net = await load("xor.safetensors"); net(x)
 */
export async function load(path: string): Promise<Module> {
  const file = await readSafetensors("load", path);
  const text = file.metadata[ARCHITECTURE_KEY];
  if (text === undefined) {
    throw new Error(
      `load: ${file.displayPath} holds weights (${file.tensors.size} tensors) but no model saved by save(), such as a state dict PyTorch wrote: ` +
        `build the model and read them into it with await net.loadStateDict("${path}")`,
    );
  }
  let architecture: ArchJSON;
  try {
    architecture = JSON.parse(text);
  } catch (error) {
    throw new Error(`load: ${file.displayPath} is damaged: its ${ARCHITECTURE_KEY} metadata is not JSON (${(error as Error).message})`);
  }
  const model = build(architecture);
  model.loadStateDict(Object.fromEntries([...file.tensors].map(([key, t]) => [key, { shape: t.shape, data: t.data }])));
  return model;
}

function describe(value: unknown): string {
  return value === null ? "null" : typeof value === "object" || typeof value === "function" ? `a ${(value as object).constructor?.name ?? "value"}` : `${typeof value} ${String(value)}`;
}
