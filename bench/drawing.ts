// How long drawing takes for a real application: examples/shop (50 workloads in 5 namespaces,
// Services and ConfigMaps mixed in): loading it, the graph as SVG (Graphviz in WebAssembly) and the
// HTML page with every explanation, on 3 ports. Medians of 5 runs in this process, after a first
// run that also loads Graphviz (reported on its own).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTopology, drawMatrix, loadManifests, type NetworkPolicy, type PortSpec } from '../src/index.js';

const SHOP = fileURLToPath(new URL('../examples/shop', import.meta.url));
const PORTS: PortSpec[] = [
  { port: 8080, protocol: 'TCP' },
  { port: 5432, protocol: 'TCP' },
  { port: 9102, protocol: 'TCP' },
];

export interface DrawingBenchResult {
  endpoints: number;
  loadMs: number;
  firstSvgMs: number;
  svgMs: number;
  htmlMs: number;
  htmlBytes: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

export async function runDrawingBench(runs = 5): Promise<DrawingBenchResult> {
  const [loadMs, loaded] = await timed(() => loadManifests([join(SHOP)], { unmodelledKinds: 'skip', tolerant: true }));
  const objects = loaded.map((l) => l.object);
  const drawing = { topology: buildTopology(objects), policies: objects.filter((o): o is NetworkPolicy => o.kind === 'NetworkPolicy'), ports: PORTS };
  const [firstSvgMs] = await timed(() => drawMatrix('svg', drawing));
  const svg: number[] = [];
  const html: number[] = [];
  let htmlBytes = 0;
  for (let i = 0; i < runs; i++) {
    svg.push((await timed(() => drawMatrix('svg', drawing)))[0]);
    const [ms, page] = await timed(() => drawMatrix('html', drawing));
    html.push(ms);
    htmlBytes = page.length;
  }
  return { endpoints: drawing.topology.pods.length, loadMs, firstSvgMs, svgMs: median(svg), htmlMs: median(html), htmlBytes };
}

export function formatDrawingResults(r: DrawingBenchResult): string {
  return [
    `Drawing examples/shop (${r.endpoints} endpoints from 50 workloads, ${PORTS.length} ports):`,
    `  load manifests        ${r.loadMs.toFixed(0)} ms`,
    `  svg, first (+wasm)    ${r.firstSvgMs.toFixed(0)} ms`,
    `  svg                   ${r.svgMs.toFixed(0)} ms (median)`,
    `  html with explanations ${r.htmlMs.toFixed(0)} ms (median), ${(r.htmlBytes / 1024).toFixed(0)} KiB`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(`${formatDrawingResults(await runDrawingBench())}\n`);
