// Writes a reachability matrix as it is read, row by row, in chunks: a 10,000-endpoint matrix
// never becomes one string. Three forms: glyph tables, the per-flow JSON list, and `rows`, one
// JSON line per port and source with the allowed destinations as a bitmap (compact enough for
// every pair of a large cluster: an eighth of a byte per pair, before base64).
import { judged } from '../engine/index.js';
import { formatPort } from '../model/notation.js';
import type { PortSpec } from '../model/topology.js';
import { GLYPH, gridLines, UNSERVED_GLYPH } from '../model/truth-table.js';
import { CELL } from './matrix-view.js';

/** The part of a matrix to write: rows `sources`, columns `destinations`, by endpoint index. */
export interface MatrixSlice {
  endpoints: readonly string[];
  external: readonly boolean[];
  ports: readonly PortSpec[];
  sources: readonly number[];
  destinations: readonly number[];
  /**
   * Row `from` on ports[port] into `out`, one CELL code per endpoint (at least the destinations).
   * Pairs never judged (self, external to external) are told by `judged`, or by CELL.notJudged.
   */
  row(port: number, from: number, out: Uint8Array): void;
  /** Optional: sources with the same key have the same row, but for pairs never judged (replicas). */
  rowKey?(from: number): number;
  /**
   * Optional: whether destination `to` listens on ports[port] (absent: every one does). A flow the
   * policies allow to one that does not is printed `o`: a real connection is refused.
   */
  serves?(port: number, to: number): boolean;
}

export type Write = (text: string) => void;

/** Collects small pieces and writes them in chunks of about 64 KiB. */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly write: Write) {}

  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

function eachRow(slice: MatrixSlice, port: number, visit: (from: number, cells: Uint8Array) => void): void {
  const cells = new Uint8Array(slice.endpoints.length);
  for (const from of slice.sources) {
    slice.row(port, from, cells);
    visit(from, cells);
  }
}

const LEGEND = `${GLYPH.allowed} allowed   ${GLYPH.denied} denied   ${GLYPH.unknown} unknown   ${GLYPH.notJudged} not judged (self, or external to external)`;
const UNSERVED_LEGEND = `${UNSERVED_GLYPH} allowed by the policies, but nothing listens on the port (a real connection is refused)`;

/** One glyph table per port, as upstream's truth tables: rows are sources, columns destinations. */
export function writeMatrixTables(slice: MatrixSlice, write: Write): void {
  const out = new ChunkedWriter(write);
  const corner = 'from -> to';
  const columns = slice.destinations.map((d) => slice.endpoints[d] ?? '');
  const line = gridLines(slice.sources.map((s) => slice.endpoints[s] ?? ''), columns, corner);
  const glyphs = { [CELL.denied]: GLYPH.denied, [CELL.allowed]: GLYPH.allowed, [CELL.unknown]: GLYPH.unknown };
  let unserved = false;
  const glyph = (p: number, from: number, to: number, cell: number | undefined): string => {
    if (!judged(slice.external, from, to) || cell === CELL.notJudged) return GLYPH.notJudged;
    if (cell === CELL.allowed && slice.serves?.(p, to) === false) {
      unserved = true;
      return UNSERVED_GLYPH;
    }
    return glyphs[cell as 0 | 1 | 2] ?? GLYPH.unknown;
  };
  slice.ports.forEach((port, p) => {
    if (p > 0) out.push('\n\n');
    out.push(`${formatPort(port)}:\n${line(corner, columns)}`);
    eachRow(slice, p, (from, cells) => {
      const row = slice.destinations.map((to) => glyph(p, from, to, cells[to]));
      out.push(`\n${line(slice.endpoints[from] ?? '', row)}`);
    });
  });
  out.push(`\n\n${LEGEND}${unserved ? `   ${UNSERVED_LEGEND}` : ''}\n`);
  out.flush();
}

/**
 * `{"flows":[{"from":"ns/pod","to":"NAME","port":80,"protocol":"TCP","allowed":true,"served":true}, ...]}`,
 * judged flows only; `served` is false where the destination does not listen on the port.
 */
export function writeMatrixJson(slice: MatrixSlice, write: Write): void {
  const out = new ChunkedWriter(write);
  out.push('{"flows":[');
  let first = true;
  const ids = slice.endpoints.map((id) => JSON.stringify(id));
  slice.ports.forEach((port, p) => {
    const tail = `,"port":${port.port},"protocol":${JSON.stringify(port.protocol)},"allowed":`;
    eachRow(slice, p, (from, cells) => {
      const head = `{"from":${ids[from] ?? '""'},"to":`;
      for (const to of slice.destinations) {
        if (!judged(slice.external, from, to) || cells[to] === CELL.notJudged) continue;
        out.push(`${first ? '' : ','}${head}${ids[to] ?? '""'}${tail}${cells[to] === CELL.allowed ? 'true' : 'false'},"served":${slice.serves?.(p, to) === false ? 'false' : 'true'}}`);
        first = false;
      }
    });
  });
  out.push(']}\n');
  out.flush();
}

