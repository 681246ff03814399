// Phone checks on measurements the browser took (src/browser/mobile-metrics.ts): overflow, text
// size, tap targets, and where a phone user agent was sent. Thresholds are options.
import type { PageInput } from '../checklist/page-input.js';
import type { PageVerdict } from '../checklist/types.js';
import { hostMatchesGlob } from '../crawl/scope.js';
import { checkKnownKeys, checkStringList, type Detector } from './detector.js';

const num = (m: Record<string, unknown> | undefined, k: string): number => Number(m?.[k] ?? NaN);

function metricsOf(page: PageInput): Record<string, unknown> | undefined {
  return page.metrics && typeof page.metrics['scrollWidth'] === 'number' ? page.metrics : undefined;
}

const noMetrics = (page: PageInput): PageVerdict => ({ outcome: 'notApplicable', evidence: [], reason: `no phone measurements for ${page.url}` });

export interface LayoutOptions {
  /** Pixels of overflow tolerated (scrollbars, rounding). @default 8 */
  tolerancePx?: number;
}

export function layoutVerdict(page: PageInput, o: LayoutOptions): PageVerdict {
  const m = metricsOf(page);
  if (!m) return noMetrics(page);
  const sw = num(m, 'scrollWidth');
  const vw = num(m, 'viewportWidth');
  const value = `scrollWidth ${sw} at viewport ${vw}`;
  const ok = sw <= vw + (o.tolerancePx ?? 8);
  return { outcome: ok ? 'pass' : 'fail', value: sw, evidence: [{ pageUrl: page.url, value, rule: ok ? 'no horizontal overflow on a phone' : 'the page is wider than the phone screen' }] };
}

export const mobileLayout: Detector<LayoutOptions> = {
  validate: (options) => checkKnownKeys(options, ['tolerancePx']),
  run: (page, o) => layoutVerdict(page, o),
};

export interface ShareOptions {
  /** Share needed to pass. */
  minShare?: number;
}

function shareVerdict(page: PageInput, good: number, all: number, minShare: number, what: string, offenders: unknown): PageVerdict {
  if (all === 0) return { outcome: 'notApplicable', evidence: [], reason: `no ${what} on the page` };
  const share = good / all;
  const pct = Math.round(share * 100);
  const examples = Array.isArray(offenders) && offenders.length ? `; e.g. ${offenders.slice(0, 2).join(' | ')}` : '';
  return {
    outcome: share >= minShare ? 'pass' : 'fail',
    value: Math.round(share * 1000) / 1000,
    evidence: [{ pageUrl: page.url, value: `${pct}%`, rule: `${pct}% of ${what} (${Math.round(minShare * 100)}% needed)${share >= minShare ? '' : examples}` }],
  };
}

// Lighthouse's font-size audit passed a page when at least 60% of its text was 12 px or larger.
export const textSize: Detector<ShareOptions> = {
  validate: (options) => checkKnownKeys(options, ['minShare']),
  run(page, o) {
    const m = metricsOf(page);
    if (!m) return noMetrics(page);
    return shareVerdict(page, num(m, 'readableChars'), num(m, 'textChars'), o.minShare ?? 0.6, `visible text at ${num(m, 'minTextPx')} CSS px or larger`, m['smallText']);
  },
};

// Lighthouse's tap-targets audit passed at 90% of targets sized or spaced well.
export const tapTargets: Detector<ShareOptions> = {
  validate: (options) => checkKnownKeys(options, ['minShare']),
  run(page, o) {
    const m = metricsOf(page);
    if (!m) return noMetrics(page);
    return shareVerdict(page, num(m, 'goodTapTargets'), num(m, 'tapTargets'), o.minShare ?? 0.9, `links and buttons at least ${num(m, 'minTapPx')}×${num(m, 'minTapPx')} px or spaced apart`, m['smallTargets']);
  },
};

export interface RedirectOptions extends LayoutOptions {
  /** Hosts of mobile sites. @default m.*, wap.*, 3g.*, mobile.* */
  hosts?: string[];
}

export const mobileRedirect: Detector<RedirectOptions> = {
  validate: (options) => [...checkKnownKeys(options, ['hosts', 'tolerancePx']), ...checkStringList((options as RedirectOptions).hosts, 'options.hosts')],
  run(page, o) {
    if (!metricsOf(page) || !page.staticUrl) return noMetrics(page);
    const phoneHost = new URL(page.url).hostname;
    const desktopHost = new URL(page.staticUrl).hostname;
    const hosts = o.hosts ?? ['m.*', 'wap.*', '3g.*', 'mobile.*'];
    if (phoneHost === desktopHost || !hosts.some((g) => hostMatchesGlob(phoneHost, g))) {
      return { outcome: 'notApplicable', evidence: [], reason: `a phone stays on ${phoneHost}` };
    }
    const layout = layoutVerdict(page, o);
    const e = layout.evidence[0]!;
    return {
      outcome: layout.outcome,
      evidence: [{ pageUrl: page.url, value: e.value, rule: `a phone is sent to ${phoneHost}, which ${layout.outcome === 'pass' ? 'fits the screen' : 'does not fit the screen'}` }],
    };
  },
};
