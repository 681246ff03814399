// A link that leads to the thing: its text, title or image alt names it (in the page's language),
// or its URL carries a known slug or host, and it really leads somewhere in the site (or to a
// platform or host the indicator allows). Headlines, `#`, `javascript:`, excluded hosts such as
// staff webmail, and links whose target was fetched and found dead do not count.
import type { NormalizedLink, PageInput } from '../checklist/page-input.js';
import type { Evidence, PageVerdict } from '../checklist/types.js';
import type { LinkPosition } from '../crawl/types.js';
import { hostMatchesGlob } from '../crawl/scope.js';
import { LabelMatcher } from './label-match.js';
import { checkKnownKeys, checkLabels, checkStringList, type Detector, type LabelsByLang, type SiteFacts } from './detector.js';
import { normalizeEn, normalizeZh } from './normalize-text.js';

export interface LinkMatchOptions {
  labels?: LabelsByLang;
  /** Path segments (without extension) or a first host label that identify the target: zwgk, xxgk. */
  slugs?: string[];
  /** Host globs that count by themselves: m.*, wap.*, *.zwfw.gov.cn. */
  hosts?: string[];
  /** Label words that disqualify a link: 邮箱 for webmail, 手机号码. */
  excludeLabels?: LabelsByLang;
  /** Target host globs that never count: mail.*, webmail.*. */
  excludeHosts?: string[];
  /** Which targets count. @default 'site-or-platform' */
  targets?: 'site' | 'site-or-platform' | 'any';
  /** External hosts that count even when targets is not 'any' (usa.gov, foia.gov). */
  allowHosts?: string[];
  /** Page regions searched. @default all */
  positions?: LinkPosition[];
  /** mailto: links count (a mailbox published as an address). @default false */
  allowMailto?: boolean;
  /** Extra characters allowed around a Chinese label. @default 7 */
  maxExtraZh?: number;
  /** Extra characters allowed around an English label. @default 28 */
  maxExtraEn?: number;
  /** A page whose own <title> names the thing counts too (any-page rollups). @default true */
  matchTitle?: boolean;
}

const KNOWN = ['labels', 'slugs', 'hosts', 'excludeLabels', 'excludeHosts', 'targets', 'allowHosts', 'positions', 'allowMailto', 'maxExtraZh', 'maxExtraEn', 'matchTitle'];
const DEAD = new Set(['http-4xx', 'soft-404', 'too-many-redirects', 'dns', 'refused', 'tls']);
const MAX_EVIDENCE = 3;

interface Compiled {
  labels: LabelMatcher;
  exclude: LabelMatcher;
  slugs: Set<string>;
}
const compiled = new WeakMap<LinkMatchOptions, Compiled>();

function compile(o: LinkMatchOptions): Compiled {
  let c = compiled.get(o);
  if (!c) {
    c = {
      labels: new LabelMatcher(o.labels ?? {}, o.maxExtraZh, o.maxExtraEn),
      // Exclusions match anywhere in the text, however long.
      exclude: new LabelMatcher(o.excludeLabels ?? {}, 1_000, 1_000),
      slugs: new Set((o.slugs ?? []).map((s) => s.toLowerCase())),
    };
    compiled.set(o, c);
  }
  return c;
}

function slugOf(url: URL, slugs: Set<string>): string | undefined {
  const first = url.hostname.split('.')[0] ?? '';
  if (slugs.has(first)) return first;
  for (const seg of url.pathname.toLowerCase().split('/')) {
    const stem = seg.replace(/\.[a-z]+$/, '');
    if (stem && slugs.has(stem)) return stem;
  }
  return undefined;
}

const FIELDS = ['text', 'title', 'alt'] as const;
const GENERIC = new Set(['', '更多', '更多>>', '进入', '点击进入', '查看', '详情', '查看更多', 'more', 'more>>', 'go', 'enter', 'click here', 'here', 'learn more', 'read more', '>>', '»']);

function isGeneric(shown: string): boolean {
  const z = normalizeZh(shown);
  return z.length <= 1 || GENERIC.has(z) || GENERIC.has(normalizeEn(shown));
}

function labelHit(link: NormalizedLink, c: Compiled, lang: PageInput['lang']) {
  for (let i = 0; i < FIELDS.length; i++) {
    const hit = (lang !== 'en' ? c.labels.matchZh(link.zh[i]!) : undefined) ?? (lang !== 'zh' ? c.labels.matchEn(link.en[i]!) : undefined);
    if (hit) return { ...hit, field: FIELDS[i]! };
  }
  return undefined;
}

