// The project's import graph, read from the sources: every static import and re-export (type-only
// ones included: a type import is a dependency of the design even if it is erased at run time) and
// every dynamic import(). Relative specifiers are resolved to files; packages are kept as names.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';

export interface ImportEdge {
  /** Importing file, relative to the project root (`src/cli/main.ts`). */
  from: string;
  /** Imported file relative to the root, or the package specifier (`@kubernetes/client-node`). */
  to: string;
  /** The specifier as written. */
  specifier: string;
  kind: 'static' | 'type' | 'dynamic';
}

// `import x from '...'`, `import type {...} from '...'`, `export {...} from '...'`,
// `export * from '...'`, `import '...'`, over one or several lines; and `import('...')`.
const STATIC = /^[ \t]*(import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gm;
const DYNAMIC = /\bimport\(\s*'([^']+)'\s*\)/g;

export function sourceFiles(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) out.push(relative(PROJECT_ROOT, path));
    }
  };
  for (const dir of dirs) walk(join(PROJECT_ROOT, dir));
  return out.sort();
}

function target(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(PROJECT_ROOT, resolve(PROJECT_ROOT, dirname(from), specifier.replace(/\.js$/, '.ts')));
}

export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(STATIC)) {
    const specifier = m[3] ?? '';
    edges.push({ from: file, to: target(file, specifier), specifier, kind: m[2] ? 'type' : 'static' });
  }
  for (const m of text.matchAll(DYNAMIC)) {
    const specifier = m[1] ?? '';
    edges.push({ from: file, to: target(file, specifier), specifier, kind: 'dynamic' });
  }
  return edges;
}

export function importGraph(files: readonly string[]): ImportEdge[] {
  return files.flatMap(importsOf);
}

/** Every cycle of static (and type) imports among the files, each as a list of files. */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.kind !== 'dynamic' && e.to.endsWith('.ts')) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Tarjan's strongly connected components: a component of more than one file is a cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return found;
}
