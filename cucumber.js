// cucumber profiles: the default one, which `netpol-conformance run` uses and to which it adds the
// target spec it parsed from its flags, and one per target for plain `npx cucumber-js -p netns`.
// Paths stay out of the profiles (runs pass them).
// Support code is named by absolute path, so features can be run from any directory.
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const common = {
  import: [here('./tsx-register.js'), `${here('./support')}/**/*.ts`, `${here('./steps')}/**/*.ts`], // register tsx FIRST
  format: [],
  formatOptions: { snippetInterface: 'async-await' },
};

// worldParameters.target is a target spec (src/targets/spec.ts); without one the features run on
// sim. The default profile sets none: cucumber merges world parameters key by key, and would
// concatenate a profile's `name` with the one `run` passes (it treats `name` as its own list).
const on = (name) => ({ ...common, worldParameters: { target: { name, options: {} } } });
export default common;
export const sim = on('sim');
export const netns = on('netns');
export const cluster = on('cluster');
