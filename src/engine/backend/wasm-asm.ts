// A very small WebAssembly assembler: just the instructions, sections and encodings the
// matrix-product kernels in wasm-kernels.ts need. Instructions are arrays of bytes, so a
// function body reads as a list of mnemonics and stays reviewable without a toolchain.
//
// Binary format reference: WebAssembly Core Specification, §5 (binary format), plus the
// fixed-width SIMD proposal (0xFD-prefixed opcodes), part of the standard since 2.0, and the
// relaxed SIMD proposal (f32x4.relaxed_madd, 0xFD 0x105), standard since 3.0.

export type Bytes = number[];

/** Unsigned LEB128. */
export function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const str = (s: string): Bytes => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const vec = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];

/** Value types. */
export const i32 = 0x7f;
export const v128 = 0x7b;

const simd = (op: number): Bytes => [0xfd, ...uleb(op)];

/** Instructions. `off` is the constant byte offset of a memory access (memarg offset). */
export const I = {
  // control
  block: [0x02, 0x40] as Bytes, // block with no result
  loop: [0x03, 0x40] as Bytes, // loop with no result
  end: [0x0b] as Bytes,
  br_if: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  call: (func: number): Bytes => [0x10, ...uleb(func)],
  // locals
  get: (i: number): Bytes => [0x20, ...uleb(i)],
  set: (i: number): Bytes => [0x21, ...uleb(i)],
  tee: (i: number): Bytes => [0x22, ...uleb(i)],
  // i32 arithmetic
  const: (v: number): Bytes => [0x41, ...sleb(v)],
  add: [0x6a] as Bytes,
  sub: [0x6b] as Bytes,
  mul: [0x6c] as Bytes,
  shl: [0x74] as Bytes,
  shr_u: [0x76] as Bytes,
  and: [0x71] as Bytes,
  lt_u: [0x49] as Bytes,
  eqz: [0x45] as Bytes,
  i32_store: (off = 0): Bytes => [0x36, 2, ...uleb(off)],
  // f32 scalar memory and arithmetic (memarg: log2 alignment 2 = 4 bytes)
  f32_load: (off = 0): Bytes => [0x2a, 2, ...uleb(off)],
  f32_store: (off = 0): Bytes => [0x38, 2, ...uleb(off)],
  f32_add: [0x92] as Bytes,
  // SIMD (memarg alignment is a hint; 4 = 16 bytes)
  v128_load: (off = 0): Bytes => [...simd(0x00), 4, ...uleb(off)],
  v128_store: (off = 0): Bytes => [...simd(0x0b), 4, ...uleb(off)],
  v128_load32_splat: (off = 0): Bytes => [...simd(0x09), 2, ...uleb(off)],
  v128_load64_splat: (off = 0): Bytes => [...simd(0x0a), 3, ...uleb(off)],
  /** Two floats into the low half, zeros above. */
  v128_load64_zero: (off = 0): Bytes => [...simd(0x5d), 3, ...uleb(off)],
  /** The low half (two floats) to memory. */
  v128_store64_lane0: (off = 0): Bytes => [...simd(0x5b), 3, ...uleb(off), 0],
  f64x2_promote_low_f32x4: simd(0x5f),
  f32x4_demote_f64x2_zero: simd(0x5e),
  f64x2_neg: simd(0xed),
  f64x2_sqrt: simd(0xef),
  f64x2_add: simd(0xf0),
  f64x2_sub: simd(0xf1),
  f64x2_mul: simd(0xf2),
  f64x2_div: simd(0xf3),
  v128_zero: [...simd(0x0c), ...new Array<number>(16).fill(0)] as Bytes, // v128.const 0
  f32x4_extract_lane: (lane: number): Bytes => [...simd(0x1f), lane],
  /** i8x16.shuffle, given as four f32 lanes of the pair (0–3 the first operand, 4–7 the second). */
  f32x4_shuffle: (lanes: number[]): Bytes => [...simd(0x0d), ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])],
  f32x4_add: simd(0xe4),
  f32x4_mul: simd(0xe6),
  /** Lane-wise maximum: NaN if either is NaN, and +0 of −0 and +0. */
  f32x4_max: simd(0xe9),
  /** Lane-wise a ≤ b as an all-ones or all-zeros mask (false where either is NaN). */
  f32x4_le: simd(0x45),
  /** a & ~b. */
  v128_andnot: simd(0x4f),
  f32x4_relaxed_madd: simd(0x105), // a·b + c, fused or not as the hardware does it
};

/** `local += step` for an i32 local, step a local index (`{ local }`) or a constant. */
export function inc(local: number, step: number | { local: number }): Bytes {
  const s = typeof step === "number" ? I.const(step) : I.get(step.local);
  return [...I.get(local), ...s, ...I.add, ...I.set(local)];
}

export interface Func {
  name: string;
  params: number[];
  /** Extra locals, in runs of one type: [count, type]. Indices continue after the params. */
  locals: [number, number][];
  body: Bytes[];
}

/** The most pages a 32-bit memory may have (4 GiB); a shared memory must declare its maximum. */
export const MAX_PAGES = 65536;

/**
 * A module that imports its memory as env.mem (so JavaScript can grow it and view it) and
 * exports every function by name. All functions return nothing. A `shared` memory is one that
 * other threads' instances of the module import too (limits {min 1, max MAX_PAGES}, shared).
 */
export function assemble(funcs: Func[], memory: { shared?: boolean } = {}): Uint8Array {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const limits = memory.shared ? [0x03, 1, ...uleb(MAX_PAGES)] : [0x00, 1]; // {min 1}, or {min 1, max}, shared
  const imports = vec([[...str("env"), ...str("mem"), 0x02, ...limits]]);
  const funcIdx = vec(funcs.map((_, i) => uleb(i)));
  const exports = vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]));
  const code = vec(
    funcs.map((f) => {
      const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body.flat(), ...I.end];
      return [...uleb(body.length), ...body];
    }),
  );
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, // "\0asm"
    0x01, 0x00, 0x00, 0x00, // version 1
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, funcIdx),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