function excluded(link: NormalizedLink, c: Compiled, lang: PageInput['lang']): boolean {
  if (c.exclude.empty) return false;
  return link.zh.some((z) => lang !== 'en' && c.exclude.matchZh(z, true)) || link.en.some((e) => lang !== 'zh' && c.exclude.matchEn(e, true));
}

/** Why a link's target does not count, or undefined when it does. */
function targetProblem(link: NormalizedLink, o: LinkMatchOptions, site: SiteFacts): string | undefined {
  if (/^mailto:/i.test(link.href)) return o.allowMailto ? undefined : 'an e-mail address, not a channel';
  if (!link.url) return 'leads nowhere (' + (link.rawHref.trim() || 'empty href') + ')';
  const host = link.url.hostname;
  if ((o.excludeHosts ?? []).some((g) => hostMatchesGlob(host, g))) return `excluded host ${host}`;
  const where = site.classify(link.url);
  const allowed = (o.allowHosts ?? []).some((g) => hostMatchesGlob(host, g));
  const targets = o.targets ?? 'site-or-platform';
  if (!allowed && targets !== 'any') {
    if (where === 'out') return `external site ${host}`;
    if (where === 'platform' && targets === 'site') return `platform host ${host}`;
  }
  const status = site.statusOf(link.url.toString());
  if (status && DEAD.has(status)) return `target ${status}`;
  return undefined;
}

export const linkMatch: Detector<LinkMatchOptions> = {
  validate(options) {
    const o = options as LinkMatchOptions;
    const problems = checkKnownKeys(options, KNOWN);
    if (problems.length) return problems;
    problems.push(...checkLabels(o.labels, 'options.labels', false), ...checkLabels(o.excludeLabels, 'options.excludeLabels', false));
    for (const f of ['slugs', 'hosts', 'excludeHosts', 'allowHosts', 'positions'] as const) problems.push(...checkStringList(o[f], `options.${f}`));
    if (!o.labels && !o.slugs && !o.hosts) problems.push('options: needs at least one of labels, slugs, hosts');
    if (o.targets && !['site', 'site-or-platform', 'any'].includes(o.targets)) problems.push(`options.targets: "${o.targets}" is not site, site-or-platform or any`);
    return problems;
  },

  run(page, o, site): PageVerdict {
    const c = compile(o);
    const evidence: Evidence[] = [];
    const rejected: string[] = [];
    for (const link of page.links) {
      if (o.positions && !o.positions.includes(link.position)) continue;
      const hit = labelHit(link, c, page.lang);
      const slug = !hit && link.url ? slugOf(link.url, c.slugs) : undefined;
      const host = !hit && !slug && link.url ? (o.hosts ?? []).find((g) => hostMatchesGlob(link.url!.hostname, g)) : undefined;
      if (!hit && !slug && !host) continue;
      const shown = link.text || link.title || link.alt;
      // A dated list item is a headline; a slug or host match on one is an article URL, not a section.
      if (link.dated) {
        rejected.push(`"${shown}" is a dated list item`);
        continue;
      }
      if (excluded(link, c, page.lang)) {
        rejected.push(`"${shown}" has an excluded word`);
        continue;
      }
      // A slug alone decides only for a link that names nothing itself (an icon, 更多, more):
      // /zwgk/ldxx/ labelled 领导信息 is not the 领导信箱 that the slug ldxx can also mean.
      if (slug && !isGeneric(shown)) continue;
      const problem = targetProblem(link, o, site);
      if (problem) {
        rejected.push(`"${shown || link.rawHref}" ${problem}`);
        continue;
      }
      const where = link.rendered ? `${link.position}, rendered page only` : link.position;
      const rule = hit
        ? `label "${hit.label}" in link ${hit.field} (${where})`
        : slug ? `URL slug "${slug}" (${where})` : `host ${link.url!.hostname} matches ${host}`;
      evidence.push({ pageUrl: page.url, href: link.href, text: shown || undefined, rule });
      if (evidence.length >= MAX_EVIDENCE) break;
    }
    if (evidence.length === 0 && o.matchTitle !== false && !c.labels.empty) {
      const name = page.title.split(/[_|\-–—－｜]/)[0]?.trim() ?? '';
      const hit = name ? c.labels.match(name, page.lang) : undefined;
      if (hit) evidence.push({ pageUrl: page.url, text: page.title, rule: `page title names "${hit.label}"` });
    }
    if (evidence.length) return { outcome: 'pass', evidence };
    return { outcome: 'fail', evidence: [], reason: rejected.length ? `not counted: ${rejected.slice(0, 3).join('; ')}` : undefined };
  },
};
