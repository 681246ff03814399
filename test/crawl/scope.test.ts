import { describe, expect, it } from 'vitest';
import { SiteScope, registrableDomain } from '../../src/crawl/scope.js';
import { DEFAULT_SERVICE_PLATFORMS } from '../../src/crawl/crawl-options.js';

describe('SiteScope', () => {
  const scope = new SiteScope(new URL('http://www.lanjiang.gov.cn/'), DEFAULT_SERVICE_PLATFORMS);

  it('knows gov.cn is a public suffix', () => {
    expect(registrableDomain('xxgk.lanjiang.gov.cn')).toBe('lanjiang.gov.cn');
    expect(registrableDomain('www.fdta.gov')).toBe('fdta.gov');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
  });

  it('takes subdomains, a service platform, and nothing else', () => {
    expect(scope.classify(new URL('http://xxgk.lanjiang.gov.cn/a'))).toBe('site');
    expect(scope.classify(new URL('http://lanjiang.zwfw.gov.cn/'))).toBe('platform');
    expect(scope.classify(new URL('http://www.other.gov.cn/'))).toBe('out');
    expect(scope.classify(new URL('http://www.example-travel.com/'))).toBe('out');
  });

  it('adds the domain a homepage redirected to', () => {
    const s = new SiteScope(new URL('http://old.gov.cn/'), []);
    s.addDomainOf(new URL('https://www.new.gov.cn/'));
    expect(s.classify(new URL('https://xxgk.new.gov.cn/'))).toBe('site');
  });
});
