// WebAssembly SIMD (f32x4) versions of the matrix-product kernels in matmul.ts, with the
// same contract: c += a·b on row-major Float32Arrays with offsets. Operands are copied into
// one linear memory with their rows padded, so the kernels only ever see whole register
// blocks; padding rows and columns produce results that are never copied back.
//
//   broadcast kernel (mmNN, mmTN): blocks of 4 rows × 8 columns of c, eight f32x4
//     accumulators; per step of the reduction two vectors of a row of b are multiplied by
//     four broadcast elements of a. a is addressed through two strides, so one kernel
//     serves a[m,k] (mmNN) and a[k,m] read transposed (mmTN).
//   dot kernel (mmNT): blocks of 2 rows × 4 columns of c, eight f32x4 accumulators of
//     four partial sums each, running along rows of a and b four elements at a time; the
//     lanes are added up at the end. The reduction length is padded with zeros.
//
// The module is built by the small assembler in wasm-asm.ts and compiled synchronously on
// first use. Where WebAssembly or its SIMD extension is missing, `wasmKernels()` is null.

import { I, assemble, i32, inc, v128, type Bytes, type Func } from "./wasm-asm";

// Minimal ambient types for the WebAssembly JavaScript API (not part of the ES2022 lib).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly:
  | {
      validate(bytes: Uint8Array): boolean;
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
      Memory: new (descriptor: { initial: number }) => WasmMemory;
    }
  | undefined;

// ---------------------------------------------------------------------------------------
// Broadcast kernel: bcast(aP, sai, sap, bP, cP, mP, k, nP)
//   c[i, j] += Σ_p a(i, p) · b[p, j],  a(i, p) at aP + i·sai + p·sap (bytes),
//   b [k, nP] at bP, c [mP, nP] at cP; mP a multiple of 4, nP of 8, k ≥ 1.
// ---------------------------------------------------------------------------------------
const BC = {
  aP: 0, sai: 1, sap: 2, bP: 3, cP: 4, mP: 5, k: 6, nP: 7, // params
  ld: 8, j0: 9, i0: 10, pa: 11, pb: 12, p: 13, s2: 14, s3: 15, cp: 16, // i32 locals
  acc: 17, b0: 25, b1: 26, x: 27, // v128 locals: acc[0..7] = rows 0..3 × two vectors
};

