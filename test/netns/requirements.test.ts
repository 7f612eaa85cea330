// What the netns target says when the machine cannot run it: one line naming what is missing and
// how to get it. Runs without root (fake tool directories in a temp dir).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TargetError } from '../../src/model/errors.js';
import { explainUnshareFailure, findTools } from '../../src/targets/netns/requirements.js';
import { typeStrippingFlags } from '../../src/targets/netns/sandbox.js';

function withToolDir(tools: readonly string[], body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'netns-tools-'));
  try {
    for (const tool of tools) {
      writeFileSync(join(dir, tool), '#!/bin/sh\nexit 0\n');
      chmodSync(join(dir, tool), 0o755);
    }
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('netns target requirements', () => {
  it('names every missing tool and the Debian packages in one line', () => {
    withToolDir([], (dir) => {
      const error = errorOf(() => findTools(dir, []));
      expect(error).to.be.instanceOf(TargetError);
      expect(error.message).to.equal(
        'the netns target needs unshare, nsenter, ip, nft, mount, not found on PATH or in (no system dirs): install with `apt-get install util-linux iproute2 nftables mount`',
      );
    });
  });

  it('names only what is missing', () => {
    withToolDir(['unshare', 'nsenter', 'mount'], (dir) => {
      const error = errorOf(() => findTools(dir, []));
      expect(error.message).to.match(/needs ip, nft, not found/).and.match(/apt-get install iproute2 nftables`$/);
      expect(error.message).not.to.include('\n');
    });
  });

  it('finds tools on PATH and setpriv as an option', () => {
    withToolDir(['unshare', 'nsenter', 'mount', 'ip', 'nft'], (dir) => {
      const tools = findTools(dir, []);
      expect(tools).to.deep.equal({ unshare: join(dir, 'unshare'), ip: join(dir, 'ip'), nft: join(dir, 'nft'), mount: join(dir, 'mount'), nsenter: join(dir, 'nsenter') });
    });
    withToolDir(['unshare', 'nsenter', 'mount', 'ip', 'nft', 'setpriv'], (dir) => {
      expect(findTools(dir, []).setpriv).to.equal(join(dir, 'setpriv'));
    });
  });

  it('explains refused user namespaces with what to change', () => {
    const message = explainUnshareFailure('unshare: unshare failed: Operation not permitted\n');
    expect(message).to.include('(unshare: unshare failed: Operation not permitted)').and.include('allow user namespaces').and.include('run as root');
    expect(message).not.to.include('\n');
  });

  it('asks Node for type stripping only where it is not on by default', () => {
    expect(typeStrippingFlags('22.12.0')).to.include('--experimental-strip-types');
    expect(typeStrippingFlags('23.5.0')).to.include('--experimental-strip-types');
    expect(typeStrippingFlags('24.1.0')).not.to.include('--experimental-strip-types');
  });
});
