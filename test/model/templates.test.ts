// Address templates in policy text: {{ip E}} and {{net E PREFIX}}, expanded against the topology.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { expandTemplates, hasTemplates } from '../../src/model/templates.js';
import { InputError } from '../../src/model/errors.js';
import { buildTopology } from '../../src/model/build-topology.js';
import { findEndpoint } from '../../src/model/topology.js';
import { pod } from '../engine/cases.js';

const topology = buildTopology([pod('x', 'a', {}, [], '10.244.7.9'), pod('y', 'b', {}, [], 'fd00:10::2')], [{ name: 'backup', ip: '192.168.5.10', ports: [] }]);

describe('findEndpoint', () => {
  it('finds pods and external hosts', () => {
    expect(findEndpoint(topology, 'x/a')?.ip).to.equal('10.244.7.9');
    expect(findEndpoint(topology, 'backup')?.ip).to.equal('192.168.5.10');
    expect(findEndpoint(topology, 'nobody')).to.equal(undefined);
  });
});

describe('expandTemplates', () => {
  it('expands {{ip E}} to the address', () => {
    expect(expandTemplates('cidr: {{ip x/a}}/32', topology, 'policy')).to.equal('cidr: 10.244.7.9/32');
    expect(expandTemplates('cidr: {{ ip backup }}/32', topology, 'policy')).to.equal('cidr: 192.168.5.10/32');
  });

  it('expands {{net E P}} to the network containing the address', () => {
    expect(expandTemplates('{{net x/a 16}}', topology, 'policy')).to.equal('10.244.0.0/16');
    expect(expandTemplates('{{net x/a 32}}', topology, 'policy')).to.equal('10.244.7.9/32');
    expect(expandTemplates('{{net y/b 64}}', topology, 'policy')).to.equal('fd00:10::/64');
  });

  it('expands {{ip6 E}} and {{net6 E P}} to the IPv6 address of a dual-stack pod', () => {
    expect(expandTemplates('{{ip6 x/a}}', topology, 'policy')).to.equal('fd00:10:244::af4:709');
    expect(expandTemplates('{{net6 x/a 112}}', topology, 'policy')).to.equal('fd00:10:244::af4:0/112');
    expect(expandTemplates('{{ip6 y/b}}', topology, 'policy')).to.equal('fd00:10::2');
    expect(() => expandTemplates('{{ip6 backup}}', topology, 'policy')).to.throw(InputError, 'policy: {{ip6 backup}}: backup has no IPv6 address');
  });

  it('expands several templates and leaves other text alone', () => {
    const text = 'cidr: {{net x/a 24}}\nexcept: [{{ip x/a}}/32]\n# {{not a template}}';
    expect(expandTemplates(text, topology, 'policy')).to.equal('cidr: 10.244.7.0/24\nexcept: [10.244.7.9/32]\n# {{not a template}}');
  });

  it('rejects an unknown endpoint, naming the template', () => {
    expect(() => expandTemplates('{{ip x/zz}}', topology, 'step 3')).to.throw(InputError, 'step 3: {{ip x/zz}} names unknown endpoint "x/zz"');
  });

  it('requires a prefix for net, valid for the family', () => {
    expect(() => expandTemplates('{{net x/a}}', topology, 'p')).to.throw(InputError, 'p: {{net x/a}} needs a prefix length ({{net x/a 16}})');
    expect(() => expandTemplates('{{net x/a 33}}', topology, 'p')).to.throw(InputError, '/33 is not a valid prefix for 10.244.7.9');
  });
});

describe('hasTemplates', () => {
  it('detects templates, repeatedly (no regex state kept between calls)', () => {
    expect(hasTemplates('{{ip x/a}}')).to.equal(true);
    expect(hasTemplates('{{ip x/a}}')).to.equal(true);
    expect(hasTemplates('{{net x/a 8}}')).to.equal(true);
    expect(hasTemplates('cidr: 10.0.0.0/8')).to.equal(false);
    expect(hasTemplates('{{other x}}')).to.equal(false);
  });
});