function bcastBody(): Bytes[] {
  const L = BC;
  const acc = (r: number, h: number) => L.acc + 2 * r + h;
  // acc[r][0..1] += splat(a(i0 + r, p)) · (b0, b1); address of a(i0 + r, p) = pa + r·sai
  const row = (r: number, aAddr: Bytes): Bytes[] => [
    aAddr, I.v128_load32_splat(), I.set(L.x),
    I.get(acc(r, 0)), I.get(L.x), I.get(L.b0), I.f32x4_mul, I.f32x4_add, I.set(acc(r, 0)),
    I.get(acc(r, 1)), I.get(L.x), I.get(L.b1), I.f32x4_mul, I.f32x4_add, I.set(acc(r, 1)),
  ];
  // c[i0 + r, j0 .. j0+8] += acc[r], at cp; then cp += ld
  const flush = (r: number): Bytes[] => [
    I.get(L.cp), I.get(L.cp), I.v128_load(0), I.get(acc(r, 0)), I.f32x4_add, I.v128_store(0),
    I.get(L.cp), I.get(L.cp), I.v128_load(16), I.get(acc(r, 1)), I.f32x4_add, I.v128_store(16),
    inc(L.cp, { local: L.ld }),
  ];
  return [
    // ld = nP·4 (row stride of b and c in bytes); s2 = 2·sai; s3 = 3·sai
    I.get(L.nP), I.const(2), I.shl, I.set(L.ld),
    I.get(L.sai), I.const(1), I.shl, I.tee(L.s2), I.get(L.sai), I.add, I.set(L.s3),
    I.const(0), I.set(L.j0),
    I.loop, // over column blocks: j0 = 0, 32, … < ld (bytes)
    I.const(0), I.set(L.i0),
    I.loop, // over row blocks: i0 = 0, 4, … < mP
    ...Array.from({ length: 8 }, (_, t) => [I.v128_zero, I.set(L.acc + t)]).flat(),
    I.get(L.aP), I.get(L.i0), I.get(L.sai), I.mul, I.add, I.set(L.pa),
    I.get(L.bP), I.get(L.j0), I.add, I.set(L.pb),
    I.get(L.k), I.set(L.p),
    I.loop, // over the reduction: p = k … 1
    I.get(L.pb), I.v128_load(0), I.set(L.b0),
    I.get(L.pb), I.v128_load(16), I.set(L.b1),
    ...row(0, I.get(L.pa)),
    ...row(1, [...I.get(L.pa), ...I.get(L.sai), ...I.add]),
    ...row(2, [...I.get(L.pa), ...I.get(L.s2), ...I.add]),
    ...row(3, [...I.get(L.pa), ...I.get(L.s3), ...I.add]),
    inc(L.pa, { local: L.sap }),
    inc(L.pb, { local: L.ld }),
    I.get(L.p), I.const(1), I.sub, I.tee(L.p), I.br_if(0),
    I.end,
    // cp = cP + i0·ld + j0
    I.get(L.cP), I.get(L.i0), I.get(L.ld), I.mul, I.add, I.get(L.j0), I.add, I.set(L.cp),
    ...flush(0), ...flush(1), ...flush(2), ...flush(3),
    inc(L.i0, 4), I.get(L.i0), I.get(L.mP), I.lt_u, I.br_if(0),
    I.end,
    inc(L.j0, 32), I.get(L.j0), I.get(L.ld), I.lt_u, I.br_if(0),
    I.end,
  ];
}

// ---------------------------------------------------------------------------------------
// Dot kernel: dot(aP, bP, cP, mP, kP, nP)
//   c[i, j] += Σ_p a[i, p] · b[j, p],  a [mP, kP], b [nP, kP], c [mP, nP];
//   mP a multiple of 2, nP of 4, kP of 4 and ≥ 4.
// ---------------------------------------------------------------------------------------
const DT = {
  aP: 0, bP: 1, cP: 2, mP: 3, kP: 4, nP: 5, // params
  lda: 6, ldc: 7, j0: 8, i0: 9, pa0: 10, pa1: 11, pb: 12, q: 16, cp: 17, // i32 locals (pb: 12..15)
  acc: 18, a0: 26, a1: 27, bv: 28, // v128 locals: acc[4·ii + jj], ii = row of a, jj = row of b
};

