// Validation claims. The project's validator always answers; a target backed by an API server also
// answers through a server-side dry run, and any difference between the two is reported.
import { InputError } from '../model/errors.js';
import { loadManifestText, readManifestText } from '../validate/loader.js';
import { ClaimFailed, type Scenario } from './scenario.js';

export interface ValidationOutcome {
  problems: string[];
  /** Differences between the API server's dry-run answer and the project's validator (cluster only). */
  serverDisagreement?: string;
}

export async function validateManifestText(scenario: Scenario, text: string, file: string): Promise<ValidationOutcome> {
  let problems: string[] = [];
  try {
    loadManifestText(text, file, scenario.validation);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems = error.message.split('\n').filter((l) => l.length > 0);
  }
  const target = scenario.target;
  if (!target.dryRunValidate) return { problems };
  const disagreements: string[] = [];
  // The same YAML reading as the validator (YAML 1.1, as kubectl), so both judge the same object.
  // The target places the object in a namespace of its own run: namespace problems are not compared.
  const compared = problems.filter((p) => !p.includes('metadata.namespace:'));
  for (const { raw } of readManifestText(text, file).documents) {
    if (raw === null || raw === undefined) continue;
    const server = await target.dryRunValidate(raw);
    const serverFields = new Set(server.map((p) => p.field));
    const ours = compared.filter((p) => [...serverFields].some((f) => p.includes(`${f}:`)));
    if (server.length === 0 && compared.length > 0) disagreements.push(`the API server accepted what the validator rejected: ${compared.join('; ')}`);
    if (server.length > 0 && compared.length === 0) disagreements.push(`the API server rejected what the validator accepted: ${server.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    if (server.length > 0 && compared.length > 0 && ours.length === 0) disagreements.push(`the API server objected to other fields: ${server.map((p) => p.field).join(', ')}`);
  }
  return disagreements.length > 0 ? { problems, serverDisagreement: disagreements.join('\n') } : { problems };
}

function checkServer(outcome: ValidationOutcome): void {
  if (outcome.serverDisagreement) throw new ClaimFailed(`The API server and the project's validator disagree:\n${outcome.serverDisagreement}`);
}

export function assertRejected(outcome: ValidationOutcome | undefined, expected: string): void {
  if (!outcome) throw new InputError('"it is rejected" needs a validation step before it');
  checkServer(outcome);
  if (!outcome.problems.some((p) => p.includes(expected))) {
    const seen = outcome.problems.length === 0 ? 'it was accepted' : `problems were:\n  ${outcome.problems.join('\n  ')}`;
    throw new ClaimFailed(`expected a problem containing "${expected}", but ${seen}`);
  }
}

export function assertAccepted(outcome: ValidationOutcome | undefined): void {
  if (!outcome) throw new InputError('"it is accepted" needs a validation step before it');
  checkServer(outcome);
  if (outcome.problems.length > 0) throw new ClaimFailed(`expected the manifest to be accepted, but:\n  ${outcome.problems.join('\n  ')}`);
}
