// Manifests written as plain JSON (what tools and `kubectl get -o json` write), read with the
// native JSON parser instead of the YAML composer: a 5 MB List loads in tens of milliseconds, not
// seconds. "Plain" means the YAML 1.1 reading of the text is certainly the same value: no
// duplicate keys (YAML rejects them) and only integers (YAML 1.1 reads `1e3` as a string). Any
// other text returns undefined and goes the YAML way, which also reports syntax errors.
// Positions, for problems, are found only when asked: by walking the text from the nearest value
// whose offset the first scan kept (the root, its members, and their members).

type Segment = string | number;

const QUOTE = 34; // "
const BACKSLASH = 92;

export interface PlainJson {
  value: unknown;
  /** Offset of the deepest existing value along `segments` (the root when none exists). */
  offsetOf(segments: readonly Segment[]): number;
}

class Scanner {
  pos = 0;
  /** Offsets of values at depth 1 and 2, by `key` or `key\u0000key`. */
  readonly offsets = new Map<string, number>();
  constructor(readonly text: string) {}

  ws(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  /** Skips a string at pos; returns its raw text without quotes. */
  string(): string {
    const t = this.text;
    const start = ++this.pos;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === QUOTE) break;
      if (c === BACKSLASH) this.pos++;
      else if (Number.isNaN(c)) throw new Error('unterminated string');
      this.pos++;
    }
    return t.slice(start, this.pos++);
  }

  /** Checks (and skips) a value; `path` is recorded for depth <= 2. Throws when the text is not plain. */
  value(path: string | undefined, depth: number): void {
    this.ws();
    if (path !== undefined && depth <= 2) this.offsets.set(path, this.pos);
    const c = this.text.charCodeAt(this.pos);
    if (c === 123) return this.object(path, depth);
    if (c === 91) return this.array(path, depth);
    if (c === QUOTE) return void this.string();
    const start = this.pos;
    while (/[-0-9a-z.+E]/.test(this.text[this.pos] ?? '')) this.pos++;
    const word = this.text.slice(start, this.pos);
    if (!/^(-?(0|[1-9]\d*)|true|false|null)$/.test(word)) throw new Error(`not plain: ${word}`);
  }

  object(path: string | undefined, depth: number): void {
    this.pos++;
    const keys = new Set<string>();
    this.ws();
    if (this.text.charCodeAt(this.pos) === 125) return void this.pos++;
    for (;;) {
      this.ws();
      if (this.text.charCodeAt(this.pos) !== QUOTE) throw new Error('key expected');
      const raw = this.string();
      const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      if (keys.has(key)) throw new Error('duplicate key');
      keys.add(key);
      this.ws();
      if (this.text.charCodeAt(this.pos++) !== 58) throw new Error(': expected');
      this.value(childPath(path, key), depth + 1);
      this.ws();
      const next = this.text.charCodeAt(this.pos++);
      if (next === 125) return;
      if (next !== 44) throw new Error(', expected');
    }
  }

  array(path: string | undefined, depth: number): void {
    this.pos++;
    this.ws();
    if (this.text.charCodeAt(this.pos) === 93) return void this.pos++;
    for (let i = 0; ; i++) {
      this.value(childPath(path, i), depth + 1);
      this.ws();
      const next = this.text.charCodeAt(this.pos++);
      if (next === 93) return;
      if (next !== 44) throw new Error(', expected');
    }
  }

  /** From the value at pos, the offset of member `segment`, or undefined. Leaves pos there. */
  member(segment: Segment): number | undefined {
    this.ws();
    const c = this.text.charCodeAt(this.pos);
    if (c === 123) {
      if (typeof segment !== 'string') return undefined;
      this.pos++;
      for (;;) {
        this.ws();
        if (this.text.charCodeAt(this.pos) !== QUOTE) return undefined; // `}`: not there
        const raw = this.string();
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        this.ws();
        this.pos++; // :
        this.ws();
        if (key === segment) return this.pos;
        this.value(undefined, 99);
        this.ws();
        if (this.text.charCodeAt(this.pos++) !== 44) return undefined;
      }
    }
    if (c === 91) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (index < 0) return undefined;
      this.pos++;
      this.ws();
      if (this.text.charCodeAt(this.pos) === 93) return undefined;
      for (let i = 0; ; i++) {
        this.ws();
        if (i === index) return this.pos;
        this.value(undefined, 99);
        this.ws();
        if (this.text.charCodeAt(this.pos++) !== 44) return undefined;
      }
    }
    return undefined;
  }
}

function childPath(path: string | undefined, segment: Segment): string {
  return path === undefined || path === '' ? String(segment) : `${path}\u0000${String(segment)}`;
}

export function readPlainJson(text: string): PlainJson | undefined {
  const first = /\S/.exec(text);
  if (!first || (first[0] !== '{' && first[0] !== '[')) return undefined;
  const scanner = new Scanner(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
    scanner.value('', 0);
  } catch {
    return undefined;
  }
  const rootOffset = first.index;
  const offsetOf = (segments: readonly Segment[]): number => {
    // Start from the deepest value the scan recorded, then walk the text.
    let depth = Math.min(2, segments.length);
    let offset: number | undefined;
    for (; depth > 0; depth--) {
      offset = scanner.offsets.get(segments.slice(0, depth).map(String).join('\u0000'));
      if (offset !== undefined) break;
    }
    let at = offset ?? rootOffset;
    for (const segment of segments.slice(depth)) {
      scanner.pos = at;
      const next = scanner.member(segment);
      if (next === undefined) break;
      at = next;
    }
    return at;
  };
  return { value, offsetOf };
}

/** 1-based line and column of an offset; line starts are indexed on first use. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}