function dotBody(): Bytes[] {
  const L = DT;
  const acc = (ii: number, jj: number) => L.acc + 4 * ii + jj;
  const step = (jj: number): Bytes[] => [
    I.get(L.pb + jj), I.v128_load(0), I.set(L.bv),
    I.get(acc(0, jj)), I.get(L.a0), I.get(L.bv), I.f32x4_mul, I.f32x4_add, I.set(acc(0, jj)),
    I.get(acc(1, jj)), I.get(L.a1), I.get(L.bv), I.f32x4_mul, I.f32x4_add, I.set(acc(1, jj)),
  ];
  // f32 at cp (+ ii·ldc, passed as the address) + 4·jj  +=  sum of the lanes of acc(ii, jj)
  const flush = (ii: number, jj: number): Bytes[] => {
    const lane = (l: number) => [...I.get(acc(ii, jj)), ...I.f32x4_extract_lane(l)];
    return [
      I.get(L.cp), I.get(L.cp), I.f32_load(4 * jj),
      lane(0), lane(1), I.f32_add, lane(2), lane(3), I.f32_add, I.f32_add,
      I.f32_add, I.f32_store(4 * jj),
    ];
  };
  return [
    I.get(L.kP), I.const(2), I.shl, I.set(L.lda),
    I.get(L.nP), I.const(2), I.shl, I.set(L.ldc),
    I.const(0), I.set(L.j0),
    I.loop, // over column blocks: j0 = 0, 4, … < nP
    I.const(0), I.set(L.i0),
    I.loop, // over row blocks: i0 = 0, 2, … < mP
    ...Array.from({ length: 8 }, (_, t) => [I.v128_zero, I.set(L.acc + t)]).flat(),
    I.get(L.aP), I.get(L.i0), I.get(L.lda), I.mul, I.add, I.tee(L.pa0), I.get(L.lda), I.add, I.set(L.pa1),
    I.get(L.bP), I.get(L.j0), I.get(L.lda), I.mul, I.add, I.tee(L.pb),
    I.get(L.lda), I.add, I.tee(L.pb + 1),
    I.get(L.lda), I.add, I.tee(L.pb + 2),
    I.get(L.lda), I.add, I.set(L.pb + 3),
    I.get(L.kP), I.const(2), I.shr_u, I.set(L.q),
    I.loop, // over the reduction, four elements at a time: q = kP/4 … 1
    I.get(L.pa0), I.v128_load(0), I.set(L.a0),
    I.get(L.pa1), I.v128_load(0), I.set(L.a1),
    ...step(0), ...step(1), ...step(2), ...step(3),
    inc(L.pa0, 16), inc(L.pa1, 16),
    inc(L.pb, 16), inc(L.pb + 1, 16), inc(L.pb + 2, 16), inc(L.pb + 3, 16),
    I.get(L.q), I.const(1), I.sub, I.tee(L.q), I.br_if(0),
    I.end,
    // cp = cP + i0·ldc + 4·j0
    I.get(L.cP), I.get(L.i0), I.get(L.ldc), I.mul, I.add, I.get(L.j0), I.const(2), I.shl, I.add, I.set(L.cp),
    ...flush(0, 0), ...flush(0, 1), ...flush(0, 2), ...flush(0, 3),
    inc(L.cp, { local: L.ldc }),
    ...flush(1, 0), ...flush(1, 1), ...flush(1, 2), ...flush(1, 3),
    inc(L.i0, 2), I.get(L.i0), I.get(L.mP), I.lt_u, I.br_if(0),
    I.end,
    inc(L.j0, 4), I.get(L.j0), I.get(L.nP), I.lt_u, I.br_if(0),
    I.end,
  ];
}

const FUNCS: Func[] = [
  { name: "bcast", params: new Array<number>(8).fill(i32), locals: [[9, i32], [11, v128]], body: bcastBody() },
  { name: "dot", params: new Array<number>(6).fill(i32), locals: [[12, i32], [11, v128]], body: dotBody() },
];

// ---------------------------------------------------------------------------------------
// JavaScript side: memory, operand copies, dispatch.
// ---------------------------------------------------------------------------------------

type Kernel = (a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number) => void;

export interface WasmKernels {
  mmNN: Kernel;
  mmNT: Kernel;
  mmTN: Kernel;
}

const PAGE = 65536;
/** Rows shorter than this are copied element by element: cheaper than a subarray and set. */
const SHORT = 48;
const up = (x: number, q: number) => Math.ceil(x / q) * q;

