// The entry of the built CLI (bin/build.js bundles it into dist/<build>/cli.js, next to the
// compiled support/ and steps/ folders): the command, plus where its cucumber support code is.
import { fileURLToPath } from 'node:url';
import { useBuiltSupport } from '../runner/support-code.js';

useBuiltSupport(fileURLToPath(new URL('.', import.meta.url)));

export { main } from './main.js';
