// The float32 matrix products of matmul.ts in WebAssembly SIMD, same contract: c += a·b on
// row-major Float32Arrays with offsets. The operands are copied into one linear memory (a
// memcpy each), packed there into panels by wasm-gemm.ts's packers, and multiplied by its
// register-tiled micro-kernel, blocked as GotoBLAS does:
//
//   for each NC columns of b:  for each KC steps of the reduction:  pack b's [KC × NC] block;
//     for each MC rows of a:  pack a's [MC × KC] block;  gemm over its MR × NR tiles.
//
// The three layouts differ only in how the blocks are packed (copied or transposed), so one
// micro-kernel serves them all. c is copied in with its rows padded to whole tiles and back.
// The module is compiled synchronously on first use, with relaxed SIMD's multiply-add where
// the runtime validates it. Where WebAssembly or its SIMD extension is missing, `wasmKernels()`
// is null.

import { gemmModule, relaxedProbe, type Tile } from "./wasm-gemm";

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

type Kernel = (a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number) => void;

export interface WasmKernels {
  mmNN: Kernel;
  mmNT: Kernel;
  mmTN: Kernel;
  /** What was built: tile, block sizes, and whether the multiply-add is relaxed SIMD's. */
  options: GemmOptions;
}

export interface GemmOptions extends Tile {
  /** Reduction steps per block: a B panel (KC × NR) stays in L1. */
  kc: number;
  /** Rows of a per block (a multiple of MR): the packed A block (MC × KC) stays in L2. */
  mc: number;
  /** Columns of b per block (a multiple of NR). */
  nc: number;
}

/**
 * Chosen by measurement on W1's layers and 1024³ (Zen 5, V8 11.3). TurboFan issues every load of
 * a step before its multiply-adds, so the accumulators, the NR/4 vectors of b and the MR
 * broadcasts of a must all fit in the 15 xmm registers it allocates (mul+add needs one more for
 * the product). Micro-kernel alone, GFLOP/s: fused 3×12 37, 2×12 34, 4×8 and 2×16 30, and 17–18
 * for 4×12, 6×8 and 3×16, which spill; mul+add 4×8 30, 2×16 27, 2×12 21, larger tiles 15–18.
 * Unrolling the reduction only adds to that pressure (3×12 by 2: 23). KC 128–512, MC 60–240 and
 * NC 240–1200 came out within the machine's noise, but for KC 128 on W1's forward product (−35%).
 */
export function gemmDefaults(fma: boolean): GemmOptions {
  return fma ? { fma, mr: 3, nr: 12, unroll: 1, kc: 256, mc: 120, nc: 1200 } : { fma, mr: 4, nr: 8, unroll: 1, kc: 256, mc: 128, nc: 1024 };
}

const PAGE = 65536;
const up = (x: number, q: number) => Math.ceil(x / q) * q;
/** Blocks of at most `block` (a multiple of q) that cut `total` into near-equal parts: 784 → 4 × 196, not 3 × 256 + 16. */
const even = (total: number, block: number, q: number) => Math.min(block, up(Math.ceil(total / Math.ceil(total / block)), q));

type Pack = (dst: number, src: number, ld: number, kc: number, kcP: number, panels: number) => void;
type Blank = (dst: number, kc: number, e: number, r: number) => void;

/** Whether this runtime validates relaxed SIMD (Node 20 only with --experimental-wasm-relaxed-simd). */
export function relaxedSimd(): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly !== null && WebAssembly.validate(relaxedProbe());
  } catch {
    return false;
  }
}

/**
 * The kernels for one tile and blocking; null where the module does not validate (no SIMD, or
 * fma asked for where relaxed SIMD is missing). Defaults: gemmDefaults, fma where it validates.
 */