function build(): WasmKernels | null {
  if (typeof WebAssembly !== "object" || WebAssembly === null) return null;
  const bytes = assemble(FUNCS);
  if (!WebAssembly.validate(bytes)) return null; // no SIMD support
  const mem = new WebAssembly.Memory({ initial: 16 });
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } }).exports;
  const bcast = ex.bcast as (aP: number, sai: number, sap: number, bP: number, cP: number, mP: number, k: number, nP: number) => void;
  const dot = ex.dot as (aP: number, bP: number, cP: number, mP: number, kP: number, nP: number) => void;
  let heap = new Float32Array(mem.buffer);

  /** The memory as floats, at least `floats` long. */
  function reserve(floats: number): Float32Array {
    const need = floats * 4 - mem.buffer.byteLength;
    if (need > 0) mem.grow(Math.ceil(need / PAGE));
    if (heap.buffer !== mem.buffer || heap.length === 0) heap = new Float32Array(mem.buffer);
    return heap;
  }

  /** rows × cols of src (row stride cols) into h at float offset d with row stride ld; zero the row tails when asked. */
  function put(h: Float32Array, d: number, ld: number, src: Float32Array, s: number, rows: number, cols: number, zeroTail: boolean): void {
    if (ld === cols) {
      h.set(src.subarray(s, s + rows * cols), d);
      return;
    }
    for (let r = 0; r < rows; r++) {
      const hr = d + r * ld, sr = s + r * cols;
      if (cols < SHORT) for (let j = 0; j < cols; j++) h[hr + j] = src[sr + j];
      else h.set(src.subarray(sr, sr + cols), hr);
      if (zeroTail) for (let j = cols; j < ld; j++) h[hr + j] = 0;
    }
  }

  /** rows × cols from h (row stride ld) back into dst. */
  function get(h: Float32Array, d: number, ld: number, dst: Float32Array, s: number, rows: number, cols: number): void {
    if (ld === cols) {
      dst.set(h.subarray(d, d + rows * cols), s);
      return;
    }
    for (let r = 0; r < rows; r++) {
      const hr = d + r * ld, sr = s + r * cols;
      if (cols < SHORT) for (let j = 0; j < cols; j++) dst[sr + j] = h[hr + j];
      else dst.set(h.subarray(hr, hr + cols), sr);
    }
  }

  // Broadcast kernel for a[m,k] (trans false) or a[k,m] (trans true); b[k,n]; c[m,n].
  function broadcast(trans: boolean, a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
    if (m === 0 || n === 0 || k === 0) return;
    const mP = up(m, 4), nP = up(n, 8);
    const aLen = up(trans ? k * mP : mP * k, 4);
    const bOff = aLen, cOff = bOff + k * nP;
    const h = reserve(cOff + mP * nP);
    // Padding rows or columns of a and b only reach padding of c, never read back: left as is.
    if (trans) put(h, 0, mP, a, ao, k, m, false);
    else put(h, 0, k, a, ao, m, k, false);
    put(h, bOff, nP, b, bo, k, n, false);
    put(h, cOff, nP, c, co, m, n, false);
    if (trans) bcast(0, 4, mP * 4, bOff * 4, cOff * 4, mP, k, nP);
    else bcast(0, k * 4, 4, bOff * 4, cOff * 4, mP, k, nP);
    get(h, cOff, nP, c, co, m, n);
  }

  return {
    mmNN: (a, ao, b, bo, c, co, m, k, n) => broadcast(false, a, ao, b, bo, c, co, m, k, n),
    mmTN: (a, ao, b, bo, c, co, m, k, n) => broadcast(true, a, ao, b, bo, c, co, m, k, n),
    mmNT(a, ao, b, bo, c, co, m, k, n) {
      if (m === 0 || n === 0 || k === 0) return;
      const mP = up(m, 2), nP = up(n, 4), kP = up(k, 4);
      const bOff = mP * kP, cOff = bOff + nP * kP;
      const h = reserve(cOff + mP * nP);
      // The reduction runs over kP: its padding must be zero in both operands.
      put(h, 0, kP, a, ao, m, k, true);
      put(h, bOff, kP, b, bo, n, k, true);
      put(h, cOff, nP, c, co, m, n, false);
      dot(0, bOff * 4, cOff * 4, mP, kP, nP);
      get(h, cOff, nP, c, co, m, n);
    },
  };
}

let cached: WasmKernels | null | undefined;

/** The WebAssembly SIMD kernels, compiled on first call; null where SIMD is unavailable. */
export function wasmKernels(): WasmKernels | null {
  if (cached === undefined) {
    try {
      cached = build();
    } catch {
      cached = null;
    }
  }
  return cached;
}
