import { describe, expect, it } from 'vitest';
import { LabelMatcher } from '../../src/detectors/label-match.js';
import { normalizeZh } from '../../src/detectors/normalize-text.js';

describe('LabelMatcher', () => {
  const m = new LabelMatcher({ zh: ['意见征集', '征求意见', '新闻', '年度报告', '部长信箱'], en: ['Contact Us', 'FOIA'] });

  it('normalises full-width, traditional, spaced and decorated labels', () => {
    expect(normalizeZh('【部長信箱】')).toBe('部长信箱');
    expect(normalizeZh('信 息 公 開')).toBe('信息公开');
    expect(normalizeZh('ＡＰＰ下载')).toBe('app下载');
    expect(m.match('进入部長信箱>>', 'zh')?.label).toBe('部长信箱');
  });

  it('tells a channel from a headline that mentions it', () => {
    expect(m.match('意见征集', 'zh')).toBeDefined();
    expect(m.match('关于征求意见的通知', 'zh')).toBeUndefined();
    expect(m.match('新闻中心', 'zh')).toBeDefined();
    expect(m.match('新闻出版行政许可', 'zh')).toBeUndefined();
    expect(m.match('2025年度报告', 'zh')).toBeDefined();
  });

  it('keeps languages apart unless the page language is unknown', () => {
    expect(m.match('Contact Us', 'zh')).toBeUndefined();
    expect(m.match('Contact Us', 'en')).toBeDefined();
    expect(m.match('Contact Us', 'unknown')).toBeDefined();
    expect(m.match('FOIAble', 'en')).toBeUndefined();
    expect(m.match('Agency announces new FOIA portal for the public', 'en')).toBeUndefined();
  });
});
