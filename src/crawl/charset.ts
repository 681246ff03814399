// Decoding Chinese government pages: many are GBK/GB2312, often with a missing or lying charset.
// Order: BOM, HTTP header (a UTF-8 claim is checked against the bytes), <meta>, then UTF-8 if the
// bytes are UTF-8 as a whole, else GB18030 (a superset of GBK and GB2312). "UTF-8 as a whole"
// tolerates a few invalid sequences (one bad byte is damage, not another encoding) and a last
// character cut by the byte cap.

export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniff' | 'fallback';

export interface Decoded {
  text: string;
  /** WHATWG encoding name actually used, e.g. utf-8, gbk, gb18030. */
  charset: string;
  source: CharsetSource;
  /** What was declared but not used, e.g. "header utf-8 invalid for bytes". */
  note?: string;
  /** Invalid UTF-8 sequences shown as U+FFFD in a page decoded as UTF-8 despite them. */
  replaced?: number;
  /**
   * The charset a browser would use (the header's, else the <meta> one) when it is not what the
   * bytes are: visitors see this page garbled, while govbench judges the correctly decoded text.
   */
  mislabel?: { declared: string; source: 'header' | 'meta' };
}

/**
 * Share of invalid sequences among the non-ASCII ones above which bytes are not UTF-8 as a whole.
 * Measured: the GBK pages of the fixture web read as UTF-8 have 82–89% invalid sequences (GBK
 * trail bytes rarely form valid UTF-8), a UTF-8 page with one bad byte well under 1%. 10% sits far
 * from both: a UTF-8 page keeps its readable text even with a pasted GBK snippet or a few bad bytes.
 */
export const MAX_INVALID_UTF8_SHARE = 0.1;

const META_SCAN_BYTES = 64 * 1024;
// A meta tag is short: bounding its length keeps the search linear on a page of unclosed "<meta"
// (unbounded, 64 KiB of them took 3.8 s per page).
const META_CHARSET = /<meta[^>]{1,1024}?charset\s{0,16}=\s{0,16}["']?\s{0,16}([a-z0-9_:.-]{1,40})/i;

/** The charset parameter of a Content-Type header. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType) : null;
  return m?.[1]?.toLowerCase();
}

export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_SCAN_BYTES)).toString('latin1');
  return META_CHARSET.exec(head)?.[1]?.toLowerCase();
}

/** The WHATWG name for a label, or undefined when the label is unknown. */
export function canonicalCharset(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

// Pages labelled GBK or GB2312 routinely use characters beyond those tables (names such as 镕 or
// 堃), so the Chinese family is always decoded as GB18030, which contains them all.
function decoderName(charset: string): string {
  return charset === 'gbk' ? 'gb18030' : charset;
}

function tryDecode(bytes: Uint8Array, charset: string, fatal: boolean): string | undefined {
  try {
    // stream: a character cut at the end (a body cut at the byte cap) is left out, not an error.
    return new TextDecoder(decoderName(charset), { fatal, ignoreBOM: false }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
}

const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);

/** Valid non-ASCII UTF-8 sequences and invalid ones (each shown as one U+FFFD), a cut last character aside. */
export function utf8Validity(bytes: Uint8Array): { valid: number; invalid: number } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, { stream: true });
  let valid = 0;
  let replacements = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xdc00 && c <= 0xdfff)) continue; // ASCII, or the second half of a pair
    if (c === 0xfffd) replacements++;
    else valid++;
  }
  // A page may really contain U+FFFD (EF BF BD): a valid character, not a decoding failure.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let genuine = 0;
  for (let at = buf.indexOf(REPLACEMENT_BYTES); at !== -1; at = buf.indexOf(REPLACEMENT_BYTES, at + 3)) genuine++;
  return { valid: valid + genuine, invalid: replacements - genuine };
}

/** The bytes as UTF-8 when they are UTF-8 as a whole (invalid sequences replaced), else undefined. */
function asUtf8Text(bytes: Uint8Array): { text: string; replaced?: number } | undefined {
  const strict = tryDecode(bytes, 'utf-8', true);
  if (strict !== undefined) return { text: strict };
  const { valid, invalid } = utf8Validity(bytes);
  if (invalid / (valid + invalid) > MAX_INVALID_UTF8_SHARE) return undefined;
  return { text: tryDecode(bytes, 'utf-8', false) ?? '', replaced: invalid };
}

// A header that says Latin-1 is the default of many Java servers, not a statement about the
// page: on Chinese sites it is almost always wrong, so a <meta> declaration beats it.
const WEAK_HEADER = new Set(['windows-1252']);

