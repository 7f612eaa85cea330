// x-kubernetes-validations: CEL rules evaluated on the value of the schema node that declares
// them (`self`), with the Kubernetes library functions the rules use (./kube-cel-library.ts).
// The CEL implementation is @marcbachmann/cel-js. Transition rules (oldSelf) only apply to
// updates, and this project only ever validates what would be created, so they are skipped.
import { createRequire } from 'node:module';
import { child, invalid, type FieldError } from '../field-errors.js';
import { KUBE_CEL_FUNCTIONS } from './kube-cel-library.js';
import type { CelRule, OpenApiSchema } from './schema-types.js';


type Program = (context: Record<string, unknown>) => unknown;

type CelModule = typeof import('@marcbachmann/cel-js');
let environment: InstanceType<CelModule['Environment']> | undefined;

/**
 * The CEL environment, built on first use: only manifests of a CRD-validated kind need it, so
 * commands that never meet one (explain on NetworkPolicies) never load the library.
 */
function celEnvironment(): InstanceType<CelModule['Environment']> {
  if (!environment) {
    const { Environment } = createRequire(import.meta.url)('@marcbachmann/cel-js') as CelModule;
    environment = KUBE_CEL_FUNCTIONS.reduce(
      (env, fn) => env.registerFunction(fn.signature, fn.handler),
      new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: false }).registerVariable('self', 'dyn'),
    );
  }
  return environment;
}

const programs = new Map<string, Program>();

function program(rule: string): Program {
  let compiled = programs.get(rule);
  if (!compiled) programs.set(rule, (compiled = celEnvironment().parse(rule) as Program));
  return compiled;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value as CEL sees it: integers of the schema become CEL ints (BigInt), and at the root only
 * metadata.name and metadata.generateName are visible (the API server hides the rest).
 */
export function celValue(value: unknown, schema: OpenApiSchema | undefined, rootOnly: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => celValue(item, schema?.items));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (rootOnly.includes(key) && key === 'metadata' && isPlainObject(item)) {
        out[key] = Object.fromEntries(Object.entries(item).filter(([k]) => k === 'name' || k === 'generateName'));
        continue;
      }
      const itemSchema = schema?.properties?.[key] ?? (isPlainObject(schema?.additionalProperties) ? schema.additionalProperties : undefined);
      out[key] = celValue(item, itemSchema);
    }
    return out;
  }
  if (typeof value === 'number' && schema?.type === 'integer') return BigInt(value);
  return value;
}

/** What the API server shows as the value of a failed rule: scalars as written, else their type. */
function shown(value: unknown): unknown {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/**
 * One Invalid error per rule that does not hold. A rule that cannot be evaluated (a required field
 * is missing) is reported only when nothing else is wrong below this node, as the cause is then
 * already on screen.
 */
export function evaluateRules(rules: readonly CelRule[], self: unknown, raw: unknown, path: string, subtreeInvalid: boolean): FieldError[] {
  const errors: FieldError[] = [];
  for (const rule of rules) {
    if (/\boldSelf\b/.test(rule.rule)) continue;
    const field = rule.fieldPath ? child(path, rule.fieldPath.replace(/^\./, '')) : path;
    let result: unknown;
    try {
      result = program(rule.rule)({ self });
    } catch (error) {
      if (!subtreeInvalid) errors.push(invalid(field, shown(raw), `rule could not be evaluated (${rule.rule}): ${(error as Error).message.split('\n')[0] ?? ''}`));
      continue;
    }
    if (result !== true) errors.push(invalid(field, shown(raw), rule.message ?? `failed rule: ${rule.rule}`));
  }
  return errors;
}
