// The OpenAPI model the validator decodes against, read from @kubernetes/client-node's generated
// models (their `attributeTypeMap`s): every model reachable from Namespace, Pod, NetworkPolicy and the
// workload kinds (Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob).
// Only `npm run schema:update` (which writes api-schema.json) and the test that the checked-in
// schema still matches the installed client read it: the validator itself never loads the client.

/** One field of a model: its JSON name, its type as client-node writes it, and its format. */
export type Attribute = [baseName: string, type: string, format: string];
export type ApiModels = Record<string, Attribute[]>;

export const ROOT_MODELS = [
  'V1Namespace',
  'V1Pod',
  'V1NetworkPolicy',
  'V1Deployment',
  'V1ReplicaSet',
  'V1ReplicationController',
  'V1StatefulSet',
  'V1DaemonSet',
  'V1Job',
  'V1CronJob',
] as const;

/** Type names that are not models of their own. */
export const SCALAR_TYPES = new Set(['string', 'number', 'boolean', 'any', 'Date', 'IntOrString', 'Array', 'key']);

const MODELS_DIR = '@kubernetes/client-node/dist/gen/models';

function isAttributeList(value: unknown): value is { baseName: string; type: string; format: string }[] {
  return Array.isArray(value) && value.every((a) => typeof a === 'object' && a !== null && 'baseName' in a && 'type' in a);
}

/** The models reachable from the roots, in breadth-first order (the order of api-schema.json). */
export async function readClientNodeModels(): Promise<ApiModels> {
  const models: ApiModels = {};
  let pending: string[] = [...ROOT_MODELS];
  while (pending.length > 0) {
    for (const name of pending) models[name] = [];
    const loaded = await Promise.all(
      pending.map(async (name): Promise<[string, Attribute[]]> => {
        const module: unknown = await import(`${MODELS_DIR}/${name}.js`);
        const model: unknown = (module as Record<string, unknown>)[name];
        const attributes: unknown = (model as { attributeTypeMap?: unknown } | undefined)?.attributeTypeMap;
        if (!isAttributeList(attributes)) throw new Error(`@kubernetes/client-node model ${name} has no attributeTypeMap`);
        return [name, attributes.map((a) => [a.baseName, a.type, a.format])];
      }),
    );
    const next = new Set<string>();
    for (const [name, attributes] of loaded) {
      models[name] = attributes;
      for (const [, type] of attributes) {
        for (const word of type.match(/[A-Za-z0-9]+/g) ?? []) if (!SCALAR_TYPES.has(word) && !(word in models)) next.add(word);
      }
    }
    pending = [...next];
  }
  return models;
}

/** api-schema.json's text: one model per line, so an upgrade of the client reads as a small diff. */
export function formatApiSchema(models: ApiModels): string {
  const lines = Object.entries(models).map(([name, attributes]) => `  ${JSON.stringify(name)}: ${JSON.stringify(attributes)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
