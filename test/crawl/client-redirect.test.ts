// Finding where a homepage sends its visitor without an HTTP redirect, from the static HTML alone.
import { describe, expect, it } from 'vitest';
import { findClientRedirect, isStubPage, refreshTarget } from '../../src/crawl/client-redirect.js';

const base = 'http://www.hengshan.gov.cn/';
const stub = (inner: string): string => `<!doctype html><html><head><meta charset="utf-8"><title>横山县人民政府</title>${inner}</head><body><p>正在跳转…</p></body></html>`;
const full = (inner: string): string => `<html><head><title>首页</title>${inner}</head><body>${Array.from({ length: 30 }, (_, i) => `<a href="/p${i}.html">栏目${i} 政务公开 办事服务</a>`).join('')}</body></html>`;

describe('findClientRedirect', () => {
  it.each([
    ['<meta http-equiv="refresh" content="0; url=/portal/index.html">', 'http://www.hengshan.gov.cn/portal/index.html'],
    ['<meta http-equiv="Refresh" content="0;URL=\'http://www.other.gov.cn/\'">', 'http://www.other.gov.cn/'],
    ['<meta content="1;url=zwgk/" http-equiv=refresh>', 'http://www.hengshan.gov.cn/zwgk/'],
  ])('follows a meta refresh: %s', (tag, url) => {
    expect(findClientRedirect(stub(tag), base)).toEqual({ url, kind: 'meta-refresh' });
    // A meta refresh sends every visitor on, whatever else the page holds.
    expect(findClientRedirect(full(tag), base)).toEqual({ url, kind: 'meta-refresh' });
  });

  it.each([
    ['<script>window.location.href="/portal/";</script>', 'http://www.hengshan.gov.cn/portal/'],
    ["<script language='javascript'>location.replace('http://www.other.gov.cn/index.html')</script>", 'http://www.other.gov.cn/index.html'],
    ['<script type="text/javascript">\n  window.location = "http://www.other.gov.cn/"\n</script>', 'http://www.other.gov.cn/'],
    ['<script>top.location.href = \'/col/col1/index.html\';</script>', 'http://www.hengshan.gov.cn/col/col1/index.html'],
  ])('follows a script redirect on a stub page: %s', (tag, url) => {
    expect(findClientRedirect(stub(tag), base)).toEqual({ url, kind: 'script' });
  });

  it('passes over a phone redirect chosen by the user agent, and takes the desktop one', () => {
    const ua = `<script>if (/Android|iPhone/i.test(navigator.userAgent)) { window.location.href = "http://m.hengshan.gov.cn/"; } else { window.location.href = "/pc/index.html"; }</script>`;
    expect(findClientRedirect(stub(ua), base)).toEqual({ url: 'http://www.hengshan.gov.cn/pc/index.html', kind: 'script' });
    const phoneOnly = `<script>if (/Android|iPhone/i.test(navigator.userAgent)) { location.href = "http://m.hengshan.gov.cn/"; }</script>`;
    expect(findClientRedirect(stub(phoneOnly), base)).toBeUndefined();
  });

  it('ignores what is no redirect: a script on a full page, a computed URL, a reload, a long delay, a refresh in <noscript> or a comment', () => {
    expect(findClientRedirect(full('<script>function go(){ location.href = "/search/"; }</script>'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<script>location.href = "/por" + "tal/";</script>'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<script>if (location.href == "http://x/") {}</script>'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<meta http-equiv="refresh" content="300">'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<meta http-equiv="refresh" content="0; url=/">'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<meta http-equiv="refresh" content="60; url=/portal/">'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<noscript><meta http-equiv="refresh" content="0; url=/nojs/"></noscript>'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<!-- <meta http-equiv="refresh" content="0; url=/old/"> -->'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">'), base)).toBeUndefined();
    expect(findClientRedirect(stub('<script src="/redirect.js">location.href="/x/"</script>'), base)).toBeUndefined();
  });

  it('reads refresh contents and tells stubs from pages', () => {
    expect(refreshTarget('0;url=/a/')).toBe('/a/');
    expect(refreshTarget('3, URL="b.html"')).toBe('b.html');
    expect(refreshTarget('5')).toBeUndefined();
    expect(isStubPage(stub(''))).toBe(true);
    expect(isStubPage(full(''))).toBe(false);
  });
});
