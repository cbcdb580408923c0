// The WebAssembly side of the float32 matrix product (GotoBLAS's scheme, as BLIS and
// OpenBLAS run it): operands are packed into panels, and one register-tiled micro-kernel
// walks them with constant offsets and pointer increments only.
//
//   A panels: MR rows of a, laid out [kcP][MR]; B panels: NR columns of b, laid out [kcP][NR].
//   Both are zero-padded to whole panels and to kcP (a multiple of the unroll), so the
//   micro-kernel never sees an edge. Padding only reaches padding rows and columns of c.
//
//   gemm(aP, bP, cP, ldc, mt, nt, kq): for each of nt B panels, for each of mt A panels,
//     c[MR × NR tile] += A panel · B panel. B's panel stays in L1 while A's panels stream past.
//   copy{R}(dst, src, ld, kc, kcP, panels): packs panels of R from a source whose R elements
//     of one reduction step are contiguous (element (p, j) at src + p·ld + 4j).
//   trans{R}(…): the same from a source along the reduction (element (p, j) at src + j·ld + 4p),
//     i.e. a transposing pack: a of mmNN and mmNT, b of mmNT. Where R is 3 or a multiple of 4
//     it moves four steps at a time, a vector from each row, through shuffles (a 4×4 transpose).
//   A last panel with e < R valid rows or columns is packed whole: trans reads the zeros that
//   follow the operand; copy reads on into the next row, and blank(dst, kc, e, R) then zeroes
//   the R − e padding lanes of each step.
//   rows(…) moves c between its rows as given and its rows padded to whole tiles.
//
// One description builds both modules: with f32x4.relaxed_madd (fused where the hardware has
// FMA) or with f32x4.mul and f32x4.add.

import { I, assemble, i32, inc, v128, type Bytes, type Func } from "./wasm-asm";

