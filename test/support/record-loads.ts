// Loaded with `node --import tsx --import test/support/record-loads.ts ...`: records the URL of
// every module the process loads and writes them, one a line, to $RECORD_LOADS_TO when it exits.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env['RECORD_LOADS_TO'];
const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  if (file) writeFileSync(file, [...loaded].join('\n'));
});
