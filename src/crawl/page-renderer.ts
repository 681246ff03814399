// What the crawler needs from a browser, so the crawl layer does not depend on Playwright.
import type { RenderMode, RenderStatus } from './types.js';
import type { OriginTrust } from './origin-trust.js';

export interface RenderOptions {
  screenshotPath?: string;
  /** The site's trust; without one, the rendered URL's own origin is the seed (see origin-trust.ts). */
  trust?: OriginTrust;
}

export interface RenderResult {
  status: RenderStatus;
  error?: string;
  finalUrl?: string;
  html?: string;
  metrics?: object;
  screenshotPath?: string;
  ms: number;
  blocked: number;
}

export interface PageRenderer {
  render(siteKey: string, url: string, mode: RenderMode, opts?: RenderOptions): Promise<RenderResult>;
  closeSite(siteKey: string): Promise<void>;
}
