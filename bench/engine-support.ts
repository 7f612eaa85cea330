// Helpers of the engine benchmark: reproducible picks, and a rows-output sink that can
// also count allowed flows and hash the output (so two engines' matrices can be compared by hash).
import { createHash } from 'node:crypto';
import { CELL, judged, Random, writeMatrixRows as writeRows, type MatrixSlice, type PortSpec } from '../src/index.js';

/** `count` endpoint indexes below `n`, the same for a seed. */
export function prngPicks(seed: number, n: number, count: number): number[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => random.int(n));
}

interface Rows {
  endpoints: readonly string[];
  external: readonly boolean[];
  ports: readonly PortSpec[];
  row(port: number, from: number, out: Uint8Array): void;
  rowKey?(from: number): number;
}

/**
 * Every row of a matrix as a slice for writeMatrixRows, and a sink for its output. The sink only
 * counts bytes while timed; `hash()` and `allowed()` write the output again, untimed.
 */
export function rowsSlice(rows: Rows): { slice: MatrixSlice; sink: (text: string) => void; bytes: () => number; allowed: () => number; hash: () => string } {
  const all = Array.from({ length: rows.endpoints.length }, (_, i) => i);
  const slice: MatrixSlice = {
    endpoints: rows.endpoints,
    external: rows.external,
    ports: rows.ports,
    sources: all,
    destinations: all,
    row: (p, i, out) => rows.row(p, i, out),
    ...(rows.rowKey ? { rowKey: (i: number) => rows.rowKey?.(i) ?? i } : {}),
  };
  let bytes = 0;
  const again = (): { hash: string; allowed: number } => {
    const sha = createHash('sha1');
    let allowed = 0;
    // Without row keys: every row is read, so that each is counted.
    const counting: MatrixSlice = {
      endpoints: slice.endpoints,
      external: slice.external,
      ports: slice.ports,
      sources: slice.sources,
      destinations: slice.destinations,
      row: (p, i, out) => {
        rows.row(p, i, out);
        for (let j = 0; j < out.length; j++) if (out[j] === CELL.allowed && judged(rows.external, i, j)) allowed++;
      },
    };
    writeRows(counting, (t) => sha.update(t));
    return { hash: sha.digest('hex'), allowed };
  };
  let memo: { hash: string; allowed: number } | undefined;
  return {
    slice,
    sink: (text) => void (bytes += text.length),
    bytes: () => bytes,
    allowed: () => (memo ??= again()).allowed,
    hash: () => (memo ??= again()).hash,
  };
}
