// HTTP answers and network errors mapped to the page-status taxonomy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../../src/fixture-server/index.js';
import { statusForHttp } from '../../src/crawl/fetch-errors.js';
import { PAGE_STATUSES, RETRYABLE_STATUSES } from '../../src/crawl/types.js';
import { PAGE_STATUS_ORDER } from '../../src/export/sheets.js';
import { HOST, crawlOnce, page, startHostileWeb } from '../helpers/hostile-web.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startHostileWeb({ '/': page('首页', ['/a.html']), '/a.html': page('文章', ['/']) });
});
afterAll(() => server.close());

describe('statusForHttp', () => {
  it('names the anti-bot 412 answer challenge, not a generic http-4xx, and does not retry it', () => {
    expect(statusForHttp(412)).toBe('challenge');
    expect(statusForHttp(404)).toBe('http-4xx');
    expect(statusForHttp(403)).toBe('blocked');
    expect(RETRYABLE_STATUSES.has('challenge')).toBe(false);
    // Every status is listed where statuses are shown in order (the Pages sheet).
    expect([...PAGE_STATUS_ORDER].sort()).toEqual([...PAGE_STATUSES].sort());
  });

  it('records a 412 page as challenge in a crawl, fetched once', async () => {
    server.setBehaviour(HOST, '/a.html', { kind: 'status', status: 412, body: '<html><script>/* WAF challenge */</script></html>' });
    const r = await crawlOnce(server, '/');
    expect(r.byUrl('/a.html')).toMatchObject({ status: 'challenge', httpStatus: 412, attempts: 1 });
    expect(r.summary.byStatus.challenge).toBe(1);
    expect(r.summary.pagesFailed).toBe(1);
  });
});
