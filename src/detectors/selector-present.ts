// An element that marks the thing: a QR code for the WeChat account (class weixin, ewm), the
// 党政机关 badge. Optional text the element (or its alt/title) must carry.
import type { Element } from 'domhandler';
import type { PageVerdict } from '../checklist/types.js';
import { checkKnownKeys, checkLabels, type Detector, type LabelsByLang } from './detector.js';
import { LabelMatcher } from './label-match.js';
import { isElement, textOf, walk } from '../crawl/dom-walk.js';

/**
 * Text read per matching element: a badge or a QR code's caption is short. Bounded because matches
 * nest, and reading every nested match's whole text (or a .find() per match) is quadratic.
 */
const HIT_TEXT = { maxChars: 10_000, maxNodes: 10_000 };

/** alt of the first <img> inside el (what $(el).find('img').attr('alt') gave), within HIT_TEXT's node bound. */
function firstImageAlt(el: Element): string {
  let alt = '';
  let visited = 0;
  walk(el, (n) => {
    if (++visited > HIT_TEXT.maxNodes) return 'stop';
    if (isElement(n) && n.name === 'img') {
      alt = n.attribs['alt'] ?? '';
      return 'stop';
    }
    return undefined;
  });
  return alt;
}

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
      const said = [textOf(el, HIT_TEXT), el.attribs['alt'] ?? '', el.attribs['title'] ?? '', firstImageAlt(el)].join(' ');
      return matcher.match(said, page.lang, true) !== undefined;
    });
    const need = o.minCount ?? 1;
    if (hits.length >= need) {
      const first = hits[0] as Element;
      const text = (textOf(first, HIT_TEXT).replace(/\s+/g, ' ').trim() || first.attribs['alt'] || first.attribs['title'] || `<${first.name}>`).slice(0, 80);
      return { outcome: 'pass', value: hits.length, evidence: [{ pageUrl: page.url, text, value: hits.length, rule: `${hits.length} element(s) match ${o.selector}` }] };
    }
    return { outcome: 'fail', value: hits.length, evidence: [], reason: `no element matches ${o.selector}` };
  },
};
