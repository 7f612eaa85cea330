// What the lint tests share: manifests written as text (pods, policies) into a folder of the
// suite's own, and the command run on them.
import { after, before } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

export function namespace(name: string, labels: string): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {${labels}}}\n`;
}

/** `ports` as written in a container, e.g. `{name: http, containerPort: 8080}`. */
export function pod(ns: string, name: string, labels: string, ports: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}\nspec: {containers: [{name: c, ports: [${ports}]}]}\n`;
}

export const documents = (...docs: string[]): string => docs.join('---\n');

export interface Run {
  code: number;
  lines: string[];
  err: string;
  file: string;
}

/** In a describe: writes `topology + text` to NAME.yaml in the suite's folder and runs the command (lint unless told) on it. */
export function manifestRunner(topology: string): (name: string, text: string, argv?: string[]) => Promise<Run> {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-lint-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return async (name, text, argv = ['lint']) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, topology + text);
    const [command = 'lint', ...flags] = argv;
    const { code, out, err } = await runCli(command, '-f', file, ...flags);
    return { code, lines: out.trimEnd().split('\n'), err, file };
  };
}
