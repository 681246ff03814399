import { describe, expect, it } from 'vitest';
import { textPattern } from '../../src/detectors/text-pattern.js';
import { makePageInput } from '../../src/checklist/page-input.js';
import type { SiteFacts } from '../../src/detectors/detector.js';

const facts: SiteFacts = { classify: () => 'site', statusOf: () => undefined };
const page = (body: string, head = '') =>
  makePageInput({ url: 'http://www.shili.gov.cn/', finalUrl: 'http://www.shili.gov.cn/', lang: 'zh-CN', html: `<html><head>${head}</head><body>${body}</body></html>`, links: [] }, true);
const ICP = { patterns: ['[京浙]\\s*ICP\\s*备\\s*\\d{6,10}\\s*号(?:\\s*-\\s*\\d{1,3})?'] };

describe('text-pattern', () => {
  it('passes on the visible text, with the matched text as evidence', () => {
    const v = textPattern.run(page('<p>主办单位：示例市人民政府　<a href="https://beian.miit.gov.cn/">浙ICP备05012345号-1</a></p>'), ICP, facts);
    expect(v.outcome).toBe('pass');
    expect(v.evidence[0]).toMatchObject({ pageUrl: 'http://www.shili.gov.cn/', text: '浙ICP备05012345号-1' });
    expect(v.evidence[0]!.rule).toContain('page text matches');
  });

  it('folds full-width forms before matching', () => {
    expect(textPattern.run(page('<p>浙ＩＣＰ备０５０１２３４５号</p>'), ICP, facts).outcome).toBe('pass');
  });

  it('does not count text a reader never sees: comments, scripts, <meta>', () => {
    for (const [body, head] of [
      ['<p><!-- 浙ICP备05012345号 --></p>', ''],
      ['<script>document.write("浙ICP备05012345号")</script>', ''],
      ['<p>备案信息</p>', '<meta name="ICP" content="浙ICP备05012345号">'],
    ] as const) {
      const v = textPattern.run(page(body, head), ICP, facts);
      expect(v.outcome, body || head).toBe('fail');
      expect(v.reason).toContain('ICP');
    }
  });

  it('refuses bad options, naming the field', () => {
    expect(textPattern.validate({ patterns: ['ok', '(unclosed'] })).toEqual([expect.stringMatching(/^options\.patterns\[1\]: not a valid regular expression/)]);
    expect(textPattern.validate({ patterns: [] })).toEqual([expect.stringMatching(/^options\.patterns: expected a non-empty list/)]);
    expect(textPattern.validate({ patterns: ['x'], scope: 'body' })).toEqual([expect.stringMatching(/^options\.scope: unknown option/)]);
    expect(textPattern.validate(ICP)).toEqual([]);
  });
});
