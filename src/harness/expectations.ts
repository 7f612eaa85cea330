// What a scenario claims about traffic, turned into flows with an expected reachability:
// single flows, glyph truth tables (`.` allowed, `X` denied) and "all ... except" patterns.
import { InputError } from '../model/errors.js';
import { endpointIds, findEndpoint, flowFamily, isJudgedPair, servesPort, type EndpointId, type PortSpec, type Topology } from '../model/topology.js';
import type { IpFamily } from '../model/cidr.js';
import { parsePort } from '../model/notation.js';
import { GLYPH } from '../model/truth-table.js';
import type { Flow } from '../model/verdicts.js';

export type Expected = 'allowed' | 'denied';

export interface Expectation {
  flow: Flow;
  expected: Expected;
}

function glyphToExpected(glyph: string, where: string): Expected {
  if (glyph === GLYPH.allowed) return 'allowed';
  if (glyph === GLYPH.denied || glyph === 'x') return 'denied';
  throw new InputError(`${where}: "${glyph}" is not a glyph; use "." (allowed) or "X" (denied)`);
}

function isExternal(topology: Topology, id: EndpointId): boolean {
  return topology.externals.some((e) => e.name === id);
}

/** isJudgedPair for two endpoints of a topology. */
export function judged(topology: Topology, from: EndpointId, to: EndpointId): boolean {
  return isJudgedPair(from === to, isExternal(topology, from), isExternal(topology, to));
}

function requireEndpoint(known: ReadonlySet<string>, id: string, where: string): void {
  if (!known.has(id)) throw new InputError(`${where}: unknown endpoint "${id}"; known: ${[...known].join(', ')}`);
}

/** A raw data table: header row `| from -> to | x/a | ... |` (any text in the corner), then one row per source. */
/** `family`: every flow of the table travels in it (`the reachability on 80/TCP over IPv6 is:`). */
export function truthTableExpectations(rows: readonly (readonly string[])[], port: PortSpec, topology: Topology, family?: IpFamily): Expectation[] {
  const [header, ...body] = rows;
  if (!header || header.length < 2) throw new InputError('truth table: needs a header row of destinations');
  const known = new Set(endpointIds(topology));
  const destinations = header.slice(1).map((c) => c.trim());
  destinations.forEach((d) => requireEndpoint(known, d, 'truth table header'));
  const expectations: Expectation[] = [];
  for (const row of body) {
    const from = (row[0] ?? '').trim();
    requireEndpoint(known, from, 'truth table row');
    if (row.length !== header.length) throw new InputError(`truth table row ${from}: ${row.length - 1} cells for ${destinations.length} columns`);
    destinations.forEach((to, i) => {
      const cell = (row[i + 1] ?? '').trim();
      if (!judged(topology, from, to) || cell === GLYPH.notJudged) return;
      expectations.push({ flow: { from, to, port: port.port, protocol: port.protocol, ...(family ? { family } : {}) }, expected: glyphToExpected(cell, `truth table ${from} -> ${to}`) });
    });
  }
  return expectations;
}

function canTalk(topology: Topology, from: EndpointId, to: EndpointId): boolean {
  const [a, b] = [findEndpoint(topology, from), findEndpoint(topology, to)];
  return a !== undefined && b !== undefined && flowFamily(a, b) !== undefined;
}

/** `*`, `ns/*`, `*\/name`, `ns/name` or an external host's name. */
export function matchesPattern(pattern: string, id: EndpointId): boolean {
  if (pattern === '*') return true;
  const [pns, pname] = pattern.split('/');
  if (pname === undefined) return pattern === id;
  const [ns, name] = id.split('/');
  if (name === undefined) return false;
  return (pns === '*' || pns === ns) && (pname === '*' || pname === name);
}

export interface PatternPair {
  from: string;
  to: string;
}

/** Every judged flow on `port` (to a destination serving it) is `base`, except those matching a pair, which are the opposite. */
export function patternExpectations(topology: Topology, port: PortSpec, base: Expected, exceptions: readonly PatternPair[]): Expectation[] {
  const ids = endpointIds(topology);
  for (const pair of exceptions) {
    for (const pattern of [pair.from, pair.to]) {
      if (!ids.some((id) => matchesPattern(pattern, id))) throw new InputError(`pattern "${pattern}" matches no endpoint; known: ${ids.join(', ')}`);
    }
  }
  const other: Expected = base === 'allowed' ? 'denied' : 'allowed';
  const expectations: Expectation[] = [];
  for (const from of ids) {
    for (const to of ids) {
      // Only destinations that listen on the port: elsewhere a real target sees "refused" whatever the
      // policies say; and only ends with an address family in common (an IPv6-only host and a pod
      // of its node's IPv4 network cannot talk at all).
      if (!judged(topology, from, to) || !servesPort(topology, to, port) || !canTalk(topology, from, to)) continue;
      const excepted = exceptions.some((p) => matchesPattern(p.from, from) && matchesPattern(p.to, to));
      expectations.push({ flow: { from, to, port: port.port, protocol: port.protocol }, expected: excepted ? other : base });
    }
  }
  return expectations;
}

/**
 * A table of single flows, one a row: `from`, `to`, `port` (`80/TCP`) and `reachability`
 * (`allowed` or `denied`), all judged in one probe round, as upstream's conformance tests poke
 * one server after another.
 */
export function flowTableExpectations(rows: readonly Readonly<Record<string, string>>[]): Expectation[] {
  return rows.map((row, i) => {
    const cell = (name: string): string => {
      const value = row[name]?.trim();
      if (value === undefined || value === '') throw new InputError(`flows table, row ${i + 1}: missing "${name}"`);
      return value;
    };
    const port = parsePort(cell('port'), `flows table, row ${i + 1}`);
    const reachability = cell('reachability');
    if (reachability !== 'allowed' && reachability !== 'denied') throw new InputError(`flows table, row ${i + 1}: reachability is "allowed" or "denied", not "${reachability}"`);
    return { flow: { from: cell('from'), to: cell('to'), port: port.port, protocol: port.protocol }, expected: reachability };
  });
}
