/**
 * `TextEncoder` and `TextDecoder` (UTF-8, as the WHATWG Encoding standard has them), made in the
 * cells' realm: the kernel's own would carry its realm's `Function` into the cells.
 */
export class TextEncoder {
  readonly encoding = "utf-8";

  encode(input = ""): Uint8Array {
    const out = new Uint8Array(String(input).length * 3);
    return out.slice(0, this.encodeInto(String(input), out).written);
  }

  encodeInto(source: string, destination: Uint8Array): { read: number; written: number } {
    const text = String(source);
    let read = 0, written = 0;
    for (let i = 0; i < text.length; ) {
      let c = text.charCodeAt(i), units = 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) (c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)), (units = 2);
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate
      const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (written + size > destination.length) break;
      if (size === 1) destination[written] = c;
      else {
        destination[written] = (size === 2 ? 0xc0 : size === 3 ? 0xe0 : 0xf0) | (c >> (6 * (size - 1)));
        for (let k = 1; k < size; k++) destination[written + k] = 0x80 | ((c >> (6 * (size - 1 - k))) & 0x3f);
      }
      written += size;
      read += units;
      i += units;
    }
    return { read, written };
  }
}

export class TextDecoder {
  readonly encoding = "utf-8";
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;

  constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    if (!/^\s*(utf-?8|unicode-1-1-utf-8)\s*$/i.test(String(label))) {
      throw new RangeError(`TextDecoder: only UTF-8 is supported in cells, not "${label}"`);
    }
    this.fatal = options.fatal === true;
    this.ignoreBOM = options.ignoreBOM === true;
  }

  decode(input?: ArrayBuffer | ArrayBufferView): string {
    if (input === undefined) return "";
    const bytes = ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
    let out = "";
    let i = !this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (i < bytes.length) {
      const b = bytes[i];
      const size = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
      let c = size === 1 ? b : size === 2 ? b & 0x1f : size === 3 ? b & 0x0f : b & 0x07;
      let ok = size > 0 && i + size <= bytes.length;
      for (let k = 1; ok && k < size; k++) {
        const next = bytes[i + k];
        if ((next & 0xc0) !== 0x80) ok = false;
        else c = (c << 6) | (next & 0x3f);
      }
      // Overlong forms, surrogates and values past U+10FFFF are errors too.
      if (ok && ((size === 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (size === 4 && (c < 0x10000 || c > 0x10ffff)))) ok = false;
      if (!ok) {
        if (this.fatal) throw new TypeError(`TextDecoder: the bytes are not valid UTF-8 (at byte ${i})`);
        out += "\ufffd";
        i += 1;
        continue;
      }
      out += String.fromCodePoint(c);
      i += size;
    }
    return out;
  }
}
