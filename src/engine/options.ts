// Options of the sim target's engine. Where the spec leaves behaviour to the implementation it is an
// option here, never a silent choice (docs/semantics.md, "Implementation-defined points").

/**
 * Deliberate deviations from the spec, each modelled on a real plugin's past bug (docs/semantics.md,
 * "Known divergences of real plugins, and the engine faults"). They let a user see what such a bug would do to a lesson,
 * and let the test suite prove that the conformance catalogue catches them.
 */
export const ENGINE_FAULTS = {
  'protocol-any': 'a port without protocol matches every protocol instead of TCP only (a past Calico bug)',
  'except-ignored': 'ipBlock.except is ignored (a past kube-router bug)',
  'named-port-on-source': 'ingress named ports resolve on the source pod (the AWS VPC CNI agent bug)',
} as const;
export type EngineFault = keyof typeof ENGINE_FAULTS;

export type EngineOptions = {
  /** Whether ipBlock peers match pod IPs (implementation-defined; upstream e2e expects yes). Default true. */
  ipBlockMatchesPodIps?: boolean;
  /** A deliberate spec violation to simulate; never set in a conformance run of the spec itself. */
  fault?: EngineFault;
};

export function isEngineFault(name: string): name is EngineFault {
  return Object.hasOwn(ENGINE_FAULTS, name);
}
