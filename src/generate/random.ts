// Seeded randomness for generated inputs (fuzz cases, property tests, synthetic benchmarks):
// mulberry32, a small, fast PRNG, so every generated case is reproducible from its seed.

/** An inclusive range of whole numbers: [min, max]. */
export type Range = readonly [min: number, max: number];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = prng(seed);
  }

  /** 0 .. n-1 */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  within([min, max]: Range): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }
}
