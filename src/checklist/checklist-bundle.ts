// Indicators and scorecards loaded together, with one hash over every file, stored with each
// judgement so a score can always be traced to the exact checklist that produced it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultChecklistDir, loadIndicators } from './load-indicators.js';
import { loadScorecards, type Scorecard } from '../scoring/scorecard.js';
import type { IndicatorRecord } from './types.js';

export interface ChecklistBundle {
  dir: string;
  indicators: Map<string, IndicatorRecord>;
  scorecards: Map<string, Scorecard>;
  /** sha256 over the indicator and scorecard files, first 16 hex digits. */
  hash: string;
}

export function checklistHash(dir: string): string {
  const h = createHash('sha256');
  for (const sub of ['indicators', 'scorecards']) {
    for (const f of readdirSync(join(dir, sub)).filter((x) => x.endsWith('.json')).sort()) {
      h.update(`${sub}/${f}\0`).update(readFileSync(join(dir, sub, f))).update('\0');
    }
  }
  return h.digest('hex').slice(0, 16);
}

export function loadChecklist(dir = defaultChecklistDir()): ChecklistBundle {
  const indicators = loadIndicators(dir);
  const scorecards = loadScorecards(indicators, dir);
  return { dir, indicators, scorecards, hash: checklistHash(dir) };
}
