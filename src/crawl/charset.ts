// Decoding Chinese government pages: many are GBK/GB2312, often with a missing or lying charset.
// Order: BOM, HTTP header (a UTF-8 claim is checked against the bytes), <meta>, then UTF-8 if the
// bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312).

export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniff' | 'fallback';

export interface Decoded {
  text: string;
  /** WHATWG encoding name actually used, e.g. utf-8, gbk, gb18030. */
  charset: string;
  source: CharsetSource;
  /** What was declared but not used, e.g. "header utf-8 invalid for bytes". */
  note?: string;
}

const META_SCAN_BYTES = 64 * 1024;
const META_CHARSET = /<meta[^>]+?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i;

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
    return new TextDecoder(decoderName(charset), { fatal, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
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

  for (const [cs, source] of candidates) {
    // Only a UTF-8 claim can be checked cheaply and reliably against the bytes; the others are
    // decoded as declared (a wrong GBK claim on a UTF-8 page would still be caught below).
    if (cs === 'utf-8') {
      const text = tryDecode(bytes, cs, true);
      if (text !== undefined) return withNote({ text, charset: cs, source }, notes);
      notes.push(`${source} says utf-8 but the bytes are not UTF-8`);
      continue;
    }
    if (cs === 'gbk' || cs === 'gb18030') {
      // A page labelled GBK that is valid UTF-8 with multi-byte sequences is UTF-8 mislabelled.
      const asUtf8 = hasHighBytes(bytes) ? tryDecode(bytes, 'utf-8', true) : undefined;
      if (asUtf8 !== undefined) {
        notes.push(`${source} says ${cs} but the bytes are UTF-8`);
        return withNote({ text: asUtf8, charset: 'utf-8', source: 'sniff' }, notes);
      }
    }
    const text = tryDecode(bytes, cs, false);
    if (text !== undefined) return withNote({ text, charset: cs, source }, notes);
  }

  const utf8 = tryDecode(bytes, 'utf-8', true);
  if (utf8 !== undefined) return withNote({ text: utf8, charset: 'utf-8', source: 'sniff' }, notes);
  return withNote({ text: tryDecode(bytes, 'gb18030', false) ?? '', charset: 'gb18030', source: 'fallback' }, notes);
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

function withNote(d: Decoded, notes: string[]): Decoded {
  return notes.length ? { ...d, note: notes.join('; ') } : d;
}
