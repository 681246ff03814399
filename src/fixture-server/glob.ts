/**
 * The tiny glob dialect used by site.json `headers`/`routes` and by `setBehaviour`:
 * `*` matches any run of characters (slashes included), everything else is literal.
 * Kept deliberately smaller than shell globs so a fixture author never has to wonder
 * whether `?` or `[` in a URL means something.
 */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

/** A compiled glob, so hot request paths don't rebuild regular expressions. */
export interface Glob {
  readonly source: string;
  test(subject: string): boolean;
}

export function compileGlob(glob: string): Glob {
  if (typeof glob !== 'string' || glob.length === 0) {
    throw new TypeError(`glob must be a non-empty string, got ${JSON.stringify(glob)}`);
  }
  const re = globToRegExp(glob);
  return { source: glob, test: (subject) => re.test(subject) };
}
