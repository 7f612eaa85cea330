// One base class for every error a person may see. The message is the one line to print; `cause`
// keeps the underlying error for debugging, never for display.

export class NetpolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    // What a person did wrong, or what a machine cannot do, is not a crash of this program: no
    // stack frames in cucumber's output or the reports. `cause` keeps the underlying error.
    this.stack = `${this.name}: ${message}`;
  }
}

/** Input the user gave us is wrong (manifest, feature text, flag value): exit code 1. */
export class InputError extends NetpolError {}

/** The command line itself is wrong (unknown flag, missing value): exit code 2. */
export class UsageError extends NetpolError {}

/** A target could not do what was asked (missing tool, API server unreachable, ...). */
export class TargetError extends NetpolError {}

/** Something the engine was asked about does not exist in the topology. */
export class UnknownEndpointError extends InputError {
  constructor(readonly endpoint: string, known: readonly string[]) {
    super(`unknown endpoint "${endpoint}"; known endpoints: ${known.join(', ') || '(none)'}`);
  }
}
