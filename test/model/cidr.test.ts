// IP and CIDR parsing as the API server reads them: dotted decimal IPv4 where leading zeros are
// decimal, IPv6 via ipaddr.js, host bits cleared but flagged, strict-subset for ipBlock.except.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { cidrContains, formatCidr, formatIp, parseCidr, parseIp, isStrictSubset, type Cidr } from '../../src/model/cidr.js';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`test bug: ${text} does not parse`);
  return parsed;
}

function ip(text: string) {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`test bug: ${text} does not parse`);
  return parsed;
}

describe('parseIp', () => {
  const valid: { text: string; family: 4 | 6; value: bigint; leadingZeros?: boolean; ipv4Mapped?: boolean }[] = [
    { text: '10.1.2.3', family: 4, value: 0x0a010203n },
    { text: '0.0.0.0', family: 4, value: 0n },
    { text: '255.255.255.255', family: 4, value: 0xffffffffn },
    { text: '010.001.002.003', family: 4, value: 0x0a010203n, leadingZeros: true }, // decimal, not octal
    { text: '192.168.05.10', family: 4, value: 0xc0a8050an, leadingZeros: true },
    { text: '::', family: 6, value: 0n },
    { text: '::1', family: 6, value: 1n },
    { text: '2001:db8::10', family: 6, value: (0x20010db8n << 96n) | 0x10n },
    { text: '2001:0DB8:0000:0000:0000:0000:0000:0010', family: 6, value: (0x20010db8n << 96n) | 0x10n },
    { text: '::ffff:10.1.2.3', family: 6, value: (0xffffn << 32n) | 0x0a010203n, ipv4Mapped: true },
  ];
  for (const c of valid) {
    it(`reads ${c.text}`, () => {
      expect(parseIp(c.text)).to.deep.equal({ family: c.family, value: c.value, leadingZeros: c.leadingZeros ?? false, ipv4Mapped: c.ipv4Mapped ?? false });
    });
  }

  const invalid = ['', '10.1.2', '10.1.2.3.4', '256.1.1.1', '10.1.2.-3', '1e1.1.1.1', ' 10.1.2.3', '10.1.2.3/32', '0x0a.1.2.3', 'fe80::1%eth0', '2001:db8:::1', 'gggg::1', 'localhost', '10.1.2.1234'];
  for (const text of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      expect(parseIp(text)).to.equal(undefined);
    });
  }
});

describe('parseCidr', () => {
  it('reads an IPv4 network', () => {
    expect(parseCidr('10.10.0.0/16')).to.deep.equal({ family: 4, network: 0x0a0a0000n, prefix: 16, hostBitsSet: false, leadingZeros: false, ipv4Mapped: false });
  });

  it('clears host bits beyond the prefix and flags them', () => {
    const c = cidr('10.10.1.12/24');
    expect(c.network).to.equal(0x0a0a0100n);
    expect(c.hostBitsSet).to.equal(true);
    expect(formatCidr(c)).to.equal('10.10.1.0/24');
  });

  it('reads /0 and /32, /128', () => {
    expect(cidr('0.0.0.0/0').prefix).to.equal(0);
    expect(cidr('1.2.3.4/0')).to.deep.include({ network: 0n, hostBitsSet: true });
    expect(cidr('1.2.3.4/32')).to.deep.include({ network: 0x01020304n, hostBitsSet: false });
    expect(cidr('::1/128')).to.deep.include({ family: 6, network: 1n, prefix: 128 });
  });

  it('reads IPv6, flags host bits', () => {
    const c = cidr('2001:db8::1/64');
    expect(c).to.deep.include({ family: 6, prefix: 64, hostBitsSet: true });
    expect(formatCidr(c)).to.equal('2001:db8::/64');
  });

  it('flags leading zeros and IPv4-mapped IPv6 (strict validation rejects them)', () => {
    expect(cidr('010.0.0.0/8')).to.deep.include({ network: 0x0a000000n, leadingZeros: true });
    expect(cidr('::ffff:10.0.0.0/104')).to.deep.include({ ipv4Mapped: true, family: 6 });
  });

  for (const text of ['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/-1', '10.0.0.0/8a', '10.0.0.0/', '/8', '10.0.0/8', '10.0.0.0/1000', 'x/8']) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      expect(parseCidr(text)).to.equal(undefined);
    });
  }
});

describe('cidrContains', () => {
  const table: [string, string, boolean][] = [
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['192.168.5.10/32', '192.168.5.10', true],
    ['192.168.5.10/32', '192.168.5.11', false],
    ['0.0.0.0/0', '203.0.113.7', true],
    ['0.0.0.0/0', '::1', false], // families never mix
    ['::/0', '10.0.0.1', false],
    ['::/0', '2001:db8::1', true],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['10.10.1.12/24', '10.10.1.200', true], // host bits in the CIDR are ignored
    ['::ffff:0.0.0.0/96', '10.0.0.1', false], // an IPv4-mapped CIDR is IPv6, not IPv4
  ];
  for (const [c, address, expected] of table) {
    it(`${c} ${expected ? 'contains' : 'does not contain'} ${address}`, () => {
      expect(cidrContains(cidr(c), ip(address))).to.equal(expected);
    });
  }
});

describe('isStrictSubset', () => {
  const table: [string, string, boolean][] = [
    ['10.1.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/8', '10.0.0.0/8', false], // equal is not a strict subset
    ['10.0.0.0/8', '10.0.0.0/16', false], // supernet
    ['11.0.0.0/16', '10.0.0.0/8', false], // disjoint
    ['10.0.0.1/32', '10.0.0.0/31', true],
    ['2001:db8::/48', '2001:db8::/32', true],
    ['2001:db8::/32', '2001:db8::/32', false],
    ['10.0.0.0/16', '::/0', false], // families never mix
    ['10.0.5.7/24', '10.0.0.0/16', true], // judged on the network
  ];
  for (const [inner, outer, expected] of table) {
    it(`${inner} ${expected ? 'is' : 'is not'} a strict subset of ${outer}`, () => {
      expect(isStrictSubset(cidr(inner), cidr(outer))).to.equal(expected);
    });
  }
});

describe('formatIp / formatCidr', () => {
  it('prints canonical text', () => {
    expect(formatIp(4, 0x0a000001n)).to.equal('10.0.0.1');
    expect(formatIp(6, (0x20010db8n << 96n) | 0x10n)).to.equal('2001:db8::10');
    expect(formatIp(6, 0n)).to.equal('::');
    expect(formatCidr(cidr('010.001.0.0/16'))).to.equal('10.1.0.0/16');
    expect(formatCidr(cidr('2001:0db8:0:0:0:0:0:0/32'))).to.equal('2001:db8::/32');
  });

  it('round-trips through parse', () => {
    for (const text of ['10.244.1.0/24', '0.0.0.0/0', 'fd00:10::/64', '::/0', '192.168.5.10/32']) {
      expect(formatCidr(cidr(text))).to.equal(text);
    }
  });
});
