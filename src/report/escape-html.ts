// Escaping for the report. Everything a crawl brings back (site names, link texts, evidence,
// reasons, URLs) is hostile until escaped, so markup is built with the `html` tag below: every
// interpolated value is escaped unless it is already `Html`, and forgetting to escape is not possible.
import { showControlChars } from '../util/control-chars.js';

/** Markup that is already safe to place in the document. Only this module and `html` make it. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an element body or a double- or single-quoted attribute value. Quotes are escaped too,
 * so one function serves both and a `"><b>` in a reason stays text wherever it lands; control and
 * bidi characters are shown as escapes, so a crawled U+202E cannot reorder what the reader sees.
 */
export function escapeText(value: unknown): string {
  return showControlChars(String(value ?? '')).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Attribute values: the same escaping; named apart so call sites say what they are writing. */
export const escapeAttr = escapeText;

/** Wraps markup built elsewhere in this folder from literals (CSS, SVG made with `html`). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function renderPart(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(renderPart).join('');
  return escapeText(v);
}

/** Template tag: literals pass through, interpolations are escaped (arrays are joined; null, undefined and false vanish). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += renderPart(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/**
 * The URL to put in an href, or undefined when it must be shown as text: only absolute http(s)
 * URLs qualify. Parsing with the WHATWG parser, as the browser will, strips the tabs, newlines and
 * case tricks that disguise `java\tscript:`; the parsed form is what we return, so what was checked
 * is what is written.
 */
export function safeHref(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // user:password@ in a crawled link is a phishing shape and never needed to verify evidence
  if (url.username || url.password) return undefined;
  return url.href;
}

/**
 * A link to an untrusted URL when it is http(s), else the URL as plain text. Links open outside the
 * report and send no referrer: the report may be read from a private file path.
 */
export function linkOrText(raw: unknown, label?: unknown, className = 'url'): Html {
  const shown = label === undefined || label === null || label === '' ? raw : label;
  const href = safeHref(raw);
  if (!href) return html`<span class="${className} unlinked">${String(shown ?? '')}</span>`;
  return html`<a class="${className}" href="${href}" rel="noopener noreferrer nofollow" target="_blank">${String(shown)}</a>`;
}

/** Shortens crawled text for display, keeping whole code points; the full text goes in a title. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
