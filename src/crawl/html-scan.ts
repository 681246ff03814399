// A light, linear read of a page's HTML with no DOM: its visible text, title, <meta> tags, inline
// scripts and link count. Enough to tell a redirect stub or an error page, and safe on any input:
// every step moves forward with indexOf, so an unclosed tag, comment or script (a hostile page of
// 5 MB of "<") costs one pass, never a rescan per tag as a lazy regex would.

export interface HtmlScan {
  /** Visible text: no comments, scripts, styles, <noscript> or <template>; whitespace folded. */
  text: string;
  /** The first <title>, entities decoded, whitespace folded ('' when none). */
  title: string;
  /** <meta …> tags as written, outside <noscript> (which a browser with scripts does not apply). */
  metaTags: string[];
  /** Inline and external <script> elements: the opening tag and the body. */
  scripts: { tag: string; body: string }[];
  /** <a href> elements. */
  links: number;
}

/** Pages are read this far: stubs and error pages are small, and the checks need no more. */
export const SCAN_CHARS = 256 * 1024;

// Elements whose content is not shown as text (raw text for the parser, or hidden).
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title']);
const TAG_NAME = /^<\/?([a-zA-Z][a-zA-Z0-9-]{0,31})/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** First case-insensitive occurrence of an ASCII needle at or after `from`, or -1. */
function indexOfCi(s: string, needle: string, from: number): number {
  const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi');
  re.lastIndex = from;
  return re.exec(s)?.index ?? -1;
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

export function scanHtml(html: string): HtmlScan {
  const src = html.length > SCAN_CHARS ? html.slice(0, SCAN_CHARS) : html;
  const n = src.length;
  const parts: string[] = [];
  const metaTags: string[] = [];
  const scripts: HtmlScan['scripts'] = [];
  let title: string | undefined;
  let links = 0;
  let i = 0;
  while (i < n) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      parts.push(src.slice(i));
      break;
    }
    parts.push(src.slice(i, lt));
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const name = TAG_NAME.exec(src.slice(lt, lt + 34))?.[1]?.toLowerCase();
    if (!name) {
      // A "<" that opens no tag is text, as a browser shows it.
      parts.push('<');
      i = lt + 1;
      continue;
    }
    const gt = src.indexOf('>', lt + 1);
    if (gt < 0) break; // an unclosed tag: nothing after it is shown
    const tag = src.slice(lt, gt + 1);
    i = gt + 1;
    parts.push(' ');
    if (tag[1] === '/') continue;
    if (name === 'meta') metaTags.push(tag);
    else if (name === 'a' && /\shref\s*=/i.test(tag)) links++;
    if (!HIDDEN.has(name)) continue;
    const close = indexOfCi(src, `</${name}`, i);
    const body = src.slice(i, close < 0 ? n : close);
    if (name === 'script') scripts.push({ tag, body });
    else if (name === 'title' && title === undefined) title = body;
    if (close < 0) break;
    const after = src.indexOf('>', close);
    i = after < 0 ? n : after + 1;
  }
  const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return {
    text: fold(decodeEntities(parts.join(''))),
    title: fold(decodeEntities(title ?? '')),
    metaTags,
    scripts,
    links,
  };
}
