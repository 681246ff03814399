// Scorecards are data (checklists/scorecards/*.json): categories with weights, indicator refs with
// weights (and a reason beside any unusual one), grade bands. Several scorecards can score the
// same stored judgement. Validated against the indicators at load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChecklistError, defaultChecklistDir } from '../checklist/load-indicators.js';
import type { IndicatorRecord, IndicatorResult } from '../checklist/types.js';

export interface IndicatorRef {
  id: string;
  weight: number;
  reason?: string;
}

export interface ScorecardCategory {
  id: string;
  title: string;
  weight: number;
  reason?: string;
  refs: IndicatorRef[];
}

export interface GradeBand {
  grade: string;
  label?: string;
  min: number;
}

export interface Scorecard {
  id: string;
  title: string;
  description?: string;
  /** Which sites it is the default for. */
  appliesTo?: { hostSuffixes?: string[] };
  categories: ScorecardCategory[];
  grades: GradeBand[];
  source?: string;
}

export function validateScorecard(sc: Scorecard, file: string, indicators: Map<string, IndicatorRecord>): string[] {
  const problems: string[] = [];
  const at = (f: string) => `${file}: ${f}`;
  if (typeof sc.id !== 'string' || !sc.id) problems.push(at('id: required'));
  if (!Array.isArray(sc.categories) || sc.categories.length === 0) problems.push(at('categories: needs at least one category'));
  const catIds = new Set<string>();
  const refIds = new Set<string>();
  (sc.categories ?? []).forEach((c, i) => {
    const where = `categories[${i}]${c?.id ? ` (${c.id})` : ''}`;
    if (!c.id) problems.push(at(`${where}.id: required`));
    if (catIds.has(c.id)) problems.push(at(`${where}.id: duplicate category "${c.id}"`));
    catIds.add(c.id);
    if (typeof c.weight !== 'number' || !(c.weight >= 0)) problems.push(at(`${where}.weight: must be a number ≥ 0, got ${JSON.stringify(c.weight)}`));
    if (!Array.isArray(c.refs)) problems.push(at(`${where}.refs: required list`));
    (c.refs ?? []).forEach((r, j) => {
      const rw = `${where}.refs[${j}]`;
      if (!indicators.has(r.id)) problems.push(at(`${rw}.id: no indicator "${r.id}"`));
      if (refIds.has(r.id)) problems.push(at(`${rw}.id: "${r.id}" is referenced twice`));
      refIds.add(r.id);
      if (typeof r.weight !== 'number' || !(r.weight >= 0)) problems.push(at(`${rw}.weight: must be a number ≥ 0, got ${JSON.stringify(r.weight)}`));
    });
  });
  if (!Array.isArray(sc.grades) || sc.grades.length === 0) problems.push(at('grades: needs at least one band'));
  else if (!sc.grades.some((g) => g.min === 0)) problems.push(at('grades: one band must start at min 0'));
  return problems;
}

export function loadScorecards(indicators: Map<string, IndicatorRecord>, dir = defaultChecklistDir()): Map<string, Scorecard> {
  const folder = join(dir, 'scorecards');
  const out = new Map<string, Scorecard>();
  const problems: string[] = [];
  if (!existsSync(folder)) throw new ChecklistError(`${folder}: no scorecards folder`);
  for (const f of readdirSync(folder).filter((x) => x.endsWith('.json')).sort()) {
    const file = join(folder, f);
    let sc: Scorecard;
    try {
      sc = JSON.parse(readFileSync(file, 'utf8')) as Scorecard;
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const p = validateScorecard(sc, file, indicators);
    problems.push(...p);
    if (!p.length) {
      sc.grades = [...sc.grades].sort((a, b) => b.min - a.min);
      out.set(sc.id, { ...sc, source: file });
    }
  }
  if (problems.length) throw new ChecklistError(problems.join('\n'));
  return out;
}

/**
 * Whether a category counts toward the total: it weighs something and so does one of its refs.
 * Any other category is reported, not scored (weight 0, as in Lighthouse): its indicators are
 * judged and shown, and the total ignores them.
 */
export function isScoredCategory(c: ScorecardCategory): boolean {
  return c.weight > 0 && c.refs.some((r) => r.weight > 0);
}

/** One indicator as a scorecard places it: under which category, with what weight (0 = reported, not scored). */
export interface PlacedIndicator {
  record: IndicatorRecord;
  category: string;
  weight: number;
}

/** An indicator result with the weight its scorecard gave it (0 = reported, not scored). */
export type WeighedResult = IndicatorResult & { weight: number };

/**
 * Every indicator of the checklist, placed on a scorecard: the scorecard decides which carry
 * weight, never which are judged. Its refs come first, in its order, under its categories (a ref
 * in a category of weight 0 weighs 0); every other indicator follows in checklist order, under
 * its own category, with weight 0.
 */
export function placeIndicators(sc: Scorecard, indicators: Map<string, IndicatorRecord>): PlacedIndicator[] {
  const placed: PlacedIndicator[] = [];
  const seen = new Set<string>();
  for (const c of sc.categories) {
    for (const ref of c.refs) {
      const record = indicators.get(ref.id);
      if (!record || seen.has(ref.id)) continue;
      seen.add(ref.id);
      placed.push({ record, category: c.id, weight: c.weight > 0 ? ref.weight : 0 });
    }
  }
  for (const record of indicators.values()) {
    if (!seen.has(record.id)) placed.push({ record, category: record.category, weight: 0 });
  }
  return placed;
}

/** The scorecard a site gets when none is named: the first whose host suffix matches, else the first. */
export function defaultScorecardFor(url: string, scorecards: Map<string, Scorecard>): Scorecard {
  const host = new URL(url).hostname;
  for (const sc of scorecards.values()) if (sc.appliesTo?.hostSuffixes?.some((s) => host.endsWith(s))) return sc;
  return scorecards.get('cn-central-organ') ?? [...scorecards.values()][0]!;
}
