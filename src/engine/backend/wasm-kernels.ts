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

import { MAX_PAGES } from "./wasm-asm";
import { gemmModule, relaxedProbe, type Tile } from "./wasm-gemm";
import { CHUNKS_PER_THREAD, CHUNK_MIN_SPAN, CHUNK_MIN_WORK, COMMAND_WORDS, CONTROL_BYTES, HEADER, Helper, SLOT, THREAD_MIN_WORK, matmulThreadConfig, onMatmulThreadsChange, runChunks, type ThreadStart } from "./wasm-threads";

// Minimal ambient types for the WebAssembly JavaScript API (not part of the ES2022 lib).
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly:
  | {
      validate(bytes: Uint8Array): boolean;
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
      Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
    }
  | undefined;

type Kernel = (a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number) => void;

export interface WasmKernels {
  mmNN: Kernel;
  mmNT: Kernel;
  mmTN: Kernel;
  /** y += α·x in float32 (each product and sum rounded to float32), x and y of one length. */
  axpy(y: Float32Array, x: Float32Array, alpha: number): void;
  /** One Adam step over w with gradient g and moments m, v, all of one length (backend/adamStep.ts); scalars in ADAM_SCALARS' order. */
  adam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, scalars: readonly number[], flags: number): void;
  /** out = ReLU(x) (max(x, 0); −0 → +0, NaN stays NaN), x and out of one length. */
  relu(x: Float32Array, out: Float32Array): void;
  /** out = g where x > 0 or x is NaN, else +0: ReLU's backward; x, g and out of one length. */
  reluGrad(x: Float32Array, g: Float32Array, out: Float32Array): void;
  /** What was built: tile, block sizes, and whether the multiply-add is relaxed SIMD's. */
  options: GemmOptions;
  /** Threads that large products use now: this one and the helpers that are ready. */
  threads(): number;
  /** Ends the helper threads. */
  end(): void;
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
/** Elementwise kernels (ReLU) work through their arrays this many values at a time: 256 KB an operand. */
export const ELEMENTWISE_CHUNK = 65536;
/** Values at..at + n of x, without a view where that is all of x. */
const part = (x: Float32Array, at: number, n: number): Float32Array => (n === x.length ? x : x.subarray(at, at + n));
const up = (x: number, q: number) => Math.ceil(x / q) * q;
/** Blocks of at most `block` (a multiple of q) that cut `total` into near-equal parts: 784 → 4 × 196, not 3 × 256 + 16. */
const even = (total: number, block: number, q: number) => Math.min(block, up(Math.ceil(total / Math.ceil(total / block)), q));


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
 * With `threads` > 1 (and `start`), the memory is shared and large products are cut into chunks
 * that this thread and the helpers that have said they are ready share out (wasm-threads.ts).
 */
