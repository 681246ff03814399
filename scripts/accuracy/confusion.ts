// Confusion counts and the figures drawn from them, for any group of cases (an indicator, a
// category, a language, a category within a language).
import type { Case, CaseKind } from './compare.js';

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Cases left out of the figures, by why. */
  skipped: number;
  notApplicable: number;
  error: number;
  notImplemented: number;
  auditFailed: number;
  /** TP / (TP + FP); null when govbench passed nothing. */
  precision: number | null;
  /** TP / (TP + FN); null when nothing was labelled present. */
  recall: number | null;
  /** 2TP / (2TP + FP + FN): the harmonic mean of the two, 0 when either is 0; null with no TP, FP or FN. */
  f1: number | null;
}

const KEY: Record<CaseKind, keyof Confusion> = {
  TP: 'tp', FP: 'fp', FN: 'fn', TN: 'tn', skipped: 'skipped', notApplicable: 'notApplicable', error: 'error', notImplemented: 'notImplemented', auditFailed: 'auditFailed',
};

export function confusion(cases: readonly Case[]): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0, skipped: 0, notApplicable: 0, error: 0, notImplemented: 0, auditFailed: 0, precision: null, recall: null, f1: null };
  for (const x of cases) (c[KEY[x.kind]] as number)++;
  c.precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null;
  c.recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null;
  const d = 2 * c.tp + c.fp + c.fn;
  c.f1 = d > 0 ? (2 * c.tp) / d : null;
  return c;
}

/** Confusion per key, keys in first-seen order (or the given order first). */
export function confusionBy(cases: readonly Case[], key: (c: Case) => string, order: readonly string[] = []): Record<string, Confusion> {
  const groups = new Map<string, Case[]>(order.map((k) => [k, []]));
  for (const c of cases) {
    const k = key(c);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(c);
  }
  const out: Record<string, Confusion> = {};
  for (const [k, g] of groups) if (g.length > 0) out[k] = confusion(g);
  return out;
}
