// Runs the fake API server on its own, for trying the cluster target by hand:
//   npm run fake-apiserver -- DIR      (writes DIR/kubeconfig.yaml, serves until killed)
//   npx netpol-conformance run --target cluster --kubeconfig DIR/kubeconfig.yaml features/lessons
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFakeApiServer } from './server.js';

const dir = resolve(process.argv[2] ?? '.');
mkdirSync(dir, { recursive: true });
const fake = await startFakeApiServer({ readyDelayMs: 50 });
const kubeconfig = fake.writeKubeconfig(dir);
process.stdout.write(`fake API server at ${fake.url}; kubeconfig ${kubeconfig}\n`);
const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
