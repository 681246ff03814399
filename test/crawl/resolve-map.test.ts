import { describe, expect, it } from 'vitest';
import { ResolveMap, parseResolveEntry } from '../../src/crawl/resolve-map.js';
import { isPrivateAddress, isPrivateHostname } from '../../src/crawl/address-guard.js';

describe('ResolveMap', () => {
  it('pins exact hosts and wildcard subdomains', () => {
    const m = new ResolveMap(['www.shifan.gov.cn=127.0.0.1', '*.lanjiang.gov.cn=127.0.0.2']);
    expect(m.lookup('WWW.SHIFAN.GOV.CN')).toBe('127.0.0.1');
    expect(m.lookup('xxgk.lanjiang.gov.cn')).toBe('127.0.0.2');
    expect(m.lookup('lanjiang.gov.cn')).toBe('127.0.0.2');
    expect(m.lookup('shifan.gov.cn')).toBeUndefined();
    expect(m.toHostResolverRules()).toContain('MAP www.shifan.gov.cn 127.0.0.1');
  });

  it('rejects malformed entries with the entry in the message', () => {
    expect(() => parseResolveEntry('www.x.gov.cn')).toThrow(/HOST=ADDRESS/);
    expect(() => parseResolveEntry('www.x.gov.cn=not-an-ip')).toThrow(/not an IP/);
  });
});

describe('address guard', () => {
  it('flags loopback, private, link-local and metadata addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', '::ffff:127.0.0.1', '0.0.0.0']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['202.108.22.5', '8.8.8.8', '2001:db8::1']) expect(isPrivateAddress(a), a).toBe(false);
    expect(isPrivateHostname('localhost')).toBe(true);
    expect(isPrivateHostname('metadata.google.internal')).toBe(true);
    expect(isPrivateHostname('www.gov.cn')).toBe(false);
  });
});
