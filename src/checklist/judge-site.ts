// The runner: every indicator over a site's stored snapshots, page verdicts rolled up to the
// site. A detector that throws, or an input that is missing, becomes `error` here: never a
// crash, never a pass. Input that cannot exist (no browser) is `notApplicable`, with the reason.
import { getDetector } from '../detectors/registry.js';
import type { SiteFacts } from '../detectors/detector.js';
import type { PageInput } from './page-input.js';
import type { DetectorConfig, Evidence, IndicatorInput, IndicatorRecord, IndicatorResult, PageVerdict } from './types.js';

export interface SiteInputs {
  /** Pages per input kind, homepage first. Undefined when that input was not collected. */
  pages: Partial<Record<IndicatorInput, PageInput[]>>;
  /** Why an input is missing: "no browser" makes its indicators notApplicable; anything else is an error. */
  missing: Partial<Record<IndicatorInput, string>>;
  facts: SiteFacts;
}

export const NO_BROWSER = 'no browser';
/** The browser ran but no page looked like it needed it: rendered-only checks have nothing to judge. */
export const NOT_RENDERED = 'no page needed rendering';
const NOT_APPLICABLE_REASONS = new Set([NO_BROWSER, NOT_RENDERED]);
const MAX_EVIDENCE = 3;
const DEFAULT_MIN_SHARE = 0.8;

function runOne(cfg: DetectorConfig, page: PageInput, facts: SiteFacts): PageVerdict {
  const detector = getDetector(cfg.detector);
  if (!detector) throw new Error(`unknown detector ${cfg.detector}`);
  return detector.run(page, cfg.options, facts);
}

/** The main detector, then each alternative, until one passes. */
function judgePage(ind: IndicatorRecord, page: PageInput, facts: SiteFacts): PageVerdict {
  let verdict = runOne(ind, page, facts);
  for (const alt of ind.alternatives ?? []) {
    if (verdict.outcome === 'pass') break;
    const next = runOne(alt, page, facts);
    if (next.outcome === 'pass' || verdict.outcome === 'notApplicable') verdict = next;
  }
  return verdict;
}

export function judgeIndicator(ind: IndicatorRecord, inputs: SiteInputs): IndicatorResult {
  const base = { id: ind.id, category: ind.category };
  const pages = inputs.pages[ind.input];
  if (!pages || pages.length === 0) {
    const why = inputs.missing[ind.input] ?? `no ${ind.input} snapshot`;
    return NOT_APPLICABLE_REASONS.has(why)
      ? { ...base, outcome: 'notApplicable', evidence: [], reason: why }
      : { ...base, outcome: 'error', evidence: [], reason: `missing input: ${why}` };
  }
  const candidates = ind.rollup === 'homepage' ? pages.filter((p) => p.isHomepage).slice(0, 1) : pages;
  if (candidates.length === 0) return { ...base, outcome: 'error', evidence: [], reason: 'missing input: no homepage snapshot' };

  let verdicts: { page: PageInput; v: PageVerdict }[];
  try {
    verdicts = candidates.map((page) => ({ page, v: judgePage(ind, page, inputs.facts) }));
  } catch (err) {
    return { ...base, outcome: 'error', evidence: [], reason: `detector ${ind.detector} failed: ${(err as Error)?.message ?? String(err)}` };
  }
  const applicable = verdicts.filter((x) => x.v.outcome !== 'notApplicable');
  if (applicable.length === 0) {
    return { ...base, outcome: 'notApplicable', evidence: [], reason: verdicts[0]?.v.reason ?? 'not applicable to these pages' };
  }
  const passed = applicable.filter((x) => x.v.outcome === 'pass');

  if (ind.rollup === 'share-of-pages') {
    const share = passed.length / applicable.length;
    const need = ind.minShare ?? DEFAULT_MIN_SHARE;
    const sample: Evidence[] = (share >= need ? passed : applicable.filter((x) => x.v.outcome === 'fail'))
      .flatMap((x) => x.v.evidence.length ? x.v.evidence.slice(0, 1) : [{ pageUrl: x.page.url, rule: x.v.reason ?? 'failed' }])
      .slice(0, MAX_EVIDENCE);
    const summary: Evidence = { pageUrl: candidates[0]!.url, value: Math.round(share * 1000) / 10, rule: `${passed.length} of ${applicable.length} pages pass (${Math.round(need * 100)}% needed)` };
    return { ...base, outcome: share >= need ? 'pass' : 'fail', value: share, evidence: [summary, ...sample] };
  }
  if (passed.length > 0) {
    return { ...base, outcome: 'pass', evidence: passed.flatMap((x) => x.v.evidence).slice(0, MAX_EVIDENCE), value: passed[0]!.v.value };
  }
  // A fail still says what was searched and, where a detector saw near misses, why they did not count.
  const first = applicable[0]!;
  const reasons = applicable.map((x) => x.v.reason).filter(Boolean);
  const evidence: Evidence[] = first.v.evidence.length
    ? first.v.evidence.slice(0, MAX_EVIDENCE)
    : [{ pageUrl: first.page.url, rule: `searched ${applicable.length} page${applicable.length > 1 ? 's' : ''}${reasons[0] ? `; ${reasons[0]}` : ''}` }];
  return { ...base, outcome: 'fail', evidence, value: first.v.value, reason: reasons[0] };
}

export function judgeSite(indicators: Iterable<IndicatorRecord>, inputs: SiteInputs): IndicatorResult[] {
  return [...indicators].map((ind) => judgeIndicator(ind, inputs));
}
