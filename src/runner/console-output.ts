// cucumber's console output, passed through on its way to the terminal: the line with which its
// formatters introduce the text under an undefined step says to implement a JavaScript snippet; a
// scenario writer gets the closest steps of the vocabulary instead (src/runner/step-hints.ts).
import { Writable } from 'node:stream';
import { UNDEFINED_HEADER } from './step-hints.js';

const CUCUMBER_HEADER = 'Undefined. Implement with the following snippet:';

type Terminal = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export function consoleFor(target: Terminal): Writable {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      target.write(chunk.toString().replaceAll(CUCUMBER_HEADER, UNDEFINED_HEADER), (error) => done(error ?? undefined));
    },
  });
  // cucumber decides on colours and widths from the stream it writes to.
  return Object.assign(stream, { isTTY: target.isTTY, columns: target.columns });
}
