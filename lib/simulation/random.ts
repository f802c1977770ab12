/**
 * A seeded pseudo-random stream (mulberry32): the same seed gives the same day, on every machine.
 * Each workload class draws from its own stream, so adding a class does not reshuffle the others.
 */
export class RandomStream {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream for one named purpose, derived from a seed and the name. */
  public static for(seed: number, name: string): RandomStream {
    let hash = seed >>> 0;
    for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x9e3779b1) >>> 0;
    return new RandomStream(hash);
  }

  /** Uniform in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Exponentially distributed with the given mean. */
  public exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Uniform in [min, max]. */
  public uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number uniform in [min, max]. */
  public integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}
