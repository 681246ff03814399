// Which links to fetch first. A 40-page budget on a portal with 300 links must reach the
// sections assessors score, so links in the header, nav and footer, and links whose label or
// URL slug matches the checklist vocabulary (checklists/crawl-vocabulary.json), go first.
import { readFileSync } from 'node:fs';
import { repoPath } from '../util/repo-path.js';
import type { LinkPosition } from './types.js';

export interface CrawlVocabulary {
  labelWeight: number;
  slugWeight: number;
  positionWeights: Record<LinkPosition, number>;
  groups: Record<string, { labels: string[]; slugs: string[] }>;
}

export interface PriorityInput {
  url: URL;
  text: string;
  title: string;
  alt: string;
  position: LinkPosition;
}

export class LinkPrioritizer {
  private readonly labels: string[];
  private readonly slugs: Set<string>;

  constructor(private readonly vocab: CrawlVocabulary) {
    const groups = Object.values(vocab.groups);
    // Labels are matched case-insensitively as substrings; slugs as whole path segments (or their stem).
    this.labels = [...new Set(groups.flatMap((g) => g.labels.map((l) => l.toLowerCase())))];
    this.slugs = new Set(groups.flatMap((g) => g.slugs.map((s) => s.toLowerCase())));
  }

  score(link: PriorityInput): number {
    let score = this.vocab.positionWeights[link.position] ?? 0;
    const label = `${link.text} ${link.title} ${link.alt}`.toLowerCase();
    if (label.trim() && this.labels.some((l) => label.includes(l))) score += this.vocab.labelWeight;
    const segments = link.url.pathname.toLowerCase().split('/');
    const hostLabel = link.url.hostname.split('.')[0] ?? '';
    if (this.slugs.has(hostLabel) || segments.some((s) => this.slugs.has(s.replace(/\.[a-z]+$/, '')))) score += this.vocab.slugWeight;
    return score;
  }
}

const cache = new Map<string, CrawlVocabulary>();

export function loadCrawlVocabulary(file = repoPath('checklists', 'crawl-vocabulary.json')): CrawlVocabulary {
  const hit = cache.get(file);
  if (hit) return hit;
  const vocab = JSON.parse(readFileSync(file, 'utf8')) as CrawlVocabulary;
  if (!vocab.groups || typeof vocab.labelWeight !== 'number') throw new Error(`${file}: missing "groups" or "labelWeight"`);
  cache.set(file, vocab);
  return vocab;
}