export function buildWasmKernels(options: Partial<GemmOptions> = {}): WasmKernels | null {
  if (typeof WebAssembly !== "object" || WebAssembly === null) return null;
  const o: GemmOptions = { ...gemmDefaults(options.fma ?? relaxedSimd()), ...options };
  const { mr, nr, unroll } = o;
  const KC = up(o.kc, unroll), MC = up(o.mc, mr), NC = up(o.nc, nr);
  const bytes = gemmModule(o);
  if (!WebAssembly.validate(bytes)) return null;
  const mem = new WebAssembly.Memory({ initial: 16 });
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } }).exports;
  const gemm = ex.gemm as (aP: number, bP: number, cP: number, ldc: number, mt: number, nt: number, kq: number) => void;
  const blank = ex.blank as Blank;
  const rows = ex.rows as (dst: number, src: number, ldd: number, lds: number, nrows: number, cols: number) => void;
  const copyA = ex[`copy${mr}`] as Pack, transA = ex[`trans${mr}`] as Pack;
  const copyB = ex[`copy${nr}`] as Pack, transB = ex[`trans${nr}`] as Pack;
  let heap = new Float32Array(mem.buffer);

  /** The memory as floats, at least `floats` long. */
  function reserve(floats: number): Float32Array {
    const need = floats * 4 - mem.buffer.byteLength;
    if (need > 0) mem.grow(Math.ceil(need / PAGE));
    if (heap.buffer !== mem.buffer || heap.length === 0) heap = new Float32Array(mem.buffer);
    return heap;
  }

  /**
   * Packs w rows or columns (panels of r) × kc reduction steps into dst (bytes), padded to kcP.
   * along: the source runs along the reduction (element (p, j) at src + j·ld + 4p), else across it
   * (at src + p·ld + 4j). Reads past w land on the zeros after the operand (along) or are blanked.
   */
  function pack(r: number, copy: Pack, trans: Pack, along: boolean, dst: number, src: number, ld: number, kc: number, kcP: number, w: number): void {
    (along ? trans : copy)(dst, src, ld, kc, kcP, Math.ceil(w / r));
    const full = Math.floor(w / r);
    if (!along && full * r < w) blank(dst + full * r * kcP * 4, kc, w - full * r, r);
  }

  /** c[m,n] += a·b; aT: a is [k,m] (else [m,k]); bT: b is [n,k] (else [k,n]). */
  function product(aT: boolean, bT: boolean, a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
    if (m === 0 || n === 0 || k === 0) return;
    const mP = up(m, mr), nP = up(n, nr);
    const kcMax = even(k, KC, unroll), mcMax = even(m, MC, mr), ncMax = even(n, NC, nr);
    // Float offsets: packed blocks first, then the operands, each followed by zeros that a
    // transposing pack of its last panel reads as padding (r rows of k) or a copy reads past its end.
    const aPack = 0, bPack = aPack + mcMax * kcMax, A = bPack + kcMax * ncMax;
    const aEnd = A + m * k, B = up(aEnd + mr * (aT ? 1 : k), 4);
    // c is copied in and out as it is (at Cin), and moved to and from its padded rows by wasm.
    const bEnd = B + k * n, C = up(bEnd + nr * (bT ? k : 1), 4), Cin = nP === n ? C : C + mP * nP;
    const h = reserve(Cin + m * n);
    h.set(a.subarray(ao, ao + m * k), A);
    h.fill(0, aEnd, B);
    h.set(b.subarray(bo, bo + k * n), B);
    h.fill(0, bEnd, C);
    h.set(c.subarray(co, co + m * n), Cin);
    if (Cin !== C) rows(C * 4, Cin * 4, nP * 4, n * 4, m, n);
    for (let jc = 0; jc < n; jc += ncMax) {
      const nc = Math.min(ncMax, n - jc);
      for (let pc = 0; pc < k; pc += kcMax) {
        const kc = Math.min(kcMax, k - pc), kcP = up(kc, unroll);
        if (bT) pack(nr, copyB, transB, true, bPack * 4, (B + jc * k + pc) * 4, k * 4, kc, kcP, nc);
        else pack(nr, copyB, transB, false, bPack * 4, (B + pc * n + jc) * 4, n * 4, kc, kcP, nc);
        for (let ic = 0; ic < m; ic += mcMax) {
          const mc = Math.min(mcMax, m - ic);
          if (aT) pack(mr, copyA, transA, false, aPack * 4, (A + pc * m + ic) * 4, m * 4, kc, kcP, mc);
          else pack(mr, copyA, transA, true, aPack * 4, (A + ic * k + pc) * 4, k * 4, kc, kcP, mc);
          gemm(aPack * 4, bPack * 4, (C + ic * nP + jc) * 4, nP * 4, Math.ceil(mc / mr), Math.ceil(nc / nr), kcP / unroll);
        }
      }
    }
    if (Cin !== C) rows(Cin * 4, C * 4, n * 4, nP * 4, m, n);
    c.set(h.subarray(Cin, Cin + m * n), co);
  }

  return {
    mmNN: (a, ao, b, bo, c, co, m, k, n) => product(false, false, a, ao, b, bo, c, co, m, k, n),
    mmNT: (a, ao, b, bo, c, co, m, k, n) => product(false, true, a, ao, b, bo, c, co, m, k, n),
    mmTN: (a, ao, b, bo, c, co, m, k, n) => product(true, false, a, ao, b, bo, c, co, m, k, n),
    options: o,
  };
}

let cached: WasmKernels | null | undefined;

/** The default WebAssembly SIMD kernels, compiled on first call; null where SIMD is unavailable. */
export function wasmKernels(): WasmKernels | null {
  if (cached === undefined) {
    try {
      cached = buildWasmKernels();
    } catch {
      cached = null;
    }
  }
  return cached;
}
