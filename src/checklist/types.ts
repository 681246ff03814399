// The judging layer's vocabulary: indicator records (data, from checklists/), outcomes and evidence.

export type Outcome = 'pass' | 'fail' | 'notApplicable' | 'error';

export interface Evidence {
  pageUrl: string;
  href?: string;
  text?: string;
  value?: string | number;
  /** What decided it, in words: "label 部长信箱 in link text (nav)". */
  rule: string;
}

/** Which snapshot an indicator reads: the static HTML, the rendered DOM, or the phone emulation. */
export type IndicatorInput = 'static' | 'rendered' | 'mobile';

/** How page verdicts become the site's: the homepage alone, any page, or a share of pages. */
export type Rollup = 'homepage' | 'any-page' | 'share-of-pages';

export interface DetectorConfig {
  detector: string;
  options: Record<string, unknown>;
}

export interface IndicatorRecord extends DetectorConfig {
  id: string;
  /** The checklist module: disclosure, services, interaction, mobile, federal, ... */
  category: string;
  title: string;
  failureTitle: string;
  why: string;
  /** The standard or method it comes from. */
  basis: string;
  input: IndicatorInput;
  rollup: Rollup;
  /** For share-of-pages: the share that passes the site. @default 0.8 */
  minShare?: number;
  /** Other ways to find the same thing; the indicator passes if any of them (or the main detector) passes. */
  alternatives?: DetectorConfig[];
  /** Where the record was loaded from, for messages. */
  source?: string;
}

export interface IndicatorResult {
  id: string;
  category: string;
  outcome: Outcome;
  evidence: Evidence[];
  /** Why it is notApplicable or error; for fail, what was searched. */
  reason?: string;
  /** A measured value (share of pages, a count). */
  value?: number;
}

/** What a detector says about one page. Only the runner produces `error`. */
export interface PageVerdict {
  outcome: 'pass' | 'fail' | 'notApplicable';
  evidence: Evidence[];
  value?: number;
  reason?: string;
}
