// The small notations of feature tables and the command line: labels, label changes, ports.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { applyLabelChanges, formatPort, parseLabels, parsePort, parsePorts, parseProtocol } from '../../src/model/notation.js';
import { InputError } from '../../src/model/errors.js';

describe('parseLabels', () => {
  it('reads k=v pairs separated by commas, trimming spaces', () => {
    expect(parseLabels('app=web, tier = fe ,env=prod', 'labels')).to.deep.equal({ app: 'web', tier: 'fe', env: 'prod' });
  });

  it('reads empty text as no labels, and empty values', () => {
    expect(parseLabels('', 'labels')).to.deep.equal({});
    expect(parseLabels(' , ', 'labels')).to.deep.equal({});
    expect(parseLabels('flag=', 'labels')).to.deep.equal({ flag: '' });
  });

  it('keeps everything after the first =, and prefixed keys', () => {
    expect(parseLabels('kubernetes.io/metadata.name=prod, x=a=b', 'labels')).to.deep.equal({ 'kubernetes.io/metadata.name': 'prod', x: 'a=b' });
  });

  it('rejects a part that is not key=value, naming where and what', () => {
    expect(() => parseLabels('app=web, oops', 'pod x/a labels')).to.throw(InputError, 'pod x/a labels: "oops" is not a label (write key=value)');
    expect(() => parseLabels('=v', 'labels')).to.throw(InputError, '"=v"');
  });
});

describe('applyLabelChanges', () => {
  it('sets, overwrites and removes (k-) as kubectl label does, without touching the input', () => {
    const before = { app: 'web', tier: 'fe', env: 'dev' };
    expect(applyLabelChanges(before, 'env=prod, tier-, new=1', 'relabel')).to.deep.equal({ app: 'web', env: 'prod', new: '1' });
    expect(before).to.deep.equal({ app: 'web', tier: 'fe', env: 'dev' });
  });

  it('removing a missing key is a no-op; a value ending in - is a value', () => {
    expect(applyLabelChanges({ a: '1' }, 'zz-', 'relabel')).to.deep.equal({ a: '1' });
    expect(applyLabelChanges({}, 'a=b-', 'relabel')).to.deep.equal({ a: 'b-' });
  });

  it('rejects a change that is neither k=v nor k-', () => {
    expect(() => applyLabelChanges({}, 'what', 'relabel x/a')).to.throw(InputError, 'relabel x/a: "what"');
  });
});

describe('parseProtocol', () => {
  it('accepts TCP, UDP and SCTP in any case', () => {
    expect(parseProtocol('tcp', 'p')).to.equal('TCP');
    expect(parseProtocol('Udp', 'p')).to.equal('UDP');
    expect(parseProtocol('SCTP', 'p')).to.equal('SCTP');
  });

  it('rejects others, listing the valid ones', () => {
    expect(() => parseProtocol('ICMP', 'port')).to.throw(InputError, 'port: unknown protocol "ICMP"; use TCP, UDP, SCTP');
  });
});

describe('parsePort', () => {
  const valid: [string, object][] = [
    ['80/TCP', { port: 80, protocol: 'TCP' }],
    ['53/udp', { port: 53, protocol: 'UDP' }],
    ['9000/SCTP', { port: 9000, protocol: 'SCTP' }],
    ['http:80/TCP', { port: 80, protocol: 'TCP', name: 'http' }],
    ['serve-81-udp:81/UDP', { port: 81, protocol: 'UDP', name: 'serve-81-udp' }],
    [' 1/TCP ', { port: 1, protocol: 'TCP' }],
    ['65535/TCP', { port: 65535, protocol: 'TCP' }],
  ];
  for (const [text, expected] of valid) {
    it(`reads ${JSON.stringify(text)}`, () => {
      expect(parsePort(text, 'port')).to.deep.equal(expected);
    });
  }

  it('requires a protocol, in features and on the command line alike', () => {
    expect(() => parsePort('80', 'feature port')).to.throw(InputError, 'feature port: "80" needs a protocol (80/TCP, /UDP or /SCTP)');
    expect(() => parsePort('3306', '--port')).to.throw(InputError, '--port: "3306" needs a protocol (3306/TCP, /UDP or /SCTP)');
  });

  for (const text of ['0/TCP', '65536/TCP', 'x/TCP', '80/', '/TCP', 'HTTP:80/TCP', '80/TCP/UDP', '-1/TCP', '']) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      expect(() => parsePort(text, 'port')).to.throw(InputError, /port: .* is not a port|unknown protocol/);
    });
  }

  it('rejects an unknown protocol', () => {
    expect(() => parsePort('80/ICMP', 'port')).to.throw(InputError, 'unknown protocol "ICMP"');
  });
});

describe('parsePorts / formatPort', () => {
  it('reads a comma-separated list', () => {
    expect(parsePorts('80/TCP, 53/UDP', 'ports')).to.deep.equal([{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
    expect(parsePorts('', 'ports')).to.deep.equal([]);
  });

  it('prints port/PROTOCOL', () => {
    expect(formatPort({ port: 3306, protocol: 'TCP' })).to.equal('3306/TCP');
    expect(formatPort(parsePort('dns:53/udp', 'p'))).to.equal('53/UDP');
  });
});
