// SVG from DOT with Graphviz itself, compiled to WebAssembly (@hpcc-js/wasm-graphviz): the same
// layout `dot -Tsvg` gives, with no program to install. Loaded on first use: it takes a quarter of
// a second, which only the commands that draw should pay.
import { NetpolError } from '../model/errors.js';

type Graphviz = Awaited<ReturnType<(typeof import('@hpcc-js/wasm-graphviz'))['Graphviz']['load']>>;

let loading: Promise<Graphviz> | undefined;

async function graphviz(): Promise<Graphviz> {
  loading ??= import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load());
  return loading;
}

/** The SVG document Graphviz's `dot` layout draws for `dot` (without the XML prolog, so it can sit inside HTML). */
export async function renderSvg(dot: string): Promise<string> {
  const gv = await graphviz();
  let svg: string;
  try {
    svg = gv.dot(dot, 'svg');
  } catch (error) {
    throw new NetpolError(`Graphviz could not lay out the graph: ${error instanceof Error ? error.message : String(error)}`);
  }
  const start = svg.indexOf('<svg');
  return start >= 0 ? svg.slice(start) : svg;
}
