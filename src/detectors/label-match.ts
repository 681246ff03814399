// Does a piece of link text name a channel, or merely mention it? A channel entry is short and
// mostly the label itself ("部长信箱", "【部长信箱】", "进入政务服务网"); a headline that contains the
// word ("关于征求意见的通知", "市长信箱来信办理情况通报会召开") is news about something else.
import { normalizeEn, normalizeZh } from './normalize-text.js';

/** Extra characters beyond the label that a channel entry may carry (进入, 专栏, 平台, 系统, 入口, a year). */
export const DEFAULT_EXTRA_ZH = 7;
export const DEFAULT_EXTRA_EN = 28;

// Words that make Chinese link text a headline or an announcement rather than a section name.
const HEADLINE_ZH = /关于|召开|举行|举办|开展|印发|出席|会见|调研|通报|情况|推进|部署|座谈|答记者问|发布了|公布了|的通知|的公告|的决定|的批复|获批|荣获|启动|圆满/;
// English headline signs: a verb phrase of a press release, or a long sentence.
const HEADLINE_EN = /\b(announces?|releases?|issues?|launch(es)?|awards?|reports? on|statement on|testif(y|ies)|celebrates?|hosts?)\b/;

export interface LabelHit {
  label: string;
  lang: 'zh' | 'en';
}

// Digits and date characters around a label are a year or a number, not other words:
// "2025年度报告" is the 年度报告 itself.
const NUMERIC = /[0-9年月日]/g;

/**
 * How many other characters may stand beside a label. Without an explicit limit it grows with
 * the label: a two-character label such as 新闻 or 动态 allows two ("新闻中心", not
 * "新闻出版行政许可" or "空气质量动态监测"), a long one up to the default.
 */
function allowance(labelLength: number, explicit: number | undefined, cap: number, floor: number): number {
  return explicit ?? Math.min(cap, Math.max(floor, labelLength));
}

export class LabelMatcher {
  private readonly zh: { raw: string; norm: string; extra: number }[];
  private readonly en: { raw: string; norm: string; re: RegExp; extra: number }[];

  constructor(labels: { zh?: string[]; en?: string[] }, extraZh?: number, extraEn?: number) {
    this.zh = (labels.zh ?? []).map((raw) => {
      const norm = normalizeZh(raw);
      return { raw, norm, extra: allowance(norm.length, extraZh, DEFAULT_EXTRA_ZH, 2) };
    }).sort((a, b) => b.norm.length - a.norm.length);
    this.en = (labels.en ?? []).map((raw) => {
      const norm = normalizeEn(raw);
      return { raw, norm, re: new RegExp(`(^|[^a-z0-9])${escapeRegExp(norm)}($|[^a-z0-9])`), extra: allowance(norm.length, extraEn, DEFAULT_EXTRA_EN, 12) };
    }).sort((a, b) => b.norm.length - a.norm.length);
  }

  get empty(): boolean {
    return this.zh.length === 0 && this.en.length === 0;
  }

  /** Matches one already-normalised Chinese string. */
  matchZh(norm: string, allowHeadline = false): LabelHit | undefined {
    if (!norm) return undefined;
    for (const l of this.zh) {
      const at = norm.indexOf(l.norm);
      if (at < 0) continue;
      const outside = norm.slice(0, at) + norm.slice(at + l.norm.length);
      const extra = outside.replace(NUMERIC, '').length;
      if (extra === 0 || allowHeadline) return { label: l.raw, lang: 'zh' };
      if (extra > l.extra) continue;
      if (HEADLINE_ZH.test(norm) && !HEADLINE_ZH.test(l.norm)) continue;
      return { label: l.raw, lang: 'zh' };
    }
    return undefined;
  }

  /** Matches one already-normalised English string. */
  matchEn(norm: string, allowHeadline = false): LabelHit | undefined {
    if (!norm) return undefined;
    for (const l of this.en) {
      if (!l.re.test(norm)) continue;
      const extra = norm.length - l.norm.length;
      if (allowHeadline) return { label: l.raw, lang: 'en' };
      if (extra > l.extra) continue;
      if (extra > 0 && HEADLINE_EN.test(norm) && !HEADLINE_EN.test(l.norm)) continue;
      return { label: l.raw, lang: 'en' };
    }
    return undefined;
  }

  /** Matches raw text in a page language. */
  match(raw: string, lang: 'zh' | 'en' | 'unknown', allowHeadline = false): LabelHit | undefined {
    if (lang !== 'en') {
      const hit = this.matchZh(normalizeZh(raw), allowHeadline);
      if (hit) return hit;
    }
    return lang !== 'zh' ? this.matchEn(normalizeEn(raw), allowHeadline) : undefined;
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
