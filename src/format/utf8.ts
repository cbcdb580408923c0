/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence in `bytes`, or -1 when there is
 * none: the byte a user looks for, where a decoder would only say that the whole file is not UTF-8.
 * Well-formed means as in the Unicode standard (table 3-7): no overlong forms, no surrogates,
 * nothing above U+10FFFF, no sequence cut short.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const form = sequenceForm(lead);
    if (!form) return i;
    for (let k = 1; k <= form.continuation; k++) {
      const byte = bytes[i + k];
      const [low, high] = k === 1 ? [form.low, form.high] : [0x80, 0xbf];
      if (byte === undefined || byte < low || byte > high) return i;
    }
    i += form.continuation + 1;
  }
  return -1;
}

/** How many continuation bytes follow a lead byte, and the range the first of them must be in. */
function sequenceForm(lead: number): { continuation: number; low: number; high: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { continuation: 1, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { continuation: 2, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { continuation: 2, low: 0x80, high: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { continuation: 2, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { continuation: 3, low: 0x90, high: 0xbf };
  if (lead === 0xf4) return { continuation: 3, low: 0x80, high: 0x8f };
  if (lead >= 0xf1 && lead <= 0xf3) return { continuation: 3, low: 0x80, high: 0xbf };
  return undefined;
}
