// The layers of docs/architecture.md, enforced. Each folder of src/ sits on a tier and imports only
// from lower tiers (or from itself); folders on one tier stay independent of each other:
//
//   6 cli                      the command line
//   5 index.ts                 the public entry
//   4 report, curriculum, lint what a person reads; courses; findings about valid policies
//   3 harness, runner, kind,   scenarios and claims; cucumber runs; kind clusters; the test bed;
//     testbed, generate        generated cases: systematic families, fuzzing, shrinking
//   2 targets                  sim, netns, cluster behind one contract
//   1 engine, validate         the spec's verdicts; the API server's validation
//   0 model, project-root.ts,  the vocabulary; finding executables
//     find-on-path.ts
//
// Inside targets/, the three targets import each other's code never, and netns does not import the
// engine: it compiles policies to nftables from the spec itself, so the differential test compares
// two independent readings. steps/, support/ and bench/ reach src/ through src/index.ts only;
// bench/ and test/ never import each other (what both need, such as the random-cluster generator,
// is in src/). No file is part of an import cycle.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { cycles, importGraph, sourceFiles, type ImportEdge } from './import-graph.js';

const TIERS: Record<string, number> = {
  'src/model': 0,
  'src/project-root.ts': 0,
  'src/find-on-path.ts': 0,
  'src/engine': 1,
  'src/validate': 1,
  'src/targets': 2,
  'src/harness': 3,
  'src/runner': 3,
  'src/kind': 3,
  'src/testbed': 3,
  'src/generate': 3,
  'src/report': 4,
  'src/curriculum': 4,
  'src/lint': 4,
  'src/index.ts': 5,
  'src/cli': 6,
};

/** The folder (or top-level file) of src/ a file belongs to, as TIERS names it. */
function unit(file: string): string | undefined {
  return Object.keys(TIERS).find((u) => file === u || file.startsWith(`${u}/`));
}

const TARGETS = ['src/targets/sim', 'src/targets/netns', 'src/targets/cluster'];
const within = (file: string, dir: string): boolean => file.startsWith(`${dir}/`);

/** Imports within src/ that do not go down a tier (or stay in their folder). */
function upwardOrSideways(edges: readonly ImportEdge[]): ImportEdge[] {
  return edges.filter((e) => e.from.startsWith('src/') && local(e)).filter((e) => {
    const [from, to] = [unit(e.from), unit(e.to)];
    if (from === undefined || to === undefined) return true;
    return from !== to && (TIERS[to] ?? 0) >= (TIERS[from] ?? 0);
  });
}

function betweenTargets(edges: readonly ImportEdge[]): ImportEdge[] {
  return edges.filter((e) => {
    const home = TARGETS.find((t) => within(e.from, t));
    if (home === undefined) return false;
    if (home === 'src/targets/netns' && within(e.to, 'src/engine')) return true;
    return TARGETS.some((t) => t !== home && within(e.to, t));
  });
}

const ALL = importGraph(sourceFiles('src', 'steps', 'support', 'bench', 'test', 'scripts'));
const local = (e: ImportEdge): boolean => e.to.endsWith('.ts');
const show = (e: ImportEdge): string => `${e.from} -> ${e.to}`;

describe('layers', () => {
  it('every file of src/ belongs to a tier', () => {
    expect(sourceFiles('src').filter((f) => unit(f) === undefined)).to.deep.equal([]);
  });

  it('src/ imports only from lower tiers or its own folder', () => {
    expect(upwardOrSideways(ALL).map(show)).to.deep.equal([]);
  });

  it('the targets do not import each other, and netns does not import the engine', () => {
    expect(betweenTargets(ALL).map(show)).to.deep.equal([]);
  });

  it('steps/ and support/ use the library through src/index.ts only; bench/ too', () => {
    const wrong = ALL.filter((e) => /^(steps|support|bench)\//.test(e.from) && e.to.startsWith('src/') && e.to !== 'src/index.ts');
    expect(wrong.map(show)).to.deep.equal([]);
  });

  it('bench/ and test/ do not import each other', () => {
    const crosses = (from: string, to: string) => (e: ImportEdge) => e.from.startsWith(from) && e.to.startsWith(to);
    const wrong = ALL.filter((e) => [crosses('bench/', 'test/'), crosses('test/', 'bench/')].some((c) => c(e)));
    expect(wrong.map(show)).to.deep.equal([]);
  });

  it('no import cycles', () => {
    expect(cycles(ALL)).to.deep.equal([]);
  });
});

describe('the layer check itself', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, to, specifier: to, kind: 'static' });

  it('finds a cycle', () => {
    expect(cycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts'), edge('c.ts', 'd.ts')])).to.deep.equal([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('finds an upward import and an import between folders of one tier, and allows a downward one', () => {
    const edges = [
      edge('src/harness/scenario.ts', 'src/report/summary.ts'),
      edge('src/engine/compile.ts', 'src/validate/loader.ts'),
      edge('src/report/summary.ts', 'src/harness/scenario.ts'),
      edge('src/engine/compile.ts', 'src/engine/ports.ts'),
    ];
    expect(upwardOrSideways(edges).map(show)).to.deep.equal(['src/harness/scenario.ts -> src/report/summary.ts', 'src/engine/compile.ts -> src/validate/loader.ts']);
  });

  it('finds one target importing another, and netns importing the engine', () => {
    const edges = [edge('src/targets/netns/nft-compiler.ts', 'src/engine/ports.ts'), edge('src/targets/sim/sim-target.ts', 'src/engine/index.ts'), edge('src/targets/cluster/x.ts', 'src/targets/netns/y.ts'), edge('src/targets/cluster/x.ts', 'src/targets/spec.ts')];
    expect(betweenTargets(edges).map(show)).to.deep.equal(['src/targets/netns/nft-compiler.ts -> src/engine/ports.ts', 'src/targets/cluster/x.ts -> src/targets/netns/y.ts']);
  });
});
