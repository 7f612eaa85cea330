// Which endpoints (by index) a selector-like thing matches, worked out on first use of each
// endpoint and remembered, so that judging one flow on a cluster of any size costs a few matches.
// The explaining path's peers, and the cluster-scoped policies' subjects and peers, are such tables.
// A peer's match can depend on the flow's address family (an ipBlock or a network matches the
// endpoint's address of its own family); a subject's cannot.
import type { IpFamily } from '../model/cidr.js';

export interface EndpointSet {
  has(endpoint: number): boolean;
}

/** The endpoints a peer matches in a flow of one address family. */
export interface MatchTable {
  has(endpoint: number, family: IpFamily): boolean;
}

export function lazySet(size: number, matches: (endpoint: number) => boolean): EndpointSet {
  let memo: Int8Array | undefined; // 0 not yet known, 1 matches, 2 does not
  return {
    has(endpoint) {
      memo ??= new Int8Array(size);
      const known = memo[endpoint];
      if (known === undefined) return false; // not an endpoint of this state
      if (known !== 0) return known === 1;
      const result = matches(endpoint);
      memo[endpoint] = result ? 1 : 2;
      return result;
    },
  };
}

export function lazyTable(size: number, matches: (endpoint: number, family: IpFamily) => boolean): MatchTable {
  const v4 = lazySet(size, (endpoint) => matches(endpoint, 4));
  const v6 = lazySet(size, (endpoint) => matches(endpoint, 6));
  return { has: (endpoint, family) => (family === 4 ? v4 : v6).has(endpoint) };
}
