// What a reader of a site's scorecard must know about how the site was read: the homepage sent
// visitors on to another page, was cut at the byte cap, declares a charset that garbles it in
// browsers, or the site answers 200 for pages that do not exist. Derived from the stored
// snapshots, so `score` on a stored crawl shows the same notes as the audit that made it.
import { charsetMislabel } from '../crawl/charset.js';
import { describeHop } from '../crawl/client-redirect.js';
import { PROBE_REASON } from '../crawl/soft-404.js';
import type { PageSnapshot } from '../crawl/types.js';

export type SiteNoteKind = 'homepage-redirect' | 'homepage-cut' | 'charset-mislabel' | 'soft-404';

export interface SiteNote {
  kind: SiteNoteKind;
  /** The page the note is about (the first one, when it is about several). */
  pageUrl: string;
  text: string;
}

export function siteNotes(pages: readonly PageSnapshot[]): SiteNote[] {
  const notes: SiteNote[] = [];
  const home = pages.find((p) => p.depth === 0);
  if (home) {
    home.redirects.forEach((hop, i) => {
      if (!hop.via) return;
      const to = home.redirects[i + 1]?.url ?? home.finalUrl;
      notes.push({ kind: 'homepage-redirect', pageUrl: hop.url, text: `the homepage sends visitors on by ${describeHop(hop, to)}; the site is judged on ${home.finalUrl}` });
    });
    if (home.status === 'too-large') {
      notes.push({ kind: 'homepage-cut', pageUrl: home.finalUrl, text: `the homepage is larger than the byte cap (${home.reason ?? 'cut'}); it is judged on the part kept` });
    }
  }
  const decoded = pages.filter((p) => p.html !== undefined && p.charset !== undefined);
  const garbled = decoded.flatMap((p) => {
    const m = charsetMislabel(p.contentType, p.html!, p.charset);
    return m ? [{ p, m }] : [];
  });
  if (garbled.length) {
    const { p, m } = garbled[0]!;
    notes.push({
      kind: 'charset-mislabel', pageUrl: p.finalUrl,
      text: `the ${m.source === 'header' ? 'HTTP header' : '<meta> tag'} says ${m.declared} but the page is ${p.charset}: browsers show ${garbled.length} of ${decoded.length} page(s) garbled; judged on the correctly decoded text`,
    });
  }
  const probe = pages.find((p) => p.status === 'soft-404' && p.reason?.startsWith(PROBE_REASON));
  if (probe) {
    const dead = pages.filter((p) => p.status === 'soft-404' && p !== probe).length;
    notes.push({
      kind: 'soft-404', pageUrl: probe.url,
      text: `the site answers 200 with its “page not found” page for pages that do not exist (${probe.url}); ${dead} page(s) counted as dead, their links for nothing`,
    });
  }
  return notes;
}
