// <meta name="viewport">: the page declares a device-width layout (width=device-width or an
// initial-scale) and does not disable zoom (user-scalable=no or maximum-scale below 2, as axe's
// meta-viewport rule reads it).
import type { PageVerdict } from '../checklist/types.js';
import { checkKnownKeys, type Detector } from './detector.js';

export interface ViewportMetaOptions {
  /** Lowest acceptable maximum-scale. @default 2 */
  minMaximumScale?: number;
}

export function parseViewport(content: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of content.split(/[,;]/)) {
    const [k, v] = part.split('=').map((x) => x?.trim().toLowerCase());
    if (k) m.set(k, v ?? '');
  }
  return m;
}

export const viewportMeta: Detector<ViewportMetaOptions> = {
  validate: (options) => checkKnownKeys(options, ['minMaximumScale']),

  run(page, o): PageVerdict {
    const staticContent = page.dom()('meta[name="viewport" i]').last().attr('content');
    // The rendered page is what a phone applies: a script may add the tag, or replace it.
    const rendered = page.renderedViewport;
    const content = rendered === undefined ? staticContent : rendered ?? undefined;
    const seen = rendered === undefined ? '' : staticContent === rendered ? ' (confirmed in the rendered page)' : ' (as the rendered page has it)';
    if (content === undefined) return { outcome: 'fail', evidence: [], reason: `no <meta name="viewport">${seen}` };
    const v = parseViewport(content);
    const ev = { pageUrl: page.url, value: content + seen };
    const width = v.get('width');
    if (width !== 'device-width' && !v.has('initial-scale')) {
      return { outcome: 'fail', evidence: [{ ...ev, rule: `viewport fixes the width (${width ?? 'none'}) and sets no initial-scale` }] };
    }
    const scalable = v.get('user-scalable');
    if (scalable === 'no' || scalable === '0') return { outcome: 'fail', evidence: [{ ...ev, rule: 'viewport disables zoom (user-scalable=no)' }] };
    const max = Number(v.get('maximum-scale'));
    const min = o.minMaximumScale ?? 2;
    if (v.has('maximum-scale') && Number.isFinite(max) && max < min) {
      return { outcome: 'fail', evidence: [{ ...ev, rule: `viewport limits zoom (maximum-scale=${max} < ${min})` }] };
    }
    return { outcome: 'pass', evidence: [{ ...ev, rule: 'viewport sets a device-width layout and allows zoom' }] };
  },
};
