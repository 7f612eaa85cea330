// The validator's schema (src/validate/api-schema.json) is the OpenAPI model of the installed
// @kubernetes/client-node: after an upgrade of the client, `npm run schema:update` rewrites it.
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { formatApiSchema, readClientNodeModels, ROOT_MODELS } from '../../src/validate/api-models.js';

describe('api-schema.json', () => {
  it('is what the installed @kubernetes/client-node generates (else run npm run schema:update)', async () => {
    const models = await readClientNodeModels();
    expect(Object.keys(models).slice(0, ROOT_MODELS.length)).to.deep.equal([...ROOT_MODELS]);
    expect(Object.keys(models).length).to.be.greaterThan(100);
    expect(readFileSync(new URL('../../src/validate/api-schema.json', import.meta.url), 'utf8')).to.equal(formatApiSchema(models));
  });
});
