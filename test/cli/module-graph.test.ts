// Commands load only what they use: explain and matrix on sim need the engine, the validator and
// the report, never the Kubernetes client, cucumber, the netns sandbox or docker. Each command is
// run in a child process that records every module it loads.
import { describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/project-root.js';

const MAIN = join(PROJECT_ROOT, 'src/cli/main.ts');
const RECORDER = join(PROJECT_ROOT, 'test/support/record-loads.ts');
const HEAVY = /\/node_modules\/(@kubernetes\/client-node|@cucumber\/[^/]+|execa|testcontainers)\//;
const LESSON = join(PROJECT_ROOT, 'fixtures/lessons/network-policies');

async function loadedModules(...argv: string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-modules-'));
  const file = join(dir, 'loaded.txt');
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', RECORDER, MAIN, ...argv], { env: { ...process.env, RECORD_LOADS_TO: file } });
    return readFileSync(file, 'utf8').split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function packagesOf(urls: readonly string[]): string[] {
  return [...new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []))].sort();
}

describe('module graph of a command', () => {
  it('explain loads no Kubernetes client, cucumber, execa or testcontainers', async () => {
    const urls = await loadedModules('explain', '-f', join(LESSON, 'topology.yaml'), '--from', 'prod/api', '--to', 'prod/db', '--port', '80/TCP');
    expect(urls.some((u) => u.endsWith('/src/engine/evaluate.ts')), 'the recorder saw the engine').to.equal(true);
    expect(urls.filter((u) => HEAVY.test(u))).to.deep.equal([]);
    expect(packagesOf(urls)).to.deep.equal(['commander', 'ipaddr.js', 'yaml']);
  });

  it('matrix on sim loads no Kubernetes client, cucumber, execa or testcontainers', async () => {
    const urls = await loadedModules('matrix', '-f', join(LESSON, 'topology.yaml'), '--port', '3306/TCP');
    expect(urls.some((u) => u.endsWith('/src/report/matrix-stream.ts'))).to.equal(true);
    expect(urls.filter((u) => HEAVY.test(u))).to.deep.equal([]);
  });
});
