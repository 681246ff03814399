// Words on the page itself: a service guide that lists 申请条件, 申请材料, 办理时限; a catalogue
// whose entries carry 索引号 and 文号. Counts distinct patterns in the visible text of a region.
import type { PageVerdict } from '../checklist/types.js';
import { checkKnownKeys, checkLabels, type Detector, type LabelsByLang } from './detector.js';
import { normalizeEn, normalizeZh } from './normalize-text.js';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { outermost, textOf } from '../crawl/dom-walk.js';

export interface TextMatchOptions {
  patterns: LabelsByLang;
  /** Distinct patterns that must appear. @default 1 */
  minMatches?: number;
  /** CSS selector of the region searched. @default body */
  scope?: string;
}

export const textMatch: Detector<TextMatchOptions> = {
  validate(options) {
    const o = options as TextMatchOptions;
    const problems = checkKnownKeys(options, ['patterns', 'minMatches', 'scope']);
    if (problems.length) return problems;
    problems.push(...checkLabels(o.patterns, 'options.patterns', true));
    if (o.minMatches !== undefined && (!Number.isInteger(o.minMatches) || o.minMatches < 1)) problems.push('options.minMatches: expected a whole number ≥ 1');
    return problems;
  },

  run(page, o): PageVerdict {
    const raw = o.scope ? scopedText(page.dom(), o.scope) : page.text();
    const zh = page.lang !== 'en' ? normalizeZh(raw) : '';
    const en = page.lang !== 'zh' ? normalizeEn(raw) : '';
    const found: string[] = [];
    for (const p of o.patterns.zh ?? []) if (zh && zh.includes(normalizeZh(p))) found.push(p);
    for (const p of o.patterns.en ?? []) if (en && en.includes(normalizeEn(p))) found.push(p);
    const need = o.minMatches ?? 1;
    const value = found.length;
    if (value >= need) {
      return { outcome: 'pass', value, evidence: [{ pageUrl: page.url, text: found.join('、'), value, rule: `${value} of the listed terms in the page text (${need} needed)` }] };
    }
    return { outcome: 'fail', value, evidence: [], reason: `${value} of ${need} terms found${found.length ? ': ' + found.join('、') : ''}` };
  },
};

/** The text of the elements scope matches; an element inside another match is not read twice (nested matches made .text() quadratic). */
function scopedText($: CheerioAPI, scope: string): string {
  return outermost($(scope).toArray() as unknown as Element[]).map((el) => textOf(el)).join('');
}
