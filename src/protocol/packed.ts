/**
 * Grids of numbers stored as one base64 string instead of a JSON array: a decision surface's 6,400
 * hundredths take 1⅓ characters each rather than 5, a weight 4 rather than 9. Every packed value is a
 * whole number (hundredths, 1/10,000ths), so nothing is rounded that was not rounded before.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Bytes as base64 (RFC 4648, with `=` padding). */
export function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + (left > 1 ? ALPHABET[(n >> 6) & 63] : "=") + (left > 2 ? ALPHABET[n & 63] : "=");
  }
  return out;
}

/** The bytes of a base64 string, or a sentence saying what is wrong with it. */
export function fromBase64(text: string): Uint8Array | string {
  if (text.length % 4 !== 0) return `its length (${text.length}) is not a multiple of 4`;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  for (let i = 0, b = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text[i + j];
      const v = c === "=" && i + j >= text.length - padding ? 0 : INDEX.get(c);
      if (v === undefined) return `${JSON.stringify(c)} at ${i + j} is not a base64 character`;
      n = (n << 6) | v;
    }
    bytes[b++] = n >> 16;
    if (b < bytes.length) bytes[b++] = (n >> 8) & 255;
    if (b < bytes.length) bytes[b++] = n & 255;
  }
  return bytes;
}

/** Whole numbers from 0 to 255, one byte each. */
export function packBytes(values: ArrayLike<number>): string {
  return toBase64(Uint8Array.from(values));
}

/** The largest magnitude `packInt24` stores. */
export const INT24_MAX = 2 ** 23 - 1;

/** Whole numbers from -8,388,607 to 8,388,607, three bytes each (big-endian, two's complement): four characters. */
export function packInt24(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 3);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] & 0xffffff;
    bytes.set([v >> 16, (v >> 8) & 255, v & 255], 3 * i);
  }
  return toBase64(bytes);
}

/** The inverse of `packInt24` on bytes already decoded; their length must be a multiple of 3. */
export function unpackInt24(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length / 3);
  for (let i = 0; i < out.length; i++) {
    const v = (bytes[3 * i] << 16) | (bytes[3 * i + 1] << 8) | bytes[3 * i + 2];
    out[i] = v & 0x800000 ? v - 0x1000000 : v;
  }
  return out;
}
