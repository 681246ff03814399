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

export class LabelMatcher {
  private readonly zh: { raw: string; norm: string }[];
  private readonly en: { raw: string; norm: string; re: RegExp }[];

  constructor(labels: { zh?: string[]; en?: string[] }, private readonly extraZh = DEFAULT_EXTRA_ZH, private readonly extraEn = DEFAULT_EXTRA_EN) {
    this.zh = (labels.zh ?? []).map((raw) => ({ raw, norm: normalizeZh(raw) })).sort((a, b) => b.norm.length - a.norm.length);
    this.en = (labels.en ?? []).map((raw) => {
      const norm = normalizeEn(raw);
      return { raw, norm, re: new RegExp(`(^|[^a-z0-9])${escapeRegExp(norm)}($|[^a-z0-9])`) };
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
      const extra = norm.length - l.norm.length;
      if (extra === 0) return { label: l.raw, lang: 'zh' };
      if (extra > this.extraZh && !allowHeadline) continue;
      if (!allowHeadline && HEADLINE_ZH.test(norm) && !HEADLINE_ZH.test(l.norm)) continue;
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
      if (extra > this.extraEn && !allowHeadline) continue;
      if (!allowHeadline && extra > 0 && HEADLINE_EN.test(norm) && !HEADLINE_EN.test(l.norm)) continue;
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
