// Crawl options as the API takes them: durations are bounded by what timers accept.
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, OptionError, resolveCrawlOptions } from '../../src/crawl/crawl-options.js';

describe('resolveCrawlOptions', () => {
  it('accepts the longest delay a timer holds', () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
    expect(resolveCrawlOptions({ siteTimeMs: MAX_TIMER_MS, delayMs: MAX_TIMER_MS }).siteTimeMs).toBe(MAX_TIMER_MS);
  });

  it.each(['siteTimeMs', 'totalTimeoutMs', 'responseTimeoutMs', 'connectTimeoutMs', 'renderTimeoutMs', 'delayMs', 'maxCrawlDelayMs', 'retryBaseMs', 'maxRetryAfterMs'] as const)(
    'refuses %s past 2^31-1 ms, naming it', (key) => {
      expect(() => resolveCrawlOptions({ [key]: 3_000_000_000 })).toThrow(OptionError);
      expect(() => resolveCrawlOptions({ [key]: 3_000_000_000 })).toThrow(new RegExp(`${key} must be .*at most 2147483647.*got 3000000000`));
    });

  it('refuses counts past what a number holds exactly', () => {
    expect(() => resolveCrawlOptions({ maxPages: 2 ** 53 })).toThrow(/maxPages must be a whole number, at least 1 and at most 9007199254740991, got 9007199254740992/);
  });
});
