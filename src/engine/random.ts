/**
 * A small seeded generator: mulberry32 for uniforms, Box–Muller for normals.
 * Not PyTorch's Mersenne Twister, so numbers differ from torch for the same seed.
 */
export class Generator {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    // Mix the seed so that nearby seeds (0, 1, 2) give unrelated streams.
    let s = Math.floor(Math.abs(seed)) % 4294967296;
    s = Math.imul(s ^ (s >>> 16), 0x45d9f3b) >>> 0;
    this.state = (s ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1), with 24 random bits so it stays below 1 in float32. */
  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 8) / 16777216;
  }

  /** Standard normal N(0, 1). */
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log(0) never happens
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
}

const DEFAULT_SEED = 67280421310721 % 4294967296; // fixed like torch's default: a fresh kernel is reproducible
let globalGenerator = new Generator(DEFAULT_SEED);

/** The generator used when no `seed` is given (layer init, dropout, `rand`, `randn`). */
export function defaultGenerator(): Generator {
  return globalGenerator;
}

/**
 * Re-seed the global random generator, like `torch.manual_seed`.
 * Everything random that is not given its own `seed` (layer initialisation, dropout,
 * `rand`, `randn`) then repeats exactly from this point.
 * @example manualSeed(42); const w = randn([2, 3]);
 */
export function manualSeed(seed: number): void {
  globalGenerator = new Generator(seed);
}

/**
 * Make `g` the global generator and return the one it replaces, so a caller can put that back:
 * `train` runs its dropout on a generator of its own seed this way.
 */
export function swapDefaultGenerator(g: Generator): Generator {
  const previous = globalGenerator;
  globalGenerator = g;
  return previous;
}

/** A generator for one call: its own when `seed` is given, else the global one. */
export function generatorFor(seed?: number): Generator {
  return seed === undefined ? globalGenerator : new Generator(seed);
}
