// What every command gets from the entry point: where to write, so tests can capture output.
/** Functions, not methods: commands pass them around unbound. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext {
  io: Io;
  /** Set by a command that finished but must report failure (e.g. invalid input): 1. */
  exitCode: number;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Exit codes: 0 success, 1 invalid input or a failed check, 2 usage error, 3 target/environment error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, environment: 3 } as const;