export function buildWasmKernels(options: Partial<GemmOptions> = {}, threads = 1, start?: ThreadStart): WasmKernels | null {
  if (typeof WebAssembly !== "object" || WebAssembly === null) return null;
  const o: GemmOptions = { ...gemmDefaults(options.fma ?? relaxedSimd()), ...options };
  const { mr, nr, unroll } = o;
  const KC = up(o.kc, unroll), MC = up(o.mc, mr), NC = up(o.nc, nr);
  // Products run in a memory of this thread's; with helpers, those cut into chunks run in a second
  // memory that the helpers share (copies into a shared buffer are slower, so it is used only then).
  const made = space(gemmModule(o, false), new WebAssembly.Memory({ initial: 16 }), 0, NAMES(mr, nr));
  if (!made) return null;
  const local: Space = made;
  const GEMM = 0, COPY_A = 1, TRANS_A = 2, COPY_B = 3, TRANS_B = 4, BLANK = 5;
  const helpers: Helper[] = [];
  const threaded = threads > 1 && start !== undefined && sharedMemory() ? sharedSpace() : null;

  function sharedSpace(): Space | null {
    const bytes = gemmModule(o, true), mem = new WebAssembly!.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
    const sp = space(bytes, mem, CONTROL_BYTES / 4, NAMES(mr, nr));
    if (!sp) return null;
    for (let i = 0; i < threads - 1; i++) {
      const control = (i + 1) * SLOT.words * 4;
      helpers.push(new Helper(mem.buffer, control));
      start!({ memory: mem, module: bytes, names: NAMES(mr, nr), control, header: 0, layout: SLOT, headerLayout: HEADER });
    }
    return sp;
  }

  /** c[m,n] += a·b; aT: a is [k,m] (else [m,k]); bT: b is [n,k] (else [k,n]). */
  function product(aT: boolean, bT: boolean, a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
    if (m === 0 || n === 0 || k === 0) return;
    const mP = up(m, mr), nP = up(n, nr);
    const kcMax = even(k, KC, unroll);
    // The chunks: whole tiles of the rows or of the columns, whichever is longer (the other operand,
    // smaller, is then the one every chunk reads whole); one, unless helpers are ready.
    const ready = threaded !== null && m * k * n >= THREAD_MIN_WORK ? helpers.filter((h) => h.ready) : [];
    const alongN = n >= m, tiles = alongN ? nP / nr : mP / mr, threads = ready.length + 1;
    const count = threads === 1 ? 1 : Math.min(tiles, Math.max(1, Math.floor((alongN ? n : m) / CHUNK_MIN_SPAN)), Math.max(threads, Math.min(CHUNKS_PER_THREAD * threads, Math.floor((m * k * n) / CHUNK_MIN_WORK))));
    const sp: Space = count > 1 ? threaded! : local, call = sp.call;
    const tile = alongN ? nr : mr, parts: Part[] = [];
    for (let p = 0; p < count; p++) {
      const lo = partStart(tiles, count, p, tile), hi = Math.min(partStart(tiles, count, p + 1, tile), alongN ? n : m);
      const [i0, i1, j0, j1] = alongN ? [0, m, lo, hi] : [lo, hi, 0, n];
      parts.push({ i0, i1, j0, j1, mc: even(i1 - i0, MC, mr), nc: even(j1 - j0, NC, nr), aPack: 0, bPack: 0 });
    }
    // Over threads, the operand that every chunk would pack for itself (a when cut along the columns,
    // b along the rows) is packed once, all of it, in a first round that the threads share out; the
    // chunks then multiply out of it (see sharedA, sharedB).
    const shared = count > 1, ownA = !(shared && alongN), ownB = !(shared && !alongN);
    // Float offsets: the shared operand packed, each chunk's packing buffers, then the operands, each
    // followed by zeros that a transposing pack of its last panel reads as padding (r rows of k) or a
    // copy reads past its end.
    const S = sp.base;
    let at = shared ? S + (alongN ? mP : nP) * up(k, unroll) : S;
    for (const part of parts) {
      if (ownA) (part.aPack = at), (at += part.mc * kcMax);
      if (ownB) (part.bPack = at), (at += kcMax * part.nc);
    }
    const A = at, aEnd = A + m * k, B = up(aEnd + mr * (aT ? 1 : k), 4);
    // c is copied in and out as it is (at Cin), and moved to and from its padded rows by wasm.
    const bEnd = B + k * n, C = up(bEnd + nr * (bT ? k : 1), 4), Cin = nP === n ? C : C + mP * nP;
    const g: Geometry = { aT, bT, m, k, n, mP, nP, kcMax, A, B, C, S, mc: parts[0].mc, nc: parts[0].nc, ownA, ownB };
    // c's padded rows (mP × nP) are written by the kernel even where c needs no padded copy (nP = n, mP > m).
    const table = up(Math.max(C + mP * nP, Cin + m * n), 4);
    if (!shared) {
      const h = sp.reserve(table);
      copyIn(sp, h, g, a, ao, b, bo, c, co, Cin);
      drive(g, parts[0], call);
      copyOut(sp, h, g, c, co, Cin);
      return;
    }
    // Over threads, the commands of each chunk (of the packing round, then of the products) are
    // recorded first, and written after the operands with their tables ([byte offset, count] a chunk).
    const blocks: number[][] = [];
    const into = (list: number[]): Emit => (op, x1, x2, x3, x4, x5, x6, x7) => void list.push(op, x1, x2, x3, x4, x5, x6, x7);
    if (alongN) {
      for (let pc = 0; pc < k; pc += kcMax) for (let ic = 0; ic < m; ic += g.mc) packA(into(blocks[blocks.push([]) - 1]), g, sharedA(g, pc, ic), pc, ic, Math.min(g.mc, m - ic));
    } else {
      for (let jc = 0; jc < n; jc += g.nc) for (let pc = 0; pc < k; pc += kcMax) packB(into(blocks[blocks.push([]) - 1]), g, sharedB(g, jc, pc), pc, jc, Math.min(g.nc, n - jc));
    }
    const packing: number[][] = [], rounds = Math.min(blocks.length, 2 * threads);
    for (let r = 0; r < rounds; r++) packing.push(blocks.slice(Math.round((blocks.length * r) / rounds), Math.round((blocks.length * (r + 1)) / rounds)).flat());
    const lists = parts.map((part) => {
      const list: number[] = [];
      drive(g, part, into(list));
      return list;
    });
    const size = (all: number[][]) => 2 * all.length + all.reduce((sum, list) => sum + list.length, 0);
    const h = sp.reserve(table + size(packing) + size(lists));
    copyIn(sp, h, g, a, ao, b, bo, c, co, Cin);
    const words = new Int32Array(h.buffer), second = writeTable(words, packing, table);
    writeTable(words, lists, second);
    runChunks(h.buffer, table * 4, packing.length, ready, (chunk) => runCommands(call, packing[chunk]));
    runChunks(h.buffer, second * 4, count, ready, (chunk) => runCommands(call, lists[chunk]));
    copyOut(sp, h, g, c, co, Cin);
  }

  /** The operands into the memory h (of sp), c into its padded rows. */
  function copyIn(sp: Space, h: Float32Array, g: Geometry, a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, Cin: number): void {
    const { m, k, n, A, B, C } = g;
    h.set(a.subarray(ao, ao + m * k), A);
    h.fill(0, A + m * k, B);
    h.set(b.subarray(bo, bo + k * n), B);
    h.fill(0, B + k * n, C);
    h.set(c.subarray(co, co + m * n), Cin);
    if (Cin !== C) sp.rows(C * 4, Cin * 4, g.nP * 4, n * 4, m, n);
  }

  /** c out of its padded rows in the memory h (of sp). */
  function copyOut(sp: Space, h: Float32Array, g: Geometry, c: Float32Array, co: number, Cin: number): void {
    const { m, n, C } = g;
    if (Cin !== C) sp.rows(Cin * 4, C * 4, n * 4, g.nP * 4, m, n);
    c.set(h.subarray(Cin, Cin + m * n), co);
  }

  /** Packs a's block of rows ic.. (mc of them) × reduction steps pc.. into dst. */
  function packA(emit: Emit, g: Geometry, dst: number, pc: number, ic: number, mc: number): void {
    const kc = Math.min(g.kcMax, g.k - pc), kcP = up(kc, unroll);
    if (g.aT) pack(emit, mr, COPY_A, TRANS_A, false, dst * 4, (g.A + pc * g.m + ic) * 4, g.m * 4, kc, kcP, mc);
    else pack(emit, mr, COPY_A, TRANS_A, true, dst * 4, (g.A + ic * g.k + pc) * 4, g.k * 4, kc, kcP, mc);
  }

  /** Packs b's block of reduction steps pc.. × columns jc.. (nc of them) into dst. */
  function packB(emit: Emit, g: Geometry, dst: number, pc: number, jc: number, nc: number): void {
    const kc = Math.min(g.kcMax, g.k - pc), kcP = up(kc, unroll);
    if (g.bT) pack(emit, nr, COPY_B, TRANS_B, true, dst * 4, (g.B + jc * g.k + pc) * 4, g.k * 4, kc, kcP, nc);
    else pack(emit, nr, COPY_B, TRANS_B, false, dst * 4, (g.B + pc * g.n + jc) * 4, g.n * 4, kc, kcP, nc);
  }

  /**
   * Where block (pc, ic) of a, packed whole, starts: the blocks of one pc take mP rows, those before
   * kcMax steps each (a whole number of `unroll`s).
   */
  function sharedA(g: Geometry, pc: number, ic: number): number {
    return g.S + pc * g.mP + ic * up(Math.min(g.kcMax, g.k - pc), unroll);
  }

  /** Where block (jc, pc) of b, packed whole, starts: each jc's blocks take its columns (nc, whole tiles but the last) × all of k. */
  function sharedB(g: Geometry, jc: number, pc: number): number {
    return g.S + jc * up(g.k, unroll) + pc * up(Math.min(g.nc, g.n - jc), nr);
  }

  /** One part's blocks, as GotoBLAS loops them, out of the shared operand where there is one. */
  function drive(g: Geometry, part: Part, emit: Emit): void {
    const { i0, i1, j0, j1 } = part, { k, kcMax, ownA, ownB } = g;
    for (let jc = j0; jc < j1; jc += part.nc) {
      const nc = Math.min(part.nc, j1 - jc);
      for (let pc = 0; pc < k; pc += kcMax) {
        const kcP = up(Math.min(kcMax, k - pc), unroll);
        const bPack = ownB ? part.bPack : sharedB(g, jc, pc);
        if (ownB) packB(emit, g, bPack, pc, jc, nc);
        for (let ic = i0; ic < i1; ic += part.mc) {
          const mc = Math.min(part.mc, i1 - ic);
          const aPack = ownA ? part.aPack : sharedA(g, pc, ic);
          if (ownA) packA(emit, g, aPack, pc, ic, mc);
          emit(GEMM, aPack * 4, bPack * 4, (g.C + ic * g.nP + jc) * 4, g.nP * 4, Math.ceil(mc / mr), Math.ceil(nc / nr), kcP / unroll);
        }
      }
    }
  }

  /**
   * Packs w rows or columns (panels of r) × kc reduction steps into dst (bytes), padded to kcP.
   * along: the source runs along the reduction (element (p, j) at src + j·ld + 4p), else across it
   * (at src + p·ld + 4j). Reads past w land on the zeros after the operand (along) or are blanked.
   */
  function pack(emit: Emit, r: number, copy: number, trans: number, along: boolean, dst: number, src: number, ld: number, kc: number, kcP: number, w: number): void {
    emit(along ? trans : copy, dst, src, ld, kc, kcP, Math.ceil(w / r), 0);
    const full = Math.floor(w / r);
    if (!along && full * r < w) emit(BLANK, dst + full * r * kcP * 4, kc, w - full * r, r, 0, 0, 0);
  }

  /** y += α·x: y and x copied in after the float α, y copied back. */
  function axpy(y: Float32Array, x: Float32Array, alpha: number): void {
    const n = y.length, Y = 4, X = Y + up(n, 4);
    const h = local.reserve(X + up(n, 4));
    h[0] = alpha;
    h.set(y, Y);
    h.set(x, X);
    local.axpy(Y * 4, X * 4, Math.ceil(n / 4), 0);
    y.set(h.subarray(Y, Y + n));
  }

  /** One Adam step: the scalars (float64), then w, g, m and v copied in; w, m and v copied back. */
  function adam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, scalars: readonly number[], flags: number): void {
    const n = w.length, span = up(n, 4), W = up(2 * scalars.length, 4), G = W + span, M = G + span, V = M + span;
    const h = local.reserve(V + span);
    new Float64Array(h.buffer, 0, scalars.length).set(scalars);
    h.set(w, W);
    h.set(g, G);
    h.set(m, M);
    h.set(v, V);
    local.adam(W * 4, G * 4, M * 4, V * 4, Math.ceil(n / 2), 0, flags);
    w.set(h.subarray(W, W + n));
    m.set(h.subarray(M, M + n));
    v.set(h.subarray(V, V + n));
  }

  /**
   * ReLU: x copied in and out copied back, at most ELEMENTWISE_CHUNK values at a time, so that a huge tensor does
   * not grow the module's memory (which is never given back) by three times its size; the padding of the last
   * vector is never read back.
   */
  function relu(x: Float32Array, out: Float32Array): void {
    const c = Math.min(ELEMENTWISE_CHUNK, up(x.length, 4)), OUT = c, h = local.reserve(2 * c);
    for (let at = 0; at < x.length; at += c) {
      const n = Math.min(c, x.length - at);
      h.set(part(x, at, n), 0);
      local.relu(OUT * 4, 0, Math.ceil(n / 4));
      out.set(h.subarray(OUT, OUT + n), at);
    }
  }

  /** ReLU's backward: x and g copied in and out copied back, a chunk at a time as relu. */
  function reluGrad(x: Float32Array, g: Float32Array, out: Float32Array): void {
    const c = Math.min(ELEMENTWISE_CHUNK, up(x.length, 4)), G = c, OUT = 2 * c, h = local.reserve(3 * c);
    for (let at = 0; at < x.length; at += c) {
      const n = Math.min(c, x.length - at);
      h.set(part(x, at, n), 0);
      h.set(part(g, at, n), G);
      local.reluGrad(OUT * 4, G * 4, 0, Math.ceil(n / 4));
      out.set(h.subarray(OUT, OUT + n), at);
    }
  }

  return {
    mmNN: (a, ao, b, bo, c, co, m, k, n) => product(false, false, a, ao, b, bo, c, co, m, k, n),
    mmNT: (a, ao, b, bo, c, co, m, k, n) => product(false, true, a, ao, b, bo, c, co, m, k, n),
    mmTN: (a, ao, b, bo, c, co, m, k, n) => product(true, false, a, ao, b, bo, c, co, m, k, n),
    axpy,
    adam,
    relu,
    reluGrad,
    options: o,
    threads: () => (threaded === null ? 1 : 1 + helpers.filter((h) => h.ready).length),
    end: () => helpers.forEach((h) => h.end()),
  };
}

