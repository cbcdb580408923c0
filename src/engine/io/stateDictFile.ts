// A state dict in a safetensors file, as PyTorch writes one (`safetensors.torch.save_file(model.state_dict(), …)`).
import { workspaceFiles } from "./files";
import { decodeSafetensors, SafetensorsError, type SafetensorsFile } from "./safetensors";

/** The safetensors file at `path`, read and checked; `what` begins its errors (`load`, `loadStateDict`). */
export async function readSafetensors(what: string, path: string): Promise<SafetensorsFile & { displayPath: string }> {
  if (typeof path !== "string") throw new TypeError(`${what}: the path must be a string, not ${typeof path}`);
  const files = workspaceFiles(what);
  let read;
  try {
    read = await files.readBytes(path);
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`);
  }
  try {
    return { ...decodeSafetensors(read.contents, read.displayPath), displayPath: read.displayPath };
  } catch (error) {
    throw new SafetensorsError(`${what}: ${(error as Error).message}`);
  }
}

/** The tensors of a safetensors file as a state dict for `loadStateDict`. */
export async function readStateDict(what: string, path: string): Promise<Record<string, { shape: number[]; data: Float32Array }>> {
  const file = await readSafetensors(what, path);
  return Object.fromEntries([...file.tensors].map(([key, t]) => [key, { shape: t.shape, data: t.data }]));
}
