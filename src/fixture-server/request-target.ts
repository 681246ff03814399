/** A request target split and decoded for routing. */
export interface RequestTarget {
  /** Path as received, still percent-encoded, without query. */
  rawPath: string;
  /** Query including the leading '?', or ''. */
  query: string;
  /** Percent-decoded path, used for file lookup and glob matching. */
  path: string;
}

/**
 * Splits and decodes a request target. Returns null for anything that must get a 400: undecodable
 * escapes, NUL bytes and `..` segments (encoded or not). The raw target is checked, not a `URL`
 * object, because URL parsing would silently resolve the `..` away and hide the attempt.
 */
export function parseTarget(url: string | undefined): RequestTarget | null {
  if (url === undefined || url.length === 0) return null;
  let target = url;
  // Absolute-form (a proxy-style request line): keep only the path part.
  const abs = /^https?:\/\/[^/?#]*/i.exec(target);
  if (abs !== null) target = target.slice(abs[0].length) || '/';
  if (!target.startsWith('/')) return null;
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  const rawPath = q >= 0 ? target.slice(0, q) : target;
  const query = q >= 0 ? target.slice(q) : '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.split(/[/\\]/).some((seg) => seg === '..')) return null;
  return { rawPath, query, path };
}
