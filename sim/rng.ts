import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

/**
 * The one random generator of a match. Every draw in the simulation goes through it, in a fixed
 * order, so a seed plus the ordered commands reproduce a match exactly. Its state is plain numbers
 * and travels in the world snapshot.
 */
export class Rng {
  private constructor(private readonly generator: JumpableRandomGenerator) {}

  static fromSeed(seed: number): Rng {
    return new Rng(xoroshiro128plus(seed | 0));
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
