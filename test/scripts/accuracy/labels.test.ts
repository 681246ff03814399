import { describe, expect, it } from 'vitest';
import { parseLabels } from '../../../scripts/accuracy/labels.js';
import { AccuracyError } from '../../../scripts/accuracy/accuracy-error.js';

describe('labels', () => {
  it('reads true, false and null labels with their text, href and why', () => {
    const l = parseLabels({
      indicators: ['disclosure-portal'],
      pages: { 'p.html': { lang: 'zh', notes: 'n', labels: { 'disclosure-portal': { value: true, text: '信息公开', href: '/xxgk/' }, 'icp-filing': { value: null, why: 'image only' } } } },
    }, 'labels.json');
    expect(l.indicators).toEqual(['disclosure-portal', 'icp-filing']);
    const p = l.pages.get('p.html')!;
    expect(p.lang).toBe('zh');
    expect(p.labels.get('disclosure-portal')).toEqual({ value: true, text: '信息公开', href: '/xxgk/' });
    expect(p.labels.get('icp-filing')).toEqual({ value: null, why: 'image only' });
  });

  it('takes a file still being written: no pages yet', () => {
    expect(parseLabels({ indicators: ['a'] }, 'labels.json').pages.size).toBe(0);
  });

  it('names the page and field of a bad value', () => {
    const bad = { pages: { 'p.html': { labels: { 'site-search': { value: 'yes' } } } } };
    expect(() => parseLabels(bad, 'labels.json')).toThrow(AccuracyError);
    expect(() => parseLabels(bad, 'labels.json')).toThrow(/labels\.json: pages\["p\.html"\]\.labels\["site-search"\]\.value: expected true, false or null, got "yes"/);
    expect(() => parseLabels({ indicators: 'a' }, 'labels.json')).toThrow(/"indicators" must be a list/);
  });
});