/**
 * JSON lines: a header `{"endpoints":[...],"ports":["80/TCP",...],"columns":"all"}` (or the
 * destination indexes, with --to), then per port and source
 * `{"port":"80/TCP","from":"ns/pod","allowed":"BASE64","count":N}`: bit i of the bitmap (byte i>>3,
 * bit i&7, least significant first) is set when the flow to the i-th column is allowed. A real
 * target may not tell: then `"unknown":"BASE64"` marks those flows the same way.
 */
export function writeMatrixRows(slice: MatrixSlice, write: Write): void {
  const out = new ChunkedWriter(write);
  const columns = slice.destinations;
  const everyColumn = columns.length === slice.endpoints.length && columns.every((c, i) => c === i);
  out.push(`${JSON.stringify({ endpoints: slice.endpoints, ports: slice.ports.map(formatPort), columns: everyColumn ? 'all' : columns })}\n`);
  const allowed = new Uint8Array((columns.length + 7) >>> 3);
  const unknown = new Uint8Array(allowed.length);
  const place = new Map(columns.map((c, i) => [c, i]));
  const externalPlaces = columns.flatMap((c, i) => (slice.external[c] ? [i] : []));
  const clear = (bits: Uint8Array, i: number | undefined): void => {
    if (i !== undefined) bits[i >>> 3] = (bits[i >>> 3] ?? 0) & ~(1 << (i & 7));
  };
  const cells = new Uint8Array(slice.endpoints.length);
  /** Eight cells to a byte, in a tight loop: this runs for every pair of a big matrix. */
  const pack = (): void => {
    for (let i = 0, b = 0; i < columns.length; i += 8, b++) {
      let a = 0;
      let u = 0;
      const end = Math.min(8, columns.length - i);
      for (let k = 0; k < end; k++) {
        const cell = cells[everyColumn ? i + k : (columns[i + k] ?? 0)];
        if (cell === CELL.allowed) a |= 1 << k;
        else if (cell === CELL.unknown) u |= 1 << k;
      }
      allowed[b] = a;
      unknown[b] = u;
    }
  };
  // When sources share keys (replicas), each key's row is packed once (up to 64 MiB of them).
  const packed = new Map<number, Uint8Array>();
  const keys = slice.rowKey ? new Set(slice.sources.map((s) => slice.rowKey?.(s))).size : Infinity;
  const cacheable = keys <= slice.sources.length / 2 && allowed.length * 2 * keys <= 64 * 2 ** 20;
  slice.ports.forEach((port, p) => {
    const prefix = `{"port":${JSON.stringify(formatPort(port))},"from":`;
    packed.clear();
    for (const from of slice.sources) {
      const key = cacheable ? slice.rowKey?.(from) : undefined;
      const known = key === undefined ? undefined : packed.get(key);
      if (known) {
        allowed.set(known.subarray(0, allowed.length));
        unknown.set(known.subarray(allowed.length));
      } else {
        slice.row(p, from, cells);
        pack();
        if (key !== undefined) {
          const both = new Uint8Array(allowed.length * 2);
          both.set(allowed);
          both.set(unknown, allowed.length);
          packed.set(key, both);
        }
      }
      // Pairs never judged: the source itself, and every external host when the source is one.
      for (const bits of [allowed, unknown]) {
        clear(bits, place.get(from));
        if (slice.external[from]) for (const i of externalPlaces) clear(bits, i);
      }
      let count = 0;
      for (let b = 0; b < allowed.length; b++) count += BYTE_BITS[allowed[b] ?? 0] ?? 0;
      const tail = unknown.some((v) => v !== 0) ? `,"unknown":"${Buffer.from(unknown).toString('base64')}"` : '';
      out.push(`${prefix}${JSON.stringify(slice.endpoints[from] ?? '')},"allowed":"${Buffer.from(allowed).toString('base64')}","count":${count}${tail}}\n`);
    }
  });
  out.flush();
}

/** Set bits of each byte value. */
const BYTE_BITS = Uint8Array.from({ length: 256 }, (_, v) => {
  let n = 0;
  for (let x = v; x !== 0; x &= x - 1) n++;
  return n;
});
