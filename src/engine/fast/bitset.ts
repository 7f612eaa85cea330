// Fixed-size bitsets over 32-bit words, and bit matrices (one bitset per row, rows back to back).
// Sets of endpoint classes are combined with word operations: 32 classes per instruction.

export type Bits = Uint32Array;

export function wordsFor(size: number): number {
  return (size + 31) >>> 5;
}

export function emptyBits(size: number): Bits {
  return new Uint32Array(wordsFor(size));
}

/** Bits 0..size-1 set. */
export function fullBits(size: number): Bits {
  const bits = emptyBits(size);
  setRange(bits, 0, size);
  return bits;
}

export function hasBit(bits: Bits, i: number): boolean {
  return ((bits[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
}

export function setBit(bits: Bits, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
}

/** Sets bits start..end-1. */
export function setRange(bits: Bits, start: number, end: number): void {
  if (end <= start) return;
  const first = start >>> 5;
  const last = (end - 1) >>> 5;
  const lowMask = ~0 << (start & 31);
  const highMask = ~0 >>> (31 - ((end - 1) & 31));
  if (first === last) {
    bits[first] = (bits[first] ?? 0) | (lowMask & highMask);
    return;
  }
  bits[first] = (bits[first] ?? 0) | lowMask;
  bits.fill(0xffffffff, first + 1, last);
  bits[last] = (bits[last] ?? 0) | highMask;
}

/** `into |= from`, word by word (`from` at `offset` words, for rows of a matrix). */
export function orInto(into: Bits, from: Bits, intoOffset = 0, fromOffset = 0, words = into.length - intoOffset): void {
  for (let w = 0; w < words; w++) into[intoOffset + w] = (into[intoOffset + w] ?? 0) | (from[fromOffset + w] ?? 0);
}

/** `into |= a & b`. */
export function orAndInto(into: Bits, a: Bits, b: Bits, intoOffset = 0): void {
  const words = a.length;
  for (let w = 0; w < words; w++) into[intoOffset + w] = (into[intoOffset + w] ?? 0) | ((a[w] ?? 0) & (b[w] ?? 0));
}

export function isEmpty(bits: Bits): boolean {
  for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) return false;
  return true;
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function countBits(bits: Bits, offset = 0, words = bits.length - offset): number {
  let n = 0;
  for (let w = 0; w < words; w++) n += popcount32(bits[offset + w] ?? 0);
  return n;
}

/** Indexes of the set bits, ascending. */
export function bitIndexes(bits: Bits, offset = 0, words = bits.length - offset): number[] {
  const out: number[] = [];
  for (let w = 0; w < words; w++) {
    let word = bits[offset + w] ?? 0;
    while (word !== 0) {
      const low = word & -word;
      out.push((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
  return out;
}

/**
 * The transpose of a square bit matrix of `size` rows of `words` words each (bit j of row i becomes
 * bit i of row j), by 32x32 blocks with the classic recursive swap (Hacker's Delight 7-3).
 */
export function transpose(matrix: Uint32Array, size: number, words: number): Uint32Array {
  const out = new Uint32Array(words * words * 32);
  const block = new Uint32Array(32);
  const blocks = wordsFor(size);
  for (let bi = 0; bi < blocks; bi++) {
    for (let bj = 0; bj < blocks; bj++) {
      // Rows bi*32.. of the input, word bj: a 32x32 block; bit k of block[r] is (row bi*32+r, col bj*32+k).
      let any = 0;
      for (let r = 0; r < 32; r++) {
        const row = bi * 32 + r;
        const v = row < size ? (matrix[row * words + bj] ?? 0) : 0;
        block[r] = v;
        any |= v;
      }
      if (any === 0) continue;
      transpose32(block);
      for (let r = 0; r < 32; r++) {
        const row = bj * 32 + r;
        if (row < size) out[row * words + bi] = block[r] ?? 0;
      }
    }
  }
  return out;
}

/** In place: bit k of word r becomes bit r of word k (least significant bit first). */
function transpose32(a: Uint32Array): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
      const t = ((a[k] ?? 0) >>> j ^ (a[k + j] ?? 0)) & m;
      a[k] = (a[k] ?? 0) ^ (t << j);
      a[k + j] = (a[k + j] ?? 0) ^ t;
    }
  }
}
