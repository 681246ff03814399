// One key per page: fragments, default ports, index pages and tracking parameters removed, so a
// portal that links its homepage five ways is fetched once.

const TRACKING = /^(utm_[a-z]+|spm|fbclid|gclid|yclid|msclkid|from|share|share_token|isappinstalled|scene|_t|_|timestamp|t|r|rnd|random|v)$/i;
const INDEX_PAGE = /\/(index|default|home)\.(html?|shtml|jsp|php|aspx?)$/i;

/** Parses href against base; returns undefined for anything that is not an http(s) URL. */
export function resolveHttpUrl(href: string, base: string | URL): URL | undefined {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url;
}

/** The dedupe key of a URL. Scheme is kept: http and https are fetched separately only once each. */
export function normalizeUrl(input: string | URL): string {
  const url = new URL(input.toString());
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  url.pathname = url.pathname.replace(/\/{2,}/g, '/').replace(INDEX_PAGE, '/');
  if (url.search) {
    const kept = [...url.searchParams].filter(([k]) => !TRACKING.test(k));
    kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
    url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  }
  return url.toString();
}
