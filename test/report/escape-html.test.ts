// Escaping: crawled text stays text in bodies and attributes, and only http(s) URLs become links.
import { describe, expect, it } from 'vitest';
import { clip, escapeAttr, escapeText, html, linkOrText, safeHref, trusted } from '../../src/report/escape-html.js';

describe('escapeText / escapeAttr', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeText(`<script>alert(1)</script>`)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeAttr(`"><b>x</b>`)).toBe('&quot;&gt;&lt;b&gt;x&lt;/b&gt;');
    expect(escapeAttr(`' onmouseover='x`)).toBe('&#39; onmouseover=&#39;x');
    expect(escapeText('a & b')).toBe('a &amp; b');
    expect(escapeText('&lt;')).toBe('&amp;lt;'); // already-escaped input is not trusted either
  });

  it('leaves Chinese and other text alone and stringifies non-strings', () => {
    expect(escapeText('国家发展和改革委员会 — 政务公开')).toBe('国家发展和改革委员会 — 政务公开');
    expect(escapeText(42)).toBe('42');
    expect(escapeText(undefined)).toBe('');
    expect(escapeText(null)).toBe('');
  });
});

describe('html template', () => {
  it('escapes interpolations, passes Html through, joins arrays and drops empty parts', () => {
    const name = '<img src=x onerror=alert(1)>';
    const out = html`<p title="${name}">${name}${html`<br>`}${['<a>', html`<i>ok</i>`]}${undefined}${false}${null}${0}</p>`;
    expect(out.value).toBe('<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;<br>&lt;a&gt;<i>ok</i>0</p>');
    expect(String(trusted('<svg></svg>'))).toBe('<svg></svg>');
  });
});

describe('safeHref', () => {
  it('accepts absolute http and https URLs, returning the parsed form', () => {
    expect(safeHref('https://www.gov.cn/zhengce/')).toBe('https://www.gov.cn/zhengce/');
    expect(safeHref('  HTTP://WWW.NDRC.GOV.CN/a b  ')).toBe('http://www.ndrc.gov.cn/a%20b');
    expect(safeHref('http://例子.政务/路径')).toBe('http://xn--fsqu00a.xn--zfr164b/%E8%B7%AF%E5%BE%84');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'mailto:a@b.cn',
    '/relative/path',
    '//evil.example/x',
    'https://user:pw@evil.example/',
    '',
    'not a url',
  ])('rejects %j', (u) => {
    expect(safeHref(u)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(safeHref(undefined)).toBeUndefined();
    expect(safeHref(42)).toBeUndefined();
  });
});

describe('linkOrText', () => {
  it('links http(s) URLs with no referrer and escapes the label', () => {
    const out = linkOrText('https://www.gov.cn/?a=1&b="2"', '<b>首页</b>').value;
    expect(out).toBe('<a class="url" href="https://www.gov.cn/?a=1&amp;b=%222%22" rel="noopener noreferrer nofollow" target="_blank">&lt;b&gt;首页&lt;/b&gt;</a>');
  });

  it('shows anything else as escaped text, never as a link', () => {
    const out = linkOrText('javascript:alert("x")').value;
    expect(out).not.toContain('<a');
    expect(out).not.toContain('href');
    expect(out).toBe('<span class="url unlinked">javascript:alert(&quot;x&quot;)</span>');
  });
});

describe('clip', () => {
  it('keeps short text and cuts long text on code points', () => {
    expect(clip('政务公开', 10)).toBe('政务公开');
    expect(clip('𠀀𠀀𠀀𠀀', 3)).toBe('𠀀𠀀…');
  });
});
