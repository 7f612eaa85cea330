// `npm run schema:update`: rewrites src/validate/api-schema.json from the installed
// @kubernetes/client-node, after upgrading it. test/validate/api-schema.test.ts fails until then.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatApiSchema, readClientNodeModels } from '../src/validate/api-models.js';

const file = fileURLToPath(new URL('../src/validate/api-schema.json', import.meta.url));
const models = await readClientNodeModels();
writeFileSync(file, formatApiSchema(models));
process.stdout.write(`wrote ${Object.keys(models).length} models to ${file}\n`);
