// The groups the accuracy figures are given in: the four mission categories as the indicator
// records name them, and the site-function indicators together (STANDARDS.md §5).
import type { ChecklistBundle } from '../../src/checklist/checklist-bundle.js';

export const REPORT_CATEGORIES = ['disclosure', 'services', 'interaction', 'mobile', 'site-functions'] as const;

// Named here, not read from their records, so the group holds before (and whatever category)
// the records are given: the labels exist before the detectors do.
const SITE_FUNCTIONS = new Set(['site-identifier', 'icp-filing', 'police-filing', 'party-gov-badge', 'site-search', 'accessibility-mode', 'error-report']);

/** The group an indicator is reported under: its record's own category (not a scorecard's), or `other`. */
export function reportCategory(id: string, bundle: ChecklistBundle): string {
  if (SITE_FUNCTIONS.has(id)) return 'site-functions';
  return bundle.indicators.get(id)?.category ?? 'other';
}
