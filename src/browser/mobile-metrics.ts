// Measurements taken inside the phone-sized page: horizontal overflow, the share of text at a
// readable size, and the share of tap targets large enough or far enough apart (in the manner of
// Lighthouse's target-size). The function runs in the browser, so it refers to nothing outside it.

export interface MobileMetrics {
  viewportWidth: number;
  /** The layout viewport: 980 on a page without a usable viewport meta, the device width with one. */
  innerWidth: number;
  scrollWidth: number;
  /** Characters of visible text, and those at or above minTextPx. */
  textChars: number;
  readableChars: number;
  minTextPx: number;
  /** Visible links and buttons, and those passing the size-or-spacing rule. */
  tapTargets: number;
  goodTapTargets: number;
  minTapPx: number;
  /** A few offenders for the evidence. */
  smallText: string[];
  smallTargets: string[];
  viewportContent: string | null;
  /** Visual size of one CSS px (1 with a device-width viewport). */
  scale: number;
}

export function measureMobile(args: { minTextPx: number; minTapPx: number; viewportWidth: number }): MobileMetrics {
  const doc = document;
  const root = doc.documentElement;
  const scrollWidth = Math.max(root.scrollWidth, doc.body ? doc.body.scrollWidth : 0);
  // Without a device-width viewport the phone lays the page out 980 px wide and shrinks it to fit:
  // what the reader sees is CSS px times this scale.
  const scale = Math.min(1, args.viewportWidth / window.innerWidth);
  const visible = (el: Element): boolean => {
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  let textChars = 0;
  let readableChars = 0;
  const smallText: string[] = [];
  const walker = doc.createTreeWalker(doc.body ?? root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.nodeValue ?? '').replace(/\s+/g, '');
    if (!text) continue;
    const el = n.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName) || !visible(el)) continue;
    const px = Math.round(parseFloat(getComputedStyle(el).fontSize) * scale * 10) / 10;
    textChars += text.length;
    if (px >= args.minTextPx) readableChars += text.length;
    else if (smallText.length < 3) smallText.push(`${px}px: ${text.slice(0, 24)}`);
  }
  const targets = Array.from(doc.querySelectorAll('a[href], button, input[type=button], input[type=submit], input[type=checkbox], input[type=radio], select, [role=button]'))
    .filter(visible)
    .map((el) => {
      const b = el.getBoundingClientRect();
      return { el, r: { left: b.left * scale, right: b.right * scale, top: b.top * scale, bottom: b.bottom * scale, width: b.width * scale, height: b.height * scale } };
    });
  const min = args.minTapPx;
  let good = 0;
  const smallTargets: string[] = [];
  for (const t of targets) {
    if (t.r.width >= min && t.r.height >= min) {
      good++;
      continue;
    }
    // Too small: acceptable when a min×min square centred on it overlaps no other target.
    const cx = t.r.left + t.r.width / 2;
    const cy = t.r.top + t.r.height / 2;
    const half = min / 2;
    const crowded = targets.some((o) => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) &&
      o.r.left < cx + half && o.r.right > cx - half && o.r.top < cy + half && o.r.bottom > cy - half);
    if (!crowded) good++;
    else if (smallTargets.length < 3) smallTargets.push(`${Math.round(t.r.width)}×${Math.round(t.r.height)}: ${(t.el.textContent ?? '').trim().slice(0, 20)}`);
  }
  const meta = doc.querySelector('meta[name="viewport" i]');
  return {
    viewportWidth: args.viewportWidth,
    innerWidth: window.innerWidth,
    scrollWidth,
    textChars,
    readableChars,
    minTextPx: args.minTextPx,
    tapTargets: targets.length,
    goodTapTargets: good,
    minTapPx: min,
    smallText,
    smallTargets,
    viewportContent: meta ? meta.getAttribute('content') : null,
    scale,
  };
}
