// Homepages that send the visitor on without an HTTP redirect: a <meta http-equiv="refresh">, or a
// script that sets location (a stub page many portals put at "/" in front of their CMS). Found in
// the static HTML, so a crawl without a browser follows them as a visitor's browser would.
import { resolveHttpUrl } from './url-normalize.js';
import { scanHtml, type HtmlScan } from './html-scan.js';
import type { RedirectHop } from './types.js';

/** How a visitor was sent on: by a meta refresh, a script found in the HTML, or seen in the browser. */
export type ClientRedirectKind = NonNullable<RedirectHop['via']>;

export interface ClientRedirect {
  url: string;
  kind: ClientRedirectKind;
}

/**
 * Longest meta-refresh delay that still counts as a redirect. Stubs use 0 to 3 seconds ("正在跳转…");
 * beyond this the visitor reads the page first, and a refresh to the same page is a periodic reload.
 */
export const MAX_REFRESH_DELAY_S = 10;
/** A stub has hardly any text or links: only then is a location set by a script taken as a redirect. */
const STUB_MAX_TEXT = 200;
const STUB_MAX_LINKS = 5;
// location = "…", location.href = '…', window/top/self/document/parent.location(.href) = "…", with
// the literal as the whole right-hand side (a computed URL is not guessed).
const ASSIGN = /(?:\b(?:window|top|self|document|parent)\s*\.\s*)?\blocation(?:\s*\.\s*href)?\s*=\s*(["'])([^"'\\\n]{1,2000})\1\s*(?=[;\n}]|<\/|$)/g;
const CALL = /\blocation\s*\.\s*(?:replace|assign)\s*\(\s*(["'])([^"'\\\n]{1,2000})\1\s*\)/g;
// A script that tests the user agent sends phones to a mobile site; a desktop visitor stays.
const UA_TEST = /navigator\s*\.\s*(?:userAgent|platform|appVersion)|\bisMobile\b|\bmobile\b/i;
const MOBILE_TARGET = /^(?:m|wap|mobile|3g|h5|sj)\.|\/(?:m|wap|mobile|phone|h5|sj)(?:\/|$)/i;

const HOW: Record<ClientRedirectKind, string> = { 'meta-refresh': '<meta refresh>', script: 'a script', browser: 'the page in the browser' };

/** How a client-side hop reads in reasons and notes: "<meta refresh> from A to B". */
export function describeHop(hop: RedirectHop, to: string): string {
  return `${HOW[hop.via ?? 'script']} from ${hop.url} to ${to}`;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** The URL of a refresh's content ("0; url=/portal/"), when its delay is short enough. */
export function refreshTarget(content: string): string | undefined {
  // HTML's refresh syntax: a delay, then ";" or ",", then an optional "url=", then the URL, maybe
  // quoted. Read step by step: a regex of optional parts around spaces backtracks on long input.
  let rest = content.trim();
  const delay = /^\d{0,9}(?:\.\d{0,9})?/.exec(rest)![0];
  rest = rest.slice(delay.length).trimStart();
  if (rest[0] === ';' || rest[0] === ',') rest = rest.slice(1).trimStart();
  const prefix = /^url\s{0,20}=/i.exec(rest);
  if (prefix) rest = rest.slice(prefix[0].length);
  rest = rest.trim();
  if (rest.length >= 2 && (rest[0] === '"' || rest[0] === "'") && rest.endsWith(rest[0])) rest = rest.slice(1, -1);
  else if (rest[0] === '"' || rest[0] === "'") rest = rest.slice(1);
  const url = rest.trim();
  if (!url || (delay !== '' && Number(delay) > MAX_REFRESH_DELAY_S)) return undefined;
  return url;
}

/** A page with hardly any text or links: a redirect stub, a splash, a script-built shell. */
export function isStubPage(html: string | HtmlScan): boolean {
  const scan = typeof html === 'string' ? scanHtml(html) : html;
  return scan.links < STUB_MAX_LINKS && scan.text.length < STUB_MAX_TEXT;
}

function scriptTargets(scan: HtmlScan): { url: string; uaTested: boolean }[] {
  const out: { url: string; uaTested: boolean }[] = [];
  for (const { tag, body } of scan.scripts) {
    if (/\ssrc\s*=/i.test(tag)) continue;
    const uaTested = UA_TEST.test(body);
    const found: { at: number; url: string }[] = [];
    for (const m of body.matchAll(ASSIGN)) found.push({ at: m.index ?? 0, url: m[2]! });
    for (const m of body.matchAll(CALL)) found.push({ at: m.index ?? 0, url: m[2]! });
    found.sort((a, b) => a.at - b.at);
    for (const f of found) out.push({ url: f.url, uaTested });
  }
  return out;
}

/**
 * Where the page sends a visitor, if it does: a meta refresh (any page), or a location set by an
 * inline script on a stub page. A target that is the page itself, or not http(s), is no redirect.
 * A mobile target chosen by a user-agent test is passed over, as a desktop visitor would be.
 */
export function findClientRedirect(html: string | HtmlScan, pageUrl: string): ClientRedirect | undefined {
  const scan = typeof html === 'string' ? scanHtml(html) : html;
  const here = new URL(pageUrl);
  here.hash = '';
  const usable = (raw: string): string | undefined => {
    const u = resolveHttpUrl(raw.replace(/&amp;/g, '&'), pageUrl);
    if (!u) return undefined;
    u.hash = '';
    return u.toString() === here.toString() ? undefined : u.toString();
  };
  for (const tag of scan.metaTags) {
    if ((attr(tag, 'http-equiv') ?? '').toLowerCase() !== 'refresh') continue;
    const target = refreshTarget(attr(tag, 'content') ?? '');
    const url = target ? usable(target) : undefined;
    if (url) return { url, kind: 'meta-refresh' };
  }
  if (!isStubPage(scan)) return undefined;
  for (const t of scriptTargets(scan)) {
    const url = usable(t.url);
    if (!url) continue;
    const u = new URL(url);
    if (t.uaTested && MOBILE_TARGET.test(u.hostname + u.pathname)) continue;
    return { url, kind: 'script' };
  }
  return undefined;
}
