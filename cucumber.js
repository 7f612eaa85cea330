// cucumber profiles, one per target. `netpol-conformance run --target T` selects the profile T;
// plain `npx cucumber-js -p netns` works too. Paths stay out of the profiles (runs pass them).
// Support code is named by absolute path, so features can be run from any directory.
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const common = {
  import: [here('./tsx-register.js'), `${here('./support')}/**/*.ts`, `${here('./steps')}/**/*.ts`], // register tsx FIRST
  format: [],
  formatOptions: { snippetInterface: 'async-await' },
};

export default { ...common, worldParameters: { target: 'sim' } };
export const sim = { ...common, worldParameters: { target: 'sim' } };
export const netns = { ...common, worldParameters: { target: 'netns' } };
export const cluster = { ...common, worldParameters: { target: 'cluster' } };
