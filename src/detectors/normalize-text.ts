// Makes labels comparable the way a reader compares them: full-width forms folded (ＡＰＰ → APP),
// traditional characters to simplified (資訊公開 → 资讯公开, via OpenCC's tables), spacing used
// for layout removed (信 息 公 开), decoration dropped (【部长信箱】, 进入>>).
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const HAN = /[\u3400-\u9fff]/;
// Characters that only decorate a label: brackets, arrows, bullets, separators.
const DECORATION = /[【】\[\]〔〕（）()<>《》〈〉「」『』»«›‹→←↑↓▶►▸•·・|｜:：、，,。.!！?？"“”'‘’…~～\-—_/\\>*#]+/g;
const CJK_SPACE = /(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g;

const cache = new Map<string, string>();
const CACHE_MAX = 50_000;

/** Normalised form for Chinese matching: NFKC, simplified, no decoration, no spaces. */
export function normalizeZh(input: string): string {
  if (!input) return '';
  const hit = cache.get(input);
  if (hit !== undefined) return hit;
  let s = input.normalize('NFKC');
  if (HAN.test(s)) s = toSimplified(s);
  s = s.replace(CJK_SPACE, '').replace(DECORATION, ' ').replace(/\s+/g, '').toLowerCase();
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(input, s);
  return s;
}

/** Normalised form for English matching: NFKC, lower case, decoration to single spaces. */
export function normalizeEn(input: string): string {
  if (!input) return '';
  return input.normalize('NFKC').toLowerCase().replace(/[“”"'‘’»«›‹→←>|•·]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export function hasHan(s: string): boolean {
  return HAN.test(s);
}