export function decodeHtml(bytes: Uint8Array, contentType?: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: tryDecode(bytes, 'utf-8', false) ?? '', charset: 'utf-8', source: 'bom' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const cs = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: tryDecode(bytes, cs, false) ?? '', charset: cs, source: 'bom' };
  }

  const notes: string[] = [];
  const fromHeader = headerCharset(contentType);
  const headerCs = fromHeader ? canonicalCharset(fromHeader) : undefined;
  if (fromHeader && !headerCs) notes.push(`header charset "${fromHeader}" unknown`);
  const fromMeta = metaCharset(bytes);
  const metaCs = fromMeta ? canonicalCharset(fromMeta) : undefined;

  const candidates: [string, CharsetSource][] = [];
  if (headerCs && !(WEAK_HEADER.has(headerCs) && metaCs)) candidates.push([headerCs, 'header']);
  if (metaCs) candidates.push([metaCs, 'meta']);

  const decoded = pickDecoding(bytes, candidates, notes);
  const mislabel = charsetMislabel(contentType, decoded.text, decoded.charset);
  if (mislabel) {
    decoded.mislabel = mislabel;
    decoded.note = `${decoded.note ? decoded.note + '; ' : ''}browsers follow the ${mislabel.source}'s ${mislabel.declared} and show it garbled`;
  }
  return decoded;
}

/**
 * The declaration a browser obeys (the header's charset, else the <meta> one) when it is not the
 * charset the page was rightly decoded with: visitors see the page garbled. Works from what the
 * store keeps (Content-Type, decoded HTML, charset), so stored crawls can be re-read. A page of
 * plain ASCII reads the same under any label and is never mislabelled.
 */
export function charsetMislabel(contentType: string | undefined, html: string, used: string | undefined): Decoded['mislabel'] {
  if (!used) return undefined;
  const fromHeader = headerCharset(contentType);
  const headerCs = fromHeader ? canonicalCharset(fromHeader) : undefined;
  const fromMeta = headerCs ? undefined : META_CHARSET.exec(html.slice(0, META_SCAN_BYTES))?.[1]?.toLowerCase();
  const declared = headerCs ?? (fromMeta ? canonicalCharset(fromMeta) : undefined);
  if (!declared || decoderName(declared) === decoderName(canonicalCharset(used) ?? used)) return undefined;
  if (!/[^\x00-\x7f]/.test(html)) return undefined;
  return { declared, source: headerCs ? 'header' : 'meta' };
}

function pickDecoding(bytes: Uint8Array, candidates: [string, CharsetSource][], notes: string[]): Decoded {
  // The UTF-8 verdict is asked up to three times (header, <meta>, sniffing): computed once.
  let utf8Verdict: { text: string; replaced?: number } | undefined | null = null;
  const decodeUtf8 = (b: Uint8Array): { text: string; replaced?: number } | undefined => (utf8Verdict === null ? (utf8Verdict = asUtf8Text(b)) : utf8Verdict);
  for (const [cs, source] of candidates) {
    // Only a UTF-8 claim can be checked cheaply and reliably against the bytes; the others are
    // decoded as declared (a wrong GBK claim on a UTF-8 page would still be caught below).
    if (cs === 'utf-8') {
      const utf8 = decodeUtf8(bytes);
      if (utf8 !== undefined) return withNote({ text: utf8.text, charset: cs, source, ...replacedOf(utf8, notes) }, notes);
      notes.push(`${source} says utf-8 but the bytes are not UTF-8`);
      continue;
    }
    if (cs === 'gbk' || cs === 'gb18030') {
      // A page labelled GBK that is UTF-8 with multi-byte sequences is UTF-8 mislabelled.
      const asUtf8 = hasHighBytes(bytes) ? decodeUtf8(bytes) : undefined;
      if (asUtf8 !== undefined) {
        notes.push(`${source} says ${cs} but the bytes are UTF-8`);
        return withNote({ text: asUtf8.text, charset: 'utf-8', source: 'sniff', ...replacedOf(asUtf8, notes) }, notes);
      }
    }
    const text = tryDecode(bytes, cs, false);
    if (text !== undefined) return withNote({ text, charset: cs, source }, notes);
  }

  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) return withNote({ text: utf8.text, charset: 'utf-8', source: 'sniff', ...replacedOf(utf8, notes) }, notes);
  return withNote({ text: tryDecode(bytes, 'gb18030', false) ?? '', charset: 'gb18030', source: 'fallback' }, notes);
}

function replacedOf(d: { replaced?: number }, notes: string[]): { replaced?: number } {
  if (!d.replaced) return {};
  notes.push(`${d.replaced} invalid UTF-8 sequence(s) replaced`);
  return { replaced: d.replaced };
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

function withNote(d: Decoded, notes: string[]): Decoded {
  return notes.length ? { ...d, note: notes.join('; ') } : d;
}
