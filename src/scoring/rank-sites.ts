// Rankings as published rankings do them: by total, ties ranked alike (1, 2, 2, 4), overall and
// within each level group; a site that could not be scored is listed, never ranked as zero.

export interface Rankable {
  total?: number;
  group?: string;
}

/** Competition ranks for the scored items, in input order; undefined for unscored ones. */
export function competitionRanks(items: Rankable[]): (number | undefined)[] {
  const scored = items.map((x, i) => ({ i, t: x.total })).filter((x): x is { i: number; t: number } => x.t !== undefined);
  scored.sort((a, b) => b.t - a.t);
  const ranks: (number | undefined)[] = new Array(items.length).fill(undefined);
  scored.forEach((x, pos) => {
    const prev = scored[pos - 1];
    ranks[x.i] = prev && prev.t === x.t ? ranks[prev.i] : pos + 1;
  });
  return ranks;
}

/** Overall ranks and ranks within each item's group. */
export function rankSites(items: Rankable[]): { rank?: number; groupRank?: number }[] {
  const overall = competitionRanks(items);
  const groupRanks: (number | undefined)[] = new Array(items.length).fill(undefined);
  const groups = new Map<string, number[]>();
  items.forEach((x, i) => {
    if (x.group) groups.set(x.group, [...(groups.get(x.group) ?? []), i]);
  });
  for (const idx of groups.values()) {
    const ranks = competitionRanks(idx.map((i) => items[i]!));
    idx.forEach((i, k) => { groupRanks[i] = ranks[k]; });
  }
  return items.map((_, i) => ({ rank: overall[i], groupRank: groupRanks[i] }));
}
