// The private ranges in every written form, canonical host names, and per-origin, per-site trust.
import { BlockList, isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canonicalHost, embeddedIPv4, isPrivateAddress, isPrivateHostname } from '../../src/crawl/address-guard.js';
import { OriginTrust } from '../../src/crawl/origin-trust.js';
import { ResolveMap } from '../../src/crawl/resolve-map.js';

// Loopback, private, link-local and metadata addresses written every way a socket accepts them.
const PRIVATE = {
  ipv4: ['127.0.0.1', '127.255.255.254', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '198.18.0.1', '224.0.0.1', '255.255.255.255'],
  ipv6: ['::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'fec0::1', 'ff02::1', '100::1', '[::1]'],
  mapped: ['::ffff:127.0.0.1', '::ffff:7f00:1', '::FFFF:7F00:0001', '0:0:0:0:0:ffff:7f00:1', '0:0:0:0:0:ffff:127.0.0.1', '::ffff:10.0.0.5', '::ffff:a00:5', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '[::ffff:7f00:1]'],
  siit: ['::ffff:0:7f00:1', '::ffff:0:127.0.0.1', '::ffff:0:a00:5'],
  compatible: ['::127.0.0.1', '::7f00:1', '::10.0.0.5', '::a00:5', '::169.254.169.254', '::a9fe:a9fe'],
  nat64: ['64:ff9b::7f00:1', '64:ff9b::127.0.0.1', '64:ff9b::a00:5', '64:ff9b::169.254.169.254', '64:ff9b::c0a8:101', '64:ff9b:1::1', '64:ff9b:1:ffff::8.8.8.8'],
  sixToFour: ['2002:7f00:1::1', '2002:a00:5::1', '2002:a9fe:a9fe::'],
  notAnAddress: ['', 'not-an-ip', '127.0.0.1.5', '::ffff:127.0.0.1.5', '1.2.3'],
};
const PUBLIC = ['202.108.22.5', '8.8.8.8', '2001:db8::1', '2400:3200::1', '240e::1', '::ffff:8.8.8.8', '::ffff:808:808', '::ffff:0:808:808', '64:ff9b::808:808', '64:ff9b::8.8.8.8', '2002:808:808::1', '::ca6c:1605'];

describe('address guard', () => {
  for (const [form, list] of Object.entries(PRIVATE)) {
    it(`refuses ${form} forms`, () => {
      for (const a of list) expect(isPrivateAddress(a), a).toBe(true);
    });
  }

  it('lets public addresses through, in IPv6 forms that carry a public IPv4 address too (DNS64 networks)', () => {
    for (const a of PUBLIC) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('every IPv6 form reaches the IPv6 check (isIP says 6), and the embedded IPv4 address is found in each', () => {
    for (const a of [...PRIVATE.mapped, ...PRIVATE.siit, ...PRIVATE.compatible, ...PRIVATE.nat64.slice(0, 5)]) {
      expect(isIP(a.replace(/^\[|\]$/g, '')), a).toBe(6);
      expect(embeddedIPv4(a.replace(/^\[|\]$/g, '')), a).toMatch(/^(127|10|169\.254|192\.168)\./);
    }
    expect(embeddedIPv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIPv4('64:ff9b::a9fe:a9fe')).toBe('169.254.169.254');
    expect(embeddedIPv4('2002:a00:5::1')).toBe('10.0.0.5');
    expect(embeddedIPv4('2400:3200::1')).toBeUndefined();
  });

  it("needs its own parsing: Node's BlockList matches mapped forms but not IPv4-compatible, SIIT or NAT64 ones", () => {
    const v4 = new BlockList();
    v4.addSubnet('127.0.0.0', 8, 'ipv4');
    expect(v4.check('::ffff:7f00:1', 'ipv6')).toBe(true);
    for (const a of ['::7f00:1', '::ffff:0:7f00:1', '64:ff9b::7f00:1']) expect(v4.check(a, 'ipv6'), a).toBe(false);
  });
});

describe('canonical host names', () => {
  it('drops the trailing dot, lower-cases, applies IDNA, serialises IP literals as WHATWG does', () => {
    expect(canonicalHost('LocalHost.')).toBe('localhost');
    expect(canonicalHost('foo.localhost.')).toBe('foo.localhost');
    expect(canonicalHost('WWW.GOV.CN.')).toBe('www.gov.cn');
    expect(canonicalHost('政府.中国')).toBe('xn--mxtq1m.xn--fiqs8s');
    expect(canonicalHost('[::FFFF:127.0.0.1]')).toBe('::ffff:7f00:1');
    expect(canonicalHost('::1')).toBe('::1');
    expect(canonicalHost('127.1')).toBe('127.0.0.1');
    expect(canonicalHost('0x7f.0.0.1')).toBe('127.0.0.1');
    for (const bad of ['', '.', '..', 'a b', 'xn--', '[::1', 'fe80::1%eth0', '::ffff:1.2.3']) expect(canonicalHost(bad), bad).toBeUndefined();
  });

  it('names this machine however it is spelled, without a lookup', () => {
    for (const h of ['localhost', 'localhost.', 'LOCALHOST.', 'foo.localhost', 'foo.localhost.', 'metadata.google.internal.', '127.1', '0x7f.1', '[::1]', '[::ffff:7f00:1]', '', 'a b']) {
      expect(isPrivateHostname(h), h).toBe(true);
    }
    for (const h of ['www.gov.cn', 'www.gov.cn.', 'localhost.gov.cn', '8.8.8.8']) expect(isPrivateHostname(h), h).toBe(false);
  });
});

describe('origin trust', () => {
  const resolve = new ResolveMap(['*.fixture.gov.cn=127.0.0.1']);

  it('trusts the seed on its own port, not on every port', () => {
    const t = OriginTrust.forSeed('http://www.intra.gov.cn:8080/', { allowPrivate: false, resolve });
    expect(t.trusts('www.intra.gov.cn', 8080)).toBe(true);
    expect(t.trusts('WWW.INTRA.GOV.CN.', 8080)).toBe(true);
    expect(t.trusts('www.intra.gov.cn', 8081)).toBe(false);
    expect(t.trusts('www.intra.gov.cn', 80)).toBe(false);
    expect(t.trusts('other.intra.gov.cn', 8080)).toBe(false);
  });

  it('a seed without a port covers the two web ports (http moving to https), nothing else', () => {
    const t = OriginTrust.forSeed('http://intra.gov.cn/', { allowPrivate: false, resolve });
    expect([80, 443, 8080, 22, 6379].map((p) => t.trusts('intra.gov.cn', p))).toEqual([true, true, false, false, false]);
  });

  it('--resolve hosts are trusted on the seed ports of the site only', () => {
    const t = OriginTrust.forSeed('http://www.fixture.gov.cn:18080/', { allowPrivate: false, resolve });
    expect(t.trusts('xxgk.fixture.gov.cn', 18080)).toBe(true);
    expect(t.trusts('xxgk.fixture.gov.cn', 18081)).toBe(false);
    expect(t.trusts('www.other.gov.cn', 18080)).toBe(false);
  });

  it('each site has its own trust; --allow-private trusts everything', () => {
    const a = OriginTrust.forSeed('http://intranet-a.gov.cn:8000/', { allowPrivate: false, resolve });
    const b = OriginTrust.forSeed('http://www.b.gov.cn:9000/', { allowPrivate: false, resolve });
    expect(a.trusts('intranet-a.gov.cn', 8000)).toBe(true);
    expect(b.trusts('intranet-a.gov.cn', 8000)).toBe(false);
    const all = OriginTrust.forSeed('http://www.b.gov.cn/', { allowPrivate: true, resolve });
    expect(all.trusts('127.0.0.1', 6379)).toBe(true);
  });
});
