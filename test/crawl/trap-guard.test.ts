import { describe, expect, it } from 'vitest';
import { TrapGuard } from '../../src/crawl/trap-guard.js';

const limits = { maxPerPattern: 5, maxQueryVariants: 4 };

describe('TrapGuard', () => {
  it('caps calendar pages', () => {
    const g = new TrapGuard(limits);
    const verdicts = Array.from({ length: 6 }, (_, i) => g.check(new URL(`http://x.gov.cn/cal?date=2026-01-0${i + 1}`)));
    expect(verdicts.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(verdicts[3]).toMatch(/calendar/);
  });

  it('caps query variants of one path and pages of one shape', () => {
    const g = new TrapGuard(limits);
    const q = Array.from({ length: 6 }, (_, i) => g.check(new URL(`http://x.gov.cn/list.jsp?sort=${'abcdef'[i]}`)));
    expect(q.filter((v) => v === undefined)).toHaveLength(4);
    const g2 = new TrapGuard(limits);
    const p = Array.from({ length: 7 }, (_, i) => g2.check(new URL(`http://x.gov.cn/xwdt/202611/t2026112${i}_${i}.html`)));
    expect(p.filter((v) => v === undefined)).toHaveLength(5);
    expect(p[6]).toMatch(/more than 5 pages like/);
  });

  it('refuses repeating and very deep paths', () => {
    const g = new TrapGuard(limits);
    expect(g.check(new URL('http://x.gov.cn/a/b/a/b/a/b/'))).toMatch(/repeating/);
    expect(g.check(new URL('http://x.gov.cn/' + 'd/'.repeat(14)))).toMatch(/deeper/);
    expect(g.check(new URL('http://x.gov.cn/zwgk/'))).toBeUndefined();
  });
});
