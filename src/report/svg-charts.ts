// Inline SVG charts: pure functions from numbers to an SVG string, with text labels on every bar
// so the charts read without colour, in print and to screen readers. No script, no external font.
import { clip, html } from './escape-html.js';

export interface ScoreBand {
  /** Lowest total in the band, inclusive. */
  from: number;
  /** Highest total shown for the band: 9, 19, ... and 100 for the last, which includes a perfect score. */
  to: number;
  count: number;
}

/** Totals in bands of 10 (0–9, ..., 90–100). Out-of-range totals are clamped; NaN is left out. */
export function scoreBands(totals: readonly number[]): ScoreBand[] {
  const bands: ScoreBand[] = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, count: 0 }));
  for (const t of totals) {
    if (typeof t !== 'number' || Number.isNaN(t)) continue;
    const i = Math.min(9, Math.max(0, Math.floor(t / 10)));
    bands[i]!.count++;
  }
  return bands;
}

const r1 = (x: number): string => String(Math.round(x * 10) / 10);

export interface HistogramOptions {
  /** @default 'Distribution of total scores' */
  title?: string;
  /** @default 640 */
  width?: number;
  /** @default 220 */
  height?: number;
}

/** A column per band of 10 points, each with its count above it and its range below. */
export function scoreHistogram(totals: readonly number[], opts: HistogramOptions = {}): string {
  const bands = scoreBands(totals);
  const W = opts.width ?? 640;
  const H = opts.height ?? 220;
  const title = opts.title ?? 'Distribution of total scores';
  const m = { left: 34, right: 8, top: 22, bottom: 38 };
  const plotW = W - m.left - m.right;
  const plotH = H - m.top - m.bottom;
  const max = Math.max(1, ...bands.map((b) => b.count));
  const slot = plotW / bands.length;
  const barW = slot * 0.78;
  const baseY = m.top + plotH;
  const summary = bands.filter((b) => b.count > 0).map((b) => `${b.from}–${b.to}: ${b.count}`).join(', ') || 'no scored sites';
  const bars = bands.map((b, i) => {
    const h = (b.count / max) * plotH;
    const x = m.left + i * slot + (slot - barW) / 2;
    const cx = x + barW / 2;
    const label = `${b.from}–${b.to}`;
    return html`<g class="band"><rect class="bar" x="${r1(x)}" y="${r1(baseY - h)}" width="${r1(barW)}" height="${r1(h)}" data-band="${label}" data-count="${b.count}"><title>${label}: ${b.count} site${b.count === 1 ? '' : 's'}</title></rect>${
      b.count > 0 ? html`<text class="count" x="${r1(cx)}" y="${r1(baseY - h - 5)}" text-anchor="middle">${b.count}</text>` : ''
    }<text class="axis-label" x="${r1(cx)}" y="${r1(baseY + 16)}" text-anchor="middle">${label}</text></g>`;
  });
  return html`<svg class="chart histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${title}: ${summary}"><title>${title}</title>
<line class="axis" x1="${m.left}" y1="${r1(baseY)}" x2="${W - m.right}" y2="${r1(baseY)}"/>
<line class="grid" x1="${m.left}" y1="${m.top}" x2="${W - m.right}" y2="${m.top}"/><text class="axis-label" x="${m.left - 6}" y="${m.top + 4}" text-anchor="end">${max}</text><text class="axis-label" x="${m.left - 6}" y="${r1(baseY + 4)}" text-anchor="end">0</text>
${bars}<text class="axis-title" x="${r1(m.left + plotW / 2)}" y="${H - 4}" text-anchor="middle">total score (sites per band of 10 points)</text></svg>`.value;
}

export interface CategoryBar {
  label: string;
  /** Share achieved, 0–1; undefined when nothing in the category applied. */
  share: number | undefined;
  /** Text at the bar's end. @default the share as a percentage */
  value?: string;
}

export interface CategoryBarsOptions {
  /** @default 'Share of category points achieved' */
  title?: string;
  /** @default 640 */
  width?: number;
}

/** Rough rendered width in em: CJK and full-width forms take a full em, others about 0.6. */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) em += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 1 : 0.6;
  return em;
}

/** One horizontal bar per category over a 100% track, its label on the left and its value on the right. */
export function categoryBars(items: readonly CategoryBar[], opts: CategoryBarsOptions = {}): string {
  const W = opts.width ?? 640;
  const title = opts.title ?? 'Share of category points achieved';
  const font = 13;
  const rowH = 26;
  const labels = items.map((it) => clip(String(it.label), 18));
  const labelW = Math.min(220, Math.max(60, Math.ceil(Math.max(0, ...labels.map(textWidthEm)) * font) + 12));
  const valueW = 96;
  const trackW = Math.max(40, W - labelW - valueW);
  const H = Math.max(rowH, items.length * rowH) + 6;
  const rows = items.map((it, i) => {
    const y = 4 + i * rowH;
    const share = typeof it.share === 'number' && Number.isFinite(it.share) ? Math.min(1, Math.max(0, it.share)) : undefined;
    const value = it.value ?? (share === undefined ? 'n.a.' : `${Math.round(share * 100)}%`);
    return html`<g class="row"><title>${String(it.label)}: ${value}</title><text class="bar-label" x="${labelW - 8}" y="${y + 16}" text-anchor="end">${labels[i]}</text><rect class="track" x="${labelW}" y="${y + 3}" width="${r1(trackW)}" height="${rowH - 8}"/>${
      share === undefined ? '' : html`<rect class="bar" x="${labelW}" y="${y + 3}" width="${r1(share * trackW)}" height="${rowH - 8}" data-share="${r1(share * 100)}"/>`
    }<text class="bar-value" x="${r1(labelW + trackW + 8)}" y="${y + 16}">${value}</text></g>`;
  });
  return html`<svg class="chart category-bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${title}"><title>${title}</title>${rows}</svg>`.value;
}
