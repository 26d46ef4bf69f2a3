import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

/** Draws dropped after seeding (see `fromSeed`). */
const WARM_UP_DRAWS = 8;

/**
 * The one random generator of a match. Every draw in the simulation goes through it, in a fixed
 * order, so a seed plus the ordered commands reproduce a match exactly. Its state is plain numbers
 * and travels in the world snapshot.
 */
export class Rng {
  private constructor(private readonly generator: JumpableRandomGenerator) {}

  /**
   * The generator seeded from the match seed. xoroshiro128+ seeded straight from a small integer starts
   * almost alike for neighbouring seeds (its first draw is ~1.0 for seeds 1, 2, 3…), so the seed is
   * hashed first and the first draws are dropped: seed 1 and seed 2 must play different nights.
   */
  static fromSeed(seed: number): Rng {
    let x = seed | 0;
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
    x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
    const generator = xoroshiro128plus((x ^ (x >>> 16)) | 0);
    for (let i = 0; i < WARM_UP_DRAWS; i++) generator.next();
    return new Rng(generator);
  }

  static fromState(state: readonly number[]): Rng {
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** Uniform in [0, 1). */
  next01(): number {
    return uniformFloat64(this.generator);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next01() < p;
  }

  /** A uniform point in a disc of the given radius, written into `out` (no allocation). */
  inDisc(radiusKm: number, out: { x: number; y: number }): void {
    const r = radiusKm * Math.sqrt(this.next01());
    const angle = 2 * Math.PI * this.next01();
    out.x = r * Math.cos(angle);
    out.y = r * Math.sin(angle);
  }

  state(): number[] {
    return [...this.generator.getState()];
  }
}
