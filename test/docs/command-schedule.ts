// Which documented commands may run at the same time. The docs test runs two at a time: most of
// them wait on child processes, sockets or the netns sandbox rather than the CPU. Each command
// line runs in a shell of its own, so one line depends on another only through files: two
// commands conflict when one writes a path the other reads or writes (one path inside the other
// counts). What a command writes is known from the CLI's flags and their defaults (reports/<target>,
// generated/, fuzz-findings/, --junit, --conformance-report, `> file`). A command this file does
// not understand, and an npm script that rewrites the checkout, runs alone.

export interface Access {
  /** Runs with nothing else: before it, everything earlier has ended; after it, everything later waits. */
  alone: boolean;
  reads: string[];
  writes: string[];
}

/** npm scripts that only read the checkout (their own output goes to temporary folders). */
const READING_SCRIPTS = new Set(['lint', 'test:unit', 'typecheck', 'fake-apiserver']);
/** Sub-commands of netpol-conformance that write nothing but what `> file` says. */
const READING_SUBCOMMANDS = new Set(['matrix', 'explain', 'validate', 'lint', 'doctor', 'cleanup', 'cluster', 'curriculum']);

/** A command line's words, quotes removed (the docs' commands use plain `'...'` and `"..."` only). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

/** `./a/b/` -> `a/b`. */
function normal(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** The value of `--name VALUE` or `--name=VALUE`, if given. */
function flagValue(words: readonly string[], ...names: string[]): string | undefined {
  for (const [i, w] of words.entries()) {
    for (const name of names) {
      if (w === name) return words[i + 1];
      if (w.startsWith(`${name}=`)) return w.slice(name.length + 1);
    }
  }
  return undefined;
}

/** Words that are neither flags nor flag values: the paths a command reads. */
function positionals(words: readonly string[], valued: ReadonlySet<string>): string[] {
  return words.filter((w, i) => !w.startsWith('-') && !valued.has(words[i - 1] ?? ''));
}

const VALUED = new Set(['--target', '--disable', '--tags', '--reports', '--conformance-report', '--junit', '--out', '--cases', '--seed', '--ports', '--fault', '--families', '--port', '--from', '--to', '--external', '--output', '-o', '-f', '--format', '--name', '--cni', '--run', '--older-than', '--stop-after', '--kubeconfig', '--context']);

/** What one `netpol-conformance SUB ...` writes and reads. */
function cliAccess(words: readonly string[]): Access | undefined {
  const [sub, ...rest] = words;
  const reads = [...positionals(rest, VALUED), ...rest.flatMap((w, i) => (rest[i - 1] === '-f' ? [w] : []))];
  if (sub === undefined) return { alone: false, reads: [], writes: [] };
  if (sub === 'run') {
    const target = (flagValue(rest, '--target') ?? 'sim').split(':')[0] ?? 'sim';
    const report = flagValue(rest, '--conformance-report');
    return { alone: false, reads, writes: [flagValue(rest, '--reports') ?? `reports/${target}`, ...(report ? [report] : [])] };
  }
  if (sub === 'compare') return { alone: false, reads, writes: ['reports'] };
  if (sub === 'generate') return { alone: false, reads: [], writes: [flagValue(rest, '--out') ?? 'generated'] };
  if (sub === 'fuzz') return { alone: false, reads: [], writes: [flagValue(rest, '--out') ?? 'fuzz-findings'] };
  if (READING_SUBCOMMANDS.has(sub)) {
    const junit = flagValue(rest, '--junit');
    return { alone: false, reads: reads.filter((r) => r !== 'check' && r !== 'up' && r !== 'down'), writes: junit ? [junit] : [] };
  }
  return undefined;
}

/** One simple command (no `&&`); undefined when it is not understood. */
function simpleAccess(text: string): Access | undefined {
  const redirect = /\s>\s*(\S+)\s*$/.exec(text);
  const words = shellWords(redirect ? text.slice(0, redirect.index) : text);
  const out = redirect?.[1] ? [redirect[1]] : [];
  let access: Access | undefined;
  if (words[0] === 'npx' && words[1] === 'netpol-conformance') access = cliAccess(words.slice(2));
  else if (words[0] === 'npm' && words[1] === 'run' && words[2] === 'conformance') access = cliAccess(['run', ...words.slice(4)]);
  else if (words[0] === 'npm' && words[1] === 'run' && READING_SCRIPTS.has(words[2] ?? '')) access = { alone: false, reads: positionals(words.slice(4), VALUED), writes: [] };
  if (!access) return undefined;
  return { alone: false, reads: access.reads.map(normal), writes: [...access.writes, ...out].map(normal) };
}

/** What a documented command line reads and writes; a line that is not understood runs alone. */
export function accessOf(text: string): Access {
  const parts = text.split('&&').map((p) => simpleAccess(p.trim()));
  if (parts.some((p) => p === undefined)) return { alone: true, reads: [], writes: [] };
  const known = parts as Access[];
  return { alone: false, reads: known.flatMap((p) => p.reads), writes: known.flatMap((p) => p.writes) };
}

/** One path inside the other (or the same): `reports` and `reports/sim`, `a/b` and `a/b`. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

export function conflicts(a: Access, b: Access): boolean {
  if (a.alone || b.alone) return true;
  const any = (xs: readonly string[], ys: readonly string[]): boolean => xs.some((x) => ys.some((y) => overlaps(x, y)));
  return any(a.writes, [...b.writes, ...b.reads]) || any(b.writes, a.reads);
}

/**
 * Commands in the order the docs show them. Each waits for every earlier command it conflicts
 * with, so a conflicting pair keeps the docs' order (a line that reads what an earlier line
 * wrote finds it written) and others overlap. Register every command before any runs.
 */
export class Schedule {
  private readonly entries: { access: Access; done: Promise<void> }[] = [];

  /** Registers the next command; `run` starts it once the earlier commands it conflicts with have ended. */
  add(access: Access): { run<T>(work: () => Promise<T>): Promise<T> } {
    const before = this.entries.filter((e) => conflicts(e.access, access)).map((e) => e.done);
    let finish = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    this.entries.push({ access, done });
    return {
      async run<T>(work: () => Promise<T>): Promise<T> {
        try {
          await Promise.all(before);
          return await work();
        } finally {
          finish();
        }
      },
    };
  }
}
