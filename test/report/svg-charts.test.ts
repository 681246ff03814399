// The charts as strings: bands of 10 with 100 in the last, one bar per band and per category, labels escaped.
import { describe, expect, it } from 'vitest';
import { categoryBars, scoreBands, scoreHistogram, textWidthEm } from '../../src/report/svg-charts.js';

describe('scoreBands', () => {
  it('puts totals in bands of 10, a perfect score in the last, and clamps strays', () => {
    const b = scoreBands([0, 9.9, 10, 55, 59.9, 90, 100, -3, 120, Number.NaN]);
    expect(b.map((x) => x.count)).toEqual([3, 1, 0, 0, 0, 2, 0, 0, 0, 3]);
    expect(b[0]).toMatchObject({ from: 0, to: 9 });
    expect(b[9]).toMatchObject({ from: 90, to: 100 });
  });
});

describe('scoreHistogram', () => {
  it('draws ten bars, sized by count, with count and range labels', () => {
    const svg = scoreHistogram([82.5, 70, 70, 12]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(10);
    expect(svg).toContain('data-band="70–79" data-count="2"');
    expect(svg).toContain('>90–100</text>');
    expect(svg).toContain('role="img"');
    // the tallest band fills the plot; an empty band has no height
    expect(svg).toMatch(/data-band="0–9" data-count="0"/);
    expect(svg).toMatch(/height="0" data-band="0–9"/);
  });

  it('renders with no sites', () => {
    const svg = scoreHistogram([]);
    expect(svg).toContain('no scored sites');
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(10);
  });
});

describe('categoryBars', () => {
  it('draws a track and a bar per category with its value, and escapes labels', () => {
    const svg = categoryBars([
      { label: '信息公开', share: 0.5 },
      { label: '<script>x</script>', share: 1, value: '35.0 / 35.0' },
      { label: 'n/a', share: undefined },
    ], { width: 500 });
    expect(svg.match(/<rect class="track"/g)).toHaveLength(3);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('>50%</text>');
    expect(svg).toContain('>35.0 / 35.0</text>');
    expect(svg).toContain('>n.a.</text>');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('estimates CJK wider than Latin', () => {
    expect(textWidthEm('信息公开')).toBe(4);
    expect(textWidthEm('abcd')).toBeCloseTo(2.4);
  });
});
