// cucumber profiles, one per target. `netpol-conformance run --target T` selects the profile T;
// plain `npx cucumber-js -p netns` works too. Paths stay out of the profiles (runs pass them).
const common = {
  import: ['./tsx-register.js', 'support/**/*.ts', 'steps/**/*.ts'], // register tsx FIRST
  format: [],
  formatOptions: { snippetInterface: 'async-await' },
};

export default { ...common, worldParameters: { target: 'sim' } };
export const sim = { ...common, worldParameters: { target: 'sim' } };
export const netns = { ...common, worldParameters: { target: 'netns' } };
export const cluster = { ...common, worldParameters: { target: 'cluster' } };
