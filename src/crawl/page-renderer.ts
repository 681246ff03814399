// What the crawler needs from a browser, so the crawl layer does not depend on Playwright.
import type { RenderMode, RenderStatus } from './types.js';

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
  render(siteKey: string, url: string, mode: RenderMode, opts?: { screenshotPath?: string }): Promise<RenderResult>;
  closeSite(siteKey: string): Promise<void>;
}
