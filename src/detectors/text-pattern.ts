// Identifiers printed on the page in a fixed format (网站标识码 bm12345678, 京ICP备05012345号-1,
// 京公网安备 11010502030143号): regular expressions, given as data, over the page's visible text.
// A number that sits only in a <meta>, a comment or a script is not shown to a reader, so it does
// not count. Formats, unlike words, do not depend on the page language.
import type { PageVerdict } from '../checklist/types.js';
import { checkKnownKeys, type Detector } from './detector.js';

export interface TextPatternOptions {
  /** Regular expressions (JavaScript syntax, matched case-insensitively); any one that matches passes. */
  patterns: string[];
}

const compiled = new WeakMap<TextPatternOptions, RegExp[]>();

function regexes(o: TextPatternOptions): RegExp[] {
  let res = compiled.get(o);
  if (!res) {
    res = o.patterns.map((p) => new RegExp(p, 'iu'));
    compiled.set(o, res);
  }
  return res;
}

export const textPattern: Detector<TextPatternOptions> = {
  validate(options) {
    const problems = checkKnownKeys(options, ['patterns']);
    if (problems.length) return problems;
    const { patterns } = options as TextPatternOptions;
    if (!Array.isArray(patterns) || patterns.length === 0) return ['options.patterns: expected a non-empty list of regular expressions'];
    patterns.forEach((p, i) => {
      if (typeof p !== 'string' || p === '') {
        problems.push(`options.patterns[${i}]: expected a non-empty string`);
        return;
      }
      try {
        new RegExp(p, 'iu');
      } catch (err) {
        problems.push(`options.patterns[${i}]: not a valid regular expression (${(err as Error).message})`);
      }
    });
    return problems;
  },

  run(page, o): PageVerdict {
    // NFKC folds full-width digits, letters and colons (ＩＣＰ备０５０１２３４５号) to the forms the patterns use.
    const text = page.text().normalize('NFKC');
    for (const re of regexes(o)) {
      const m = re.exec(text);
      if (m) return { outcome: 'pass', evidence: [{ pageUrl: page.url, text: m[0], rule: `page text matches /${re.source}/` }] };
    }
    return { outcome: 'fail', evidence: [], reason: `no text on the page matches ${o.patterns.map((p) => `/${p}/`).join(' or ')}` };
  },
};
