// The project's own course (curriculum/): its copy of the founding lesson stays the lesson the
// project runs in features/lessons/, manifests and claims alike.
import { describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lesson = join(root, 'curriculum/15-network-policies');
const fixtures = join(root, 'fixtures/lessons/network-policies');

describe('curriculum/15-network-policies', () => {
  it('ships the manifests of fixtures/lessons/network-policies unchanged', () => {
    const yaml = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
    expect(yaml(lesson)).to.deep.equal(yaml(fixtures));
    for (const file of yaml(fixtures)) {
      expect(readFileSync(join(lesson, file), 'utf8'), file).to.equal(readFileSync(join(fixtures, file), 'utf8'));
    }
  });

  it('makes the claims of features/lessons/network-policies.feature, with paths local to the lesson', () => {
    const original = readFileSync(join(root, 'features/lessons/network-policies.feature'), 'utf8');
    const copy = readFileSync(join(lesson, 'lesson.feature'), 'utf8');
    const withoutHeader = copy.replace(/^(#.*\n)+/, '');
    expect(withoutHeader).to.equal(original.replaceAll('fixtures/lessons/network-policies/', ''));
  });
});
