import { extname } from 'node:path';

/**
 * Content-Type by extension. HTML carries no charset on purpose: many real portals send bare
 * `text/html`, and the crawler must sniff the encoding itself. A site.json `headers` rule adds
 * one where a fixture needs it.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.shtml': 'text/html',
  '.css': 'text/css',
  '.js': 'application/javascript',
  '.mjs': 'application/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.wps': 'application/vnd.ms-works',
  '.ofd': 'application/ofd',
  '.zip': 'application/zip',
  '.rar': 'application/vnd.rar',
  '.mp4': 'video/mp4',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Extensions whose bodies get fixture-host port rewriting (they can hold absolute links). */
const TEXT = new Set(['.html', '.htm', '.shtml', '.css', '.js', '.mjs', '.json', '.txt', '.xml', '.svg']);

export function contentTypeFor(path: string): string {
  // A directory URL is served from index.html.
  if (path.endsWith('/')) return 'text/html';
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function isRewritable(path: string): boolean {
  return path.endsWith('/') || TEXT.has(extname(path).toLowerCase());
}

/** True for content types whose bodies may hold links, for behaviours that give a type, not a path. */
export function isTextType(contentType: string): boolean {
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  return t.startsWith('text/') || t.endsWith('+xml') || t.endsWith('/xml') || t.endsWith('/json') || t.endsWith('/javascript');
}
