// What the netns target says when the machine cannot run it: one line naming what is missing and
// how to get it. Runs without root (fake tool directories in a temp dir).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TargetError } from '../../src/model/errors.js';
import { checkNetnsSupport, explainUnshareFailure, findTools } from '../../src/targets/netns/requirements.js';
import { typeStrippingFlags } from '../../src/targets/netns/sandbox.js';

/** A temp dir of fake tools: each `name` gets a script (default: succeed silently). */
async function withToolDir(tools: readonly string[] | Record<string, string>, body: (dir: string) => unknown): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netns-tools-'));
  const scripts: Record<string, string> = Array.isArray(tools) ? Object.fromEntries(tools.map((t) => [t, 'exit 0'])) : tools;
  try {
    for (const [tool, script] of Object.entries(scripts)) {
      writeFileSync(join(dir, tool), `#!/bin/sh\n${script}\n`);
      chmodSync(join(dir, tool), 0o755);
    }
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fake `unshare` that skips its --flags and runs the command, as if namespaces were granted. */
const PASS_THROUGH = 'while [ "${1#--}" != "$1" ]; do shift; done; exec "$@"';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('netns target requirements', () => {
  it('names every missing tool and the Debian packages in one line', async () => {
    await withToolDir([], (dir) => {
      const error = errorOf(() => findTools(dir, []));
      expect(error).to.be.instanceOf(TargetError);
      expect(error.message).to.equal(
        'the netns target needs unshare, nsenter, ip, nft, mount, not found on PATH or in (no system dirs): install with `apt-get install util-linux iproute2 nftables mount`',
      );
    });
  });

  it('names only what is missing', async () => {
    await withToolDir(['unshare', 'nsenter', 'mount'], (dir) => {
      const error = errorOf(() => findTools(dir, []));
      expect(error.message).to.match(/needs ip, nft, not found/).and.match(/apt-get install iproute2 nftables`$/);
      expect(error.message).not.to.include('\n');
    });
  });

  it('finds tools on PATH and setpriv as an option', async () => {
    await withToolDir(['unshare', 'nsenter', 'mount', 'ip', 'nft'], (dir) => {
      const tools = findTools(dir, []);
      expect(tools).to.deep.equal({ unshare: join(dir, 'unshare'), ip: join(dir, 'ip'), nft: join(dir, 'nft'), mount: join(dir, 'mount'), nsenter: join(dir, 'nsenter') });
    });
    await withToolDir(['unshare', 'nsenter', 'mount', 'ip', 'nft', 'setpriv'], (dir) => {
      expect(findTools(dir, []).setpriv).to.equal(join(dir, 'setpriv'));
    });
  });

  it('refuses with one line when unshare may not create user namespaces', async () => {
    const refused = { unshare: 'echo "unshare: unshare failed: Operation not permitted" >&2; exit 1', nsenter: 'exit 0', mount: 'exit 0', ip: 'exit 0', nft: 'exit 0' };
    await withToolDir(refused, async (dir) => {
      const error = await checkNetnsSupport(dir).then(() => undefined, (e: unknown) => e as Error);
      expect(error).to.be.instanceOf(TargetError);
      expect(error?.message).to.match(/^the netns target cannot create its private namespaces \(unshare: unshare failed: Operation not permitted\): allow user namespaces/);
    });
  });

  it('refuses with one line when nftables does not work inside the namespaces', async () => {
    const noNft = { unshare: PASS_THROUGH, nsenter: 'exit 0', mount: 'exit 0', ip: 'exit 0', nft: 'echo "Error: Could not process rule: Operation not supported" >&2; exit 1' };
    await withToolDir(noNft, async (dir) => {
      const error = await checkNetnsSupport(dir).then(() => undefined, (e: unknown) => e as Error);
      expect(error?.message).to.equal(
        'nftables does not work inside a user namespace here (nft: Error: Could not process rule: Operation not supported): the kernel needs nf_tables with conntrack and reject (CONFIG_NF_TABLES, NFT_CT, NFT_REJECT)',
      );
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
