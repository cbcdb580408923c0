// Base64 to bytes in plain TypeScript: the engine runs where neither atob nor Buffer exists.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** The bytes encoded by base64 text (RFC 4648); whitespace and line breaks are skipped, '=' ends it. */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let n = 0, bits = 0, count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61) break; // '='
    const v = c < 128 ? VALUE[c] : -1;
    if (v < 0) {
      if (c === 10 || c === 13 || c === 32 || c === 9) continue;
      throw new Error(`decodeBase64: unexpected character ${JSON.stringify(text[i])} at ${i}`);
    }
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[n++] = (bits >> count) & 0xff;
    }
  }
  return out.subarray(0, n);
}
