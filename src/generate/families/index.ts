// The systematic families of `netpol-conformance generate`, in the order they are written.
import type { PortSpec } from '../../model/topology.js';
import { conflictsFamily } from './conflicts.js';
import { denyAllowFamily } from './deny-allow.js';
import type { Family } from './family.js';
import { peersFamily } from './peers.js';
import { policyTypesFamily } from './policy-types.js';
import { portsFamily } from './ports.js';
import { targetFamily } from './target.js';
import { tiersFamily } from './tiers.js';
import { updatesFamily } from './updates.js';

export type { Family } from './family.js';

/** Every family; `probedPorts` are the ports external hosts of a family serve. */
export function families(probedPorts: readonly PortSpec[]): Family[] {
  return [targetFamily, peersFamily(probedPorts), portsFamily, policyTypesFamily, denyAllowFamily, conflictsFamily, updatesFamily, tiersFamily];
}
