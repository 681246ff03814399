// An element that marks the thing: a QR code for the WeChat account (class weixin, ewm), the
// 党政机关 badge. Optional text the element (or its alt/title) must carry.
import type { Element } from 'domhandler';
import type { PageVerdict } from '../checklist/types.js';
import { checkKnownKeys, checkLabels, type Detector, type LabelsByLang } from './detector.js';
import { LabelMatcher } from './label-match.js';

export interface SelectorPresentOptions {
  selector: string;
  /** Text the element, its alt or its title must contain. */
  labels?: LabelsByLang;
  /** @default 1 */
  minCount?: number;
}

const matchers = new WeakMap<SelectorPresentOptions, LabelMatcher>();

export const selectorPresent: Detector<SelectorPresentOptions> = {
  validate(options) {
    const o = options as SelectorPresentOptions;
    const problems = checkKnownKeys(options, ['selector', 'labels', 'minCount']);
    if (problems.length) return problems;
    if (typeof o.selector !== 'string' || !o.selector.trim()) problems.push('options.selector: required CSS selector');
    problems.push(...checkLabels(o.labels, 'options.labels', false));
    return problems;
  },

  run(page, o): PageVerdict {
    const $ = page.dom();
    let matcher = matchers.get(o);
    if (o.labels && !matcher) {
      matcher = new LabelMatcher(o.labels, 1_000, 1_000);
      matchers.set(o, matcher);
    }
    const hits = $(o.selector).toArray().filter((node) => {
      if (!matcher) return true;
      const el = node as Element;
      const said = [$(el).text(), el.attribs['alt'] ?? '', el.attribs['title'] ?? '', $(el).find('img').attr('alt') ?? ''].join(' ');
      return matcher.match(said, page.lang, true) !== undefined;
    });
    const need = o.minCount ?? 1;
    if (hits.length >= need) {
      const first = hits[0] as Element;
      const text = ($(first).text().trim() || first.attribs['alt'] || first.attribs['title'] || `<${first.name}>`).slice(0, 80);
      return { outcome: 'pass', value: hits.length, evidence: [{ pageUrl: page.url, text, value: hits.length, rule: `${hits.length} element(s) match ${o.selector}` }] };
    }
    return { outcome: 'fail', value: hits.length, evidence: [], reason: `no element matches ${o.selector}` };
  },
};