/** Calls a function of the module (by its index in `names`) with seven i32 arguments, or records the call. */
type Emit = (op: number, a: number, b: number, c: number, d: number, e: number, f: number, g: number) => void;

/** Rows i0..i1 and columns j0..j1 of c, blocked by mc and nc, with the part's own packing buffers (floats). */
interface Part {
  i0: number;
  i1: number;
  j0: number;
  j1: number;
  mc: number;
  nc: number;
  aPack: number;
  bPack: number;
}

/** One product's shape and where its operands, c and the shared packed operand are in the memory (floats). */
interface Geometry {
  aT: boolean;
  bT: boolean;
  m: number;
  k: number;
  n: number;
  mP: number;
  nP: number;
  kcMax: number;
  A: number;
  B: number;
  C: number;
  S: number;
  /** The blocking of rows and columns, the same in every part along the dimension it does not cut. */
  mc: number;
  nc: number;
  /** Whether each part packs a (b) for itself; else a (b) is packed whole, once, at S. */
  ownA: boolean;
  ownB: boolean;
}

/**
 * Where part p of `count` starts, in rows or columns: at the start of its share of the tiles. A function of
 * the module's, not a closure of each product: the bundle keeps names, which costs each closure made a
 * defineProperty.
 */
function partStart(tiles: number, count: number, p: number, tile: number): number {
  return Math.round((tiles * p) / count) * tile;
}

