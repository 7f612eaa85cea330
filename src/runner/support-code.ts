// Which support code cucumber loads. From the sources (tsx), cucumber.js names support/ and steps/
// as TypeScript; the built CLI (bin/build.js) names its own compiled copies instead, which share
// their modules (the target session above all) with the command that runs them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

let builtDir: string | undefined;

/** Called once by the built CLI's entry: the folder holding its compiled support/ and steps/. */
export function useBuiltSupport(dir: string): void {
  builtDir = dir;
}

/** The module cucumber loads as its snippet syntax (what it prints under an undefined step). */
export function stepHintsModule(projectRoot: string): string {
  return builtDir === undefined ? join(projectRoot, 'src/runner/step-hints.ts') : join(builtDir, 'step-hints.js');
}

/** The compiled support files (absolute paths), or undefined when running from the sources. */
export function builtSupport(): string[] | undefined {
  const dir = builtDir;
  if (dir === undefined) return undefined;
  const compiled = (sub: string): string[] =>
    readdirSync(join(dir, sub))
      .filter((f) => f.endsWith('.js'))
      .sort()
      .map((f) => join(dir, sub, f));
  return [...compiled('support'), ...compiled('steps')];
}
