/**
 * `structuredClone` made in the cells' realm, for the values a notebook clones: primitives, arrays,
 * plain objects, Date, RegExp, Map, Set, ArrayBuffer, typed arrays and errors, with shared and
 * circular references kept. Functions, symbols and class instances' prototypes are refused or
 * dropped as the HTML standard says.
 */
export function structuredClone<T>(value: T): T {
  const seen = new Map<unknown, unknown>();
  const clone = (v: unknown): unknown => {
    if (typeof v === "function") throw new DOMExceptionLike(`${String((v as { name?: string }).name || "function")} could not be cloned.`);
    if (typeof v === "symbol") throw new DOMExceptionLike(`${String(v)} could not be cloned.`);
    if (typeof v !== "object" || v === null) return v;
    if (seen.has(v)) return seen.get(v);
    let out: unknown;
    if (Array.isArray(v)) {
      const a: unknown[] = [];
      seen.set(v, a);
      for (let i = 0; i < v.length; i++) a[i] = clone(v[i]);
      return a;
    }
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
    else if (v instanceof ArrayBuffer) out = v.slice(0);
    else if (ArrayBuffer.isView(v)) {
      const view = v as unknown as { constructor: new (b: ArrayBuffer, o: number, n: number) => unknown; buffer: ArrayBuffer; byteOffset: number; length?: number; byteLength: number };
      const length = view.length ?? view.byteLength;
      out = new view.constructor(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength), 0, length);
    } else if (v instanceof Map) {
      const m = new Map();
      seen.set(v, m);
      for (const [k, x] of v) m.set(clone(k), clone(x));
      return m;
    } else if (v instanceof Set) {
      const s = new Set();
      seen.set(v, s);
      for (const x of v) s.add(clone(x));
      return s;
    } else if (v instanceof Error) {
      const e = new Error(v.message);
      e.name = v.name;
      if (v.stack) e.stack = v.stack;
      out = e;
    } else {
      const o: Record<string, unknown> = {};
      seen.set(v, o);
      for (const key of Object.keys(v)) o[key] = clone((v as Record<string, unknown>)[key]);
      return o;
    }
    seen.set(v, out);
    return out;
  };
  return clone(value) as T;
}

/** The DataCloneError the standard throws (DOMException itself is not in the cells' realm). */
class DOMExceptionLike extends Error {
  override name = "DataCloneError";
}
