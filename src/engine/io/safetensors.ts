// The safetensors file format (Hugging Face's, read by PyTorch users everywhere): an 8-byte little-endian
// header length, a JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian
// bytes. Written and read here from bytes alone; where the bytes go is the caller's business.
import { asciiJson, decodeUtf8 } from "./utf8";

/** One tensor of a file: its values as float32 (the engine's storage) and its shape. */
export interface SafetensorsEntry {
  shape: number[];
  data: Float32Array;
  /** The dtype the file stored it in ("F32", "I64", …). */
  dtype: string;
}

/** What a file holds: tensors by name, in the file's order, and the string-to-string `__metadata__`. */
export interface SafetensorsFile {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
}

/** A file that is not safetensors, or is damaged: the message says what and where. */
export class SafetensorsError extends Error {
  override name = "SafetensorsError";
}

const BYTES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
/** Headers larger than this are refused before parsing, as the reference implementation does (100 MB). */
const MAX_HEADER = 100_000_000;

/** A tensor to write: F32 unless it is a count, which PyTorch keeps as I64 (batch norm's num_batches_tracked). */
export interface TensorToWrite {
  shape: readonly number[];
  data: Float32Array | Float64Array;
  dtype?: "F32" | "I64";
}

/** The bytes of a safetensors file with `tensors` and `metadata` as `__metadata__`. */
export function encodeSafetensors(tensors: Iterable<[string, TensorToWrite]>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const parts: { values: Float32Array; dtype: "F32" | "I64" }[] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    if (name === "__metadata__" || Object.hasOwn(header, name)) throw new SafetensorsError(`safetensors: the tensor name "${name}" is reserved or used twice`);
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new SafetensorsError(`safetensors: "${name}" has ${t.data.length} values for shape [${t.shape.join(", ")}]`);
    const values = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
    const dtype = t.dtype ?? "F32";
    if (dtype === "I64" && !values.every(Number.isInteger)) throw new SafetensorsError(`safetensors: "${name}" is written as I64 but holds a value that is not an integer`);
    const bytes = values.length * BYTES[dtype];
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    parts.push({ values, dtype });
    offset += bytes;
  }
  const json = asciiJson(header);
  // The data starts 8-aligned, as the reference writer pads it: spaces are valid JSON.
  const headerBytes = new Uint8Array(json.length + ((8 - (json.length % 8)) % 8)).fill(0x20);
  headerBytes.set(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const { values, dtype } of parts) {
    if (dtype === "I64") for (let i = 0; i < values.length; i++, at += 8) view.setBigInt64(at, BigInt(values[i]), true);
    else for (let i = 0; i < values.length; i++, at += 4) view.setFloat32(at, values[i], true);
  }
  return out;
}

/** Reads a safetensors file: every check of the reference reader, each failure a SafetensorsError saying what. */
export function decodeSafetensors(bytes: Uint8Array, what = "the file"): SafetensorsFile {
  const fail = (why: string): never => {
    throw new SafetensorsError(`${what} is not a safetensors file: ${why}`);
  };
  if (bytes.length < 8) fail(`it has ${bytes.length} bytes, fewer than the 8 of a header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getBigUint64(0, true);
  if (length > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) fail(`its header length ${length} is more than the ${bytes.length - 8} bytes after it`);
  const n = Number(length);
  let header: unknown;
  try {
    header = JSON.parse(decodeUtf8(bytes.subarray(8, 8 + n)));
  } catch (error) {
    fail(`its header is not JSON (${(error as Error).message})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) fail("its header is not a JSON object");
  const entries = Object.entries(header as Record<string, unknown>);
  const metadata: Record<string, string> = {};
  const ranges: { name: string; begin: number; end: number; dtype: string; shape: number[] }[] = [];
  for (const [name, value] of entries) {
    if (name === "__metadata__") {
      if (typeof value !== "object" || value === null || Array.isArray(value)) fail("__metadata__ is not an object");
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== "string") fail(`__metadata__.${k} is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    const info = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof info !== "object" || info === null) fail(`"${name}" is not a tensor entry`);
    const dtype = info.dtype;
    if (typeof dtype !== "string" || !(dtype in BYTES)) fail(`"${name}" has the dtype ${JSON.stringify(dtype)}; nnbook reads ${Object.keys(BYTES).join(", ")}`);
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`"${name}" has the shape ${JSON.stringify(shape)}, not a list of sizes`);
    const offsets = info.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0) || offsets[1] < offsets[0]) {
      fail(`"${name}" has the data_offsets ${JSON.stringify(offsets)}, not [begin, end]`);
    }
    const [begin, end] = offsets as number[];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== count * BYTES[dtype as string]) fail(`"${name}" takes ${end - begin} bytes, but ${dtype} [${(shape as number[]).join(", ")}] is ${count * BYTES[dtype as string]}`);
    ranges.push({ name, begin, end, dtype: dtype as string, shape: shape as number[] });
  }
  // The tensors tile the data exactly: no gap, no overlap, nothing after the last.
  const data = bytes.subarray(8 + n);
  let covered = 0;
  for (const r of [...ranges].sort((a, b) => a.begin - b.begin)) {
    if (r.begin !== covered) fail(`"${r.name}" starts at byte ${r.begin} of the data, where ${covered} was expected (a gap or an overlap)`);
    covered = r.end;
  }
  if (covered !== data.length) fail(`its tensors take ${covered} bytes of data, but ${data.length} follow the header`);
  const tensors = new Map<string, SafetensorsEntry>();
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (const r of ranges) tensors.set(r.name, { shape: r.shape, dtype: r.dtype, data: readValues(dataView, r.begin, r.end, r.dtype) });
  return { tensors, metadata };
}

function readValues(view: DataView, begin: number, end: number, dtype: string): Float32Array {
  const size = BYTES[dtype], out = new Float32Array((end - begin) / size);
  for (let i = 0, at = begin; i < out.length; i++, at += size) {
    switch (dtype) {
      case "F64": out[i] = view.getFloat64(at, true); break;
      case "F32": out[i] = view.getFloat32(at, true); break;
      case "F16": out[i] = half(view.getUint16(at, true)); break;
      case "BF16": out[i] = bfloat(view.getUint16(at, true)); break;
      case "I64": out[i] = Number(view.getBigInt64(at, true)); break;
      case "I32": out[i] = view.getInt32(at, true); break;
      case "I16": out[i] = view.getInt16(at, true); break;
      case "I8": out[i] = view.getInt8(at); break;
      default: out[i] = view.getUint8(at); // U8, BOOL
    }
  }
  return out;
}

/** IEEE half precision to a number. */
function half(h: number): number {
  const sign = h & 0x8000 ? -1 : 1, exponent = (h >> 10) & 0x1f, fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16: the top half of a float32. */
function bfloat(b: number): number {
  const buffer = new DataView(new ArrayBuffer(4));
  buffer.setUint32(0, b << 16);
  return buffer.getFloat32(0);
}