/** Writes each list's commands after a table of [byte offset, count] at word `at`; returns the word after the last. */
function writeTable(words: Int32Array, lists: number[][], at: number): number {
  let next = at + 2 * lists.length;
  lists.forEach((list, i) => {
    words[at + 2 * i] = next * 4;
    words[at + 2 * i + 1] = list.length / COMMAND_WORDS;
    words.set(list, next);
    next += list.length;
  });
  return next;
}

/** Runs a list of recorded commands. */
function runCommands(call: Emit, list: number[]): void {
  for (let q = 0; q < list.length; q += COMMAND_WORDS) call(list[q], list[q + 1], list[q + 2], list[q + 3], list[q + 4], list[q + 5], list[q + 6], list[q + 7]);
}

/** Commands name these by index: gemm, A's copy and transposing packs, B's, blank. */
const NAMES = (mr: number, nr: number) => ["gemm", `copy${mr}`, `trans${mr}`, `copy${nr}`, `trans${nr}`, "blank"];

/** One instance of the module over its memory, from float `base` on. */
interface Space {
  base: number;
  /** The memory as floats, at least `floats` long. */
  reserve(floats: number): Float32Array;
  /** Runs a function of the module (by its index in NAMES) now. */
  call: Emit;
  rows(dst: number, src: number, ldd: number, lds: number, nrows: number, cols: number): void;
  axpy(y: number, x: number, q: number, alphaAt: number): void;
  adam(w: number, g: number, m: number, v: number, q: number, scalarsAt: number, flags: number): void;
  relu(dst: number, src: number, q: number): void;
  reluGrad(dst: number, g: number, x: number, q: number): void;
}

