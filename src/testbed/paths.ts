// Where the test bed lives: the Go module in the repository (testbed/) and one private
// directory (.testbed/, or NETPOL_TESTBED_DIR) for what it builds, fetches and runs.
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';

export interface TestbedPaths {
  /** The Go module (testbed/go.mod). */
  module: string;
  /** The private directory; everything below is the test bed's own. */
  home: string;
  /** Built binaries: testbed (multi-call), agnhost, pause. */
  bin: string;
  /** Debian packages unpacked here, never installed: containerd, runc, CNI plugins, busybox. */
  debs: string;
  /** agnhost.tar, pause.tar and rootfs/ (the external hosts' files). */
  images: string;
  /** The running test bed: status.json, kubeconfig, logs/ (removed by down, logs kept). */
  run: string;
}

export function testbedPaths(env: NodeJS.ProcessEnv = process.env): TestbedPaths {
  const home = resolve(env['NETPOL_TESTBED_DIR'] || join(PROJECT_ROOT, '.testbed'));
  return {
    module: join(PROJECT_ROOT, 'testbed'),
    home,
    bin: join(home, 'bin'),
    debs: join(home, 'debs'),
    images: join(home, 'images'),
    run: join(home, 'run'),
  };
}
