import { fromBase64, unpackInt24 } from "../packed";
import { array, describe, finite, PayloadError } from "./check";

/**
 * A grid of `length` numbers: a JSON array of numbers (as nnbook wrote them before packing), or a base64
 * string of one byte (`bytes`) or three (`int24`) per whole number, then divided by `scale`.
 */
export function packedNumbers(value: unknown, path: string, width: "bytes" | "int24", length: number, what: string, scale = 1): number[] {
  if (Array.isArray(value)) {
    const values = array(value, path, finite);
    if (values.length !== length) throw new PayloadError(`${path} must have one value per ${what} (${length}), not ${values.length}`);
    return values;
  }
  if (typeof value !== "string") throw new PayloadError(`${path} must be an array of numbers or a base64 string, not ${describe(value)}`);
  const bytes = fromBase64(value);
  if (typeof bytes === "string") throw new PayloadError(`${path} is not base64: ${bytes}`);
  const size = width === "bytes" ? 1 : 3;
  if (bytes.length !== length * size) {
    throw new PayloadError(`${path} must pack one value per ${what} (${length}, ${length * size} bytes), not ${bytes.length} bytes`);
  }
  const whole = width === "bytes" ? Array.from(bytes) : unpackInt24(bytes);
  return scale === 1 ? whole : whole.map((v) => v / scale);
}