export interface Tile {
  /** Rows of c per micro-kernel call (broadcast elements of a). */
  mr: number;
  /** Columns of c per call, a multiple of 4 (f32x4 vectors of b). */
  nr: number;
  /** Steps of the reduction per trip of the inner loop; kcP is a multiple of it. */
  unroll: number;
  /** Multiply-add with f32x4.relaxed_madd instead of f32x4.mul and f32x4.add. */
  fma: boolean;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const cat = (...parts: Bytes[]): Bytes => parts.flat();

/** A function whose params and i32 locals are named; v128 locals follow them. */
function func(name: string, params: string[], locals: string[], vectors: number, body: (L: Record<string, number>, v: number) => Bytes[]): Func {
  const L: Record<string, number> = {};
  [...params, ...locals].forEach((n, i) => (L[n] = i));
  const v = params.length + locals.length;
  return {
    name,
    params: params.map(() => i32),
    locals: [[locals.length, i32], ...(vectors > 0 ? [[vectors, v128] as [number, number]] : [])],
    body: body(L, v),
  };
}

/** `local -= 1; continue the enclosing loop while it is not zero`. */
const countDown = (local: number): Bytes => cat(I.get(local), I.const(1), I.sub, I.tee(local), I.br_if(0));

/** Stores `count` zero floats from dst on, advancing dst; count may be 0. */
const zeros = (dst: number, count: number): Bytes =>
  cat(
    I.block, I.get(count), I.eqz, I.br_if(0),
    I.loop, I.get(dst), I.const(0), I.i32_store(0), inc(dst, 4), countDown(count), I.end,
    I.end,
  );

function gemm(t: Tile): Func {
  const nv = t.nr / 4;
  return func("gemm", ["aP", "bP", "cP", "ldc", "mt", "nt", "kq"], ["pa", "pb", "cp", "cr", "q", "i", "ldcMR", "bNext"], t.mr * nv + nv + 1, (L, v) => {
    const acc = (r: number, j: number) => v + r * nv + j, bv = (j: number) => v + t.mr * nv + j, x = v + t.mr * nv + nv;
    const madd = (r: number, j: number): Bytes =>
      t.fma
        ? cat(I.get(x), I.get(bv(j)), I.get(acc(r, j)), I.f32x4_relaxed_madd, I.set(acc(r, j)))
        : cat(I.get(acc(r, j)), I.get(x), I.get(bv(j)), I.f32x4_mul, I.f32x4_add, I.set(acc(r, j)));
    // One step of the reduction, u steps past pa and pb: NR/4 vectors of b, MR broadcasts of a.
    const step = (u: number): Bytes =>
      cat(
        ...range(nv).map((j) => cat(I.get(L.pb), I.v128_load((u * t.nr + 4 * j) * 4), I.set(bv(j)))),
        ...range(t.mr).map((r) => cat(I.get(L.pa), I.v128_load32_splat((u * t.mr + r) * 4), I.set(x), ...range(nv).map((j) => madd(r, j)))),
      );
    const flush = (r: number): Bytes =>
      cat(
        ...range(nv).map((j) => cat(I.get(L.cr), I.get(L.cr), I.v128_load(16 * j), I.get(acc(r, j)), I.f32x4_add, I.v128_store(16 * j))),
        r < t.mr - 1 ? inc(L.cr, { local: L.ldc }) : [],
      );
    return [
      I.get(L.ldc), I.const(t.mr), I.mul, I.set(L.ldcMR),
      I.get(L.kq), I.const(t.unroll * t.nr * 4), I.mul, I.set(L.bNext),
      I.loop, // over B panels
      I.get(L.aP), I.set(L.pa), I.get(L.cP), I.set(L.cp), I.get(L.mt), I.set(L.i),
      I.loop, // over A panels; pa runs on from one panel into the next
      ...range(t.mr * nv).map((k) => cat(I.v128_zero, I.set(v + k))),
      I.get(L.bP), I.set(L.pb), I.get(L.kq), I.set(L.q),
      I.loop, // over the reduction, unroll steps a trip
      ...range(t.unroll).map(step),
      inc(L.pa, t.unroll * t.mr * 4), inc(L.pb, t.unroll * t.nr * 4),
      countDown(L.q),
      I.end,
      I.get(L.cp), I.set(L.cr),
      ...range(t.mr).map(flush),
      inc(L.cp, { local: L.ldcMR }),
      countDown(L.i),
      I.end,
      inc(L.bP, { local: L.bNext }), inc(L.cP, t.nr * 4),
      countDown(L.nt),
      I.end,
    ];
  });
}

const PACK = ["dst", "src", "ld", "kc", "kcP", "panels"];

function copy(r: number): Func {
  return func(`copy${r}`, PACK, ["s", "p", "z"], 0, (L) => [
    I.loop, // over panels
    I.get(L.src), I.set(L.s), I.get(L.kc), I.set(L.p),
    I.loop, // over the reduction
    ...(r % 4 === 0
      ? range(r / 4).map((j) => cat(I.get(L.dst), I.get(L.s), I.v128_load(16 * j), I.v128_store(16 * j)))
      : range(r).map((j) => cat(I.get(L.dst), I.get(L.s), I.f32_load(4 * j), I.f32_store(4 * j)))),
    inc(L.s, { local: L.ld }), inc(L.dst, 4 * r),
    countDown(L.p),
    I.end,
    I.get(L.kcP), I.get(L.kc), I.sub, I.const(r), I.mul, I.set(L.z),
    zeros(L.dst, L.z),
    inc(L.src, 4 * r),
    countDown(L.panels),
    I.end,
  ]);
}

function trans(r: number): Func {
  const rows = range(r).map((k) => `o${k}`);
  const groups = r % 4 === 0 ? r / 4 : 0, vector = groups > 0 || r === 3;
  return func(`trans${r}`, PACK, ["s", "p", "z", "next", ...rows], vector ? 8 : 0, (L, v) => {
    const row = (k: number) => cat(I.get(L.s), I.get(L[`o${k}`]), I.add);
    // Four steps of four rows as a 4×4 transpose: load a vector of each row, shuffle twice.
    const lo = [0, 4, 1, 5], hi = [2, 6, 3, 7], first = [0, 1, 4, 5], second = [2, 3, 6, 7];
    const quad = (g: number): Bytes =>
      cat(
        ...range(4).map((i) => cat(row(4 * g + i), I.v128_load(0), I.set(v + i))),
        I.get(v), I.get(v + 1), I.f32x4_shuffle(lo), I.set(v + 4),
        I.get(v + 2), I.get(v + 3), I.f32x4_shuffle(lo), I.set(v + 5),
        I.get(v), I.get(v + 1), I.f32x4_shuffle(hi), I.set(v + 6),
        I.get(v + 2), I.get(v + 3), I.f32x4_shuffle(hi), I.set(v + 7),
        ...[[4, first], [4, second], [6, first], [6, second]].map(([t, lanes], q) =>
          cat(I.get(L.dst), I.get(v + (t as number)), I.get(v + (t as number) + 1), I.f32x4_shuffle(lanes as number[]), I.v128_store((q * r + 4 * g) * 4)),
        ),
      );
    // Three rows (the fused module's MR): four steps are 12 floats, three vectors of two shuffles each.
    const triple = (): Bytes =>
      cat(
        ...range(3).map((i) => cat(row(i), I.v128_load(0), I.set(v + i))),
        ...[[0, 1, [0, 4, 1, 5], 2, [0, 1, 4, 2]], [1, 2, [1, 5, 2, 6], 0, [0, 1, 6, 2]], [0, 1, [3, 7, 2, 6], 2, [6, 0, 1, 7]]].map(([x, y, l1, z, l2], q) =>
          cat(I.get(L.dst), I.get(v + (x as number)), I.get(v + (y as number)), I.f32x4_shuffle(l1 as number[]), I.get(v + (z as number)), I.f32x4_shuffle(l2 as number[]), I.v128_store(16 * q)),
        ),
      );
    const fours: Bytes[] = !vector ? [] : [
      I.get(L.kc), I.const(2), I.shr_u, I.set(L.p),
      I.block, I.get(L.p), I.eqz, I.br_if(0),
      I.loop, // over the reduction, four steps at a time
      ...(groups > 0 ? range(groups).map(quad) : [triple()]),
      inc(L.s, 16), inc(L.dst, 16 * r),
      countDown(L.p),
      I.end,
      I.end,
    ];
    return [
      ...range(r).map((k) => cat(I.get(L.ld), I.const(k), I.mul, I.set(L[`o${k}`]))),
      I.get(L.ld), I.const(r), I.mul, I.set(L.next),
      I.loop, // over panels
      I.get(L.src), I.set(L.s),
      ...fours,
      !vector ? cat(I.get(L.kc), I.set(L.p)) : cat(I.get(L.kc), I.const(3), I.and, I.set(L.p)),
      I.block, I.get(L.p), I.eqz, I.br_if(0),
      I.loop, // over the (remaining) reduction: one element from each of r rows
      ...range(r).map((k) => cat(I.get(L.dst), row(k), I.f32_load(0), I.f32_store(4 * k))),
      inc(L.s, 4), inc(L.dst, 4 * r),
      countDown(L.p),
      I.end,
      I.end,
      I.get(L.kcP), I.get(L.kc), I.sub, I.const(r), I.mul, I.set(L.z),
      zeros(L.dst, L.z),
      inc(L.src, { local: L.next }),
      countDown(L.panels),
      I.end,
    ];
  });
}

const blank: Func = func("blank", ["dst", "kc", "e", "r"], ["p", "j"], 0, (L) => [
  I.get(L.dst), I.get(L.e), I.const(2), I.shl, I.add, I.set(L.dst),
  I.get(L.kc), I.set(L.p),
  I.loop, // over the reduction: zero r − e floats, then skip e
  I.get(L.r), I.get(L.e), I.sub, I.set(L.j),
  zeros(L.dst, L.j),
  I.get(L.dst), I.get(L.e), I.const(2), I.shl, I.add, I.set(L.dst),
  countDown(L.p),
  I.end,
]);

/** Copies `n` (may be 0) bytes' worth of `step`-byte units from s to d with `mover`, advancing both. */
const move = (d: number, s: number, n: number, step: number, mover: Bytes): Bytes =>
  cat(
    I.block, I.get(n), I.eqz, I.br_if(0),
    I.loop, mover, inc(d, step), inc(s, step), countDown(n), I.end,
    I.end,
  );

/** rows(dst, src, ldd, lds, nrows, cols): nrows rows of cols floats between row strides (bytes): c in and out of its padded rows. */
const rows: Func = func("rows", ["dst", "src", "ldd", "lds", "nrows", "cols"], ["d", "s", "q"], 0, (L) => [
  I.loop,
  I.get(L.dst), I.set(L.d), I.get(L.src), I.set(L.s),
  I.get(L.cols), I.const(2), I.shr_u, I.set(L.q),
  move(L.d, L.s, L.q, 16, cat(I.get(L.d), I.get(L.s), I.v128_load(0), I.v128_store(0))),
  I.get(L.cols), I.const(3), I.and, I.set(L.q),
  move(L.d, L.s, L.q, 4, cat(I.get(L.d), I.get(L.s), I.f32_load(0), I.f32_store(0))),
  inc(L.dst, { local: L.ldd }), inc(L.src, { local: L.lds }),
  countDown(L.nrows),
  I.end,
]);

/**
 * axpy(y, x, q, alphaAt): y += α·x over q vectors of four floats, α the float at alphaAt (bytes), a
 * multiply and an add each rounded to float32 (not fused: the same on every machine, and the same
 * as the JavaScript twin in axpy.ts, to the bit).
 */
const axpy: Func = func("axpy", ["y", "x", "q", "alphaAt"], [], 1, (L, v) => [
  I.get(L.alphaAt), I.v128_load32_splat(0), I.set(v),
  I.block, I.get(L.q), I.eqz, I.br_if(0),
  I.loop,
  I.get(L.y), I.get(L.y), I.v128_load(0), I.get(v), I.get(L.x), I.v128_load(0), I.f32x4_mul, I.f32x4_add, I.v128_store(0),
  inc(L.y, 16), inc(L.x, 16),
  countDown(L.q),
  I.end,
  I.end,
]);

/**
 * relu(dst, src, q): dst = max(src, 0) over q vectors of four floats. WebAssembly's max gives +0 for −0 and NaN
 * for NaN, as ReLU's JavaScript loop (activation.ts) does: the same floats.
 */
const relu: Func = func("relu", ["dst", "src", "q"], [], 1, (L, zero) => [
  I.v128_zero, I.set(zero),
  I.block, I.get(L.q), I.eqz, I.br_if(0),
  I.loop,
  I.get(L.dst), I.get(L.src), I.v128_load(0), I.get(zero), I.f32x4_max, I.v128_store(0),
  inc(L.dst, 16), inc(L.src, 16),
  countDown(L.q),
  I.end,
  I.end,
]);

/**
 * reluGrad(dst, g, x, q): dst = g where x > 0 or x is NaN, else +0, over q vectors of four floats: g's bits with
 * the mask x ≤ 0 taken off, as ReLU's JavaScript backward does it.
 */
const reluGrad: Func = func("reluGrad", ["dst", "g", "x", "q"], [], 1, (L, zero) => [
  I.v128_zero, I.set(zero),
  I.block, I.get(L.q), I.eqz, I.br_if(0),
  I.loop,
  I.get(L.dst), I.get(L.g), I.v128_load(0), I.get(L.x), I.v128_load(0), I.get(zero), I.f32x4_le, I.v128_andnot, I.v128_store(0),
  inc(L.dst, 16), inc(L.g, 16), inc(L.x, 16),
  countDown(L.q),
  I.end,
  I.end,
]);

/** Adam's scalars, float64 each, in this order at adam's `scalarsAt`. */
export const ADAM_SCALARS = ["beta1", "oneMinusBeta1", "beta2", "oneMinusBeta2", "biasCorrection2Sqrt", "eps", "stepSize", "weightDecay", "decay"] as const;
/** Adam's flags: decoupled (AdamW: w ← w·decay, else g ← g + λw), maximize (g ← −g). */
export const ADAM_FLAGS = { decoupled: 1, maximize: 2 } as const;

/**
 * adam(w, g, m, v, q, scalarsAt, flags): one Adam step over q pairs of float32 weights, computed in
 * float64 two at a time and rounded to float32 where a value is stored (w after AdamW's decay, m, v, w),
 * exactly as the JavaScript loop of adamStep.ts does it:
 *   g ← −g (maximize);  w ← w·decay (AdamW) or g ← g + λ·w;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g·g;
 *   w ← w − step·(m / (√v / c₂ + ε)).
 */
const adam: Func = func("adam", ["w", "g", "m", "v", "q", "at", "flags"], [], 13, (L, x) => {
  const S = (name: (typeof ADAM_SCALARS)[number]) => I.get(x + ADAM_SCALARS.indexOf(name));
  const gv = x + 9, wv = x + 10, mv = x + 11, vv = x + 12;
  const when = (flag: number, yes: boolean, body: Bytes[]): Bytes => cat(I.block, I.get(L.flags), I.const(flag), I.and, ...(yes ? [I.eqz] : []), I.br_if(0), ...body, I.end);
  const pair = (ptr: number) => cat(I.get(ptr), I.v128_load64_zero(0), I.f64x2_promote_low_f32x4);
  /** Rounds the float64 pair on the stack to float32, stores it at ptr and leaves it (as float64) in `local`. */
  const keep = (ptr: number, local: number) => cat(I.f32x4_demote_f64x2_zero, I.set(local), I.get(ptr), I.get(local), I.v128_store64_lane0(0), I.get(local), I.f64x2_promote_low_f32x4, I.set(local));
  return [
    ...ADAM_SCALARS.map((_, i) => cat(I.get(L.at), I.v128_load64_splat(8 * i), I.set(x + i))),
    I.block, I.get(L.q), I.eqz, I.br_if(0),
    I.loop,
    pair(L.g), I.set(gv),
    when(ADAM_FLAGS.maximize, true, [I.get(gv), I.f64x2_neg, I.set(gv)]),
    pair(L.w), I.set(wv),
    when(ADAM_FLAGS.decoupled, true, [I.get(wv), S("decay"), I.f64x2_mul, keep(L.w, wv)]),
    when(ADAM_FLAGS.decoupled, false, [I.get(gv), S("weightDecay"), I.get(wv), I.f64x2_mul, I.f64x2_add, I.set(gv)]),
    S("beta1"), pair(L.m), I.f64x2_mul, S("oneMinusBeta1"), I.get(gv), I.f64x2_mul, I.f64x2_add, keep(L.m, mv),
    S("beta2"), pair(L.v), I.f64x2_mul, S("oneMinusBeta2"), I.get(gv), I.f64x2_mul, I.get(gv), I.f64x2_mul, I.f64x2_add, keep(L.v, vv),
    I.get(wv), S("stepSize"), I.get(mv), I.get(vv), I.f64x2_sqrt, S("biasCorrection2Sqrt"), I.f64x2_div, S("eps"), I.f64x2_add,
    I.f64x2_div, I.f64x2_mul, I.f64x2_sub, keep(L.w, wv),
    inc(L.w, 8), inc(L.g, 8), inc(L.m, 8), inc(L.v, 8),
    countDown(L.q),
    I.end,
    I.end,
  ];
});

/** The module for one tile: gemm, copy/trans for MR and NR, blank, rows, axpy, adam, relu, reluGrad; over a memory threads share, if `shared`. */
export function gemmModule(t: Tile, shared = false): Uint8Array {
  const widths = [...new Set([t.mr, t.nr])];
  return assemble([gemm(t), ...widths.flatMap((r) => [copy(r), trans(r)]), blank, rows, axpy, adam, relu, reluGrad], { shared });
}

/** A module using f32x4.relaxed_madd, to ask the runtime whether it validates. */
export const relaxedProbe = (): Uint8Array =>
  assemble([func("probe", [], [], 1, (_, v) => [I.v128_zero, I.v128_zero, I.v128_zero, I.f32x4_relaxed_madd, I.set(v)])]);