/** The module `bytes` instantiated over `mem`, its functions `names` by index; null where it does not validate. */
function space(bytes: Uint8Array, mem: WasmMemory, base: number, names: string[]): Space | null {
  if (!WebAssembly!.validate(bytes)) return null;
  const ex = new WebAssembly!.Instance(new WebAssembly!.Module(bytes), { env: { mem } }).exports;
  const fns = names.map((name) => ex[name] as (...args: number[]) => void);
  let heap = new Float32Array(mem.buffer);
  return {
    base,
    reserve(floats) {
      const need = floats * 4 - mem.buffer.byteLength;
      if (need > 0) mem.grow(Math.ceil(need / PAGE));
      if (heap.length * 4 !== mem.buffer.byteLength) heap = new Float32Array(mem.buffer);
      return heap;
    },
    call: (op, a, b, c, d, e, f, g) => fns[op](a, b, c, d, e, f, g),
    rows: ex.rows as Space["rows"],
    axpy: ex.axpy as Space["axpy"],
    adam: ex.adam as Space["adam"],
    relu: ex.relu as Space["relu"],
    reluGrad: ex.reluGrad as Space["reluGrad"],
  };
}

/** Whether this runtime has memories that threads can share. */
function sharedMemory(): boolean {
  try {
    return typeof SharedArrayBuffer === "function" && typeof Atomics === "object" && new WebAssembly!.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

let cached: WasmKernels | null | undefined;

/** The default WebAssembly SIMD kernels, with the threads of setMatmulThreads; compiled on first call; null where SIMD is unavailable. */
export function wasmKernels(): WasmKernels | null {
  if (cached === undefined) {
    const { threads, start } = matmulThreadConfig();
    try {
      cached = buildWasmKernels({}, threads, start);
    } catch {
      cached = null;
    }
  }
  return cached;
}

// New threads: the next product builds kernels (and helpers) anew; the old helpers end.
onMatmulThreadsChange(() => {
  cached?.end();
  cached = undefined;
});
