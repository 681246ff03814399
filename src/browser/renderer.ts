// Renders pages in Chromium for the crawl: a new context per site, media and fonts blocked, a
// hard deadline around every browser call, a watchdog that kills a hung browser, and the browser
// recycled after a number of pages so its memory does not grow with the number of sites.
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Page } from 'playwright';
import PQueue from 'p-queue';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { findBrowser } from './find-browser.js';
import { CHROMIUM_FLAGS, NoBrowserError } from './launch-browser.js';
import { RouteGuard, DEFAULT_BLOCKED_TYPES } from './route-guard.js';
import { measureMobile, type MobileMetrics } from './mobile-metrics.js';
import type { ResolveMap } from '../crawl/resolve-map.js';
import type { RenderMode, RenderStatus } from '../crawl/types.js';

export interface RendererOptions {
  resolve: ResolveMap;
  allowPrivate: boolean;
  trustedHosts: Set<string>;
  userAgent: string;
  /** Deadline for one page render (navigation, settling, content). @default 15000 */
  timeoutMs?: number;
  /** Pages rendered before the browser is replaced. @default 100 */
  recycleAfter?: number;
  /** Renders at once. @default 2 */
  concurrency?: number;
  /** Phone emulation. @default 390×844 at 3×, touch, a mobile user agent */
  phone?: { width: number; height: number; deviceScaleFactor: number; userAgent: string };
  /** Text and tap-target thresholds measured in the page. */
  minTextPx?: number;
  minTapPx?: number;
}

export interface RenderOutcome {
  status: RenderStatus;
  error?: string;
  finalUrl?: string;
  html?: string;
  metrics?: MobileMetrics;
  screenshotPath?: string;
  ms: number;
  blocked: number;
}

export const DEFAULT_PHONE = {
  width: 390,
  height: 844,
  deviceScaleFactor: 3,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 govbench/0.1',
};

class Deadline extends Error {
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${ms} ms`);
  }
}

function deadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Deadline(what, ms)), ms); }),
  ]);
}

interface Generation {
  server: BrowserServer;
  browser: Browser;
  rendered: number;
  open: number;
  retiring: boolean;
}

interface SiteContexts {
  gen: Generation;
  contexts: Partial<Record<RenderMode, BrowserContext>>;
  guard: RouteGuard;
}

export class Renderer {
  private current?: Promise<Generation>;
  private readonly sites = new Map<string, SiteContexts>();
  private readonly queue: PQueue;
  private readonly o: Required<Omit<RendererOptions, 'resolve' | 'trustedHosts'>> & Pick<RendererOptions, 'resolve' | 'trustedHosts'>;
  /** Browsers launched, killed by the watchdog, and recycled: for the run's statistics. */
  readonly stats = { launched: 0, killed: 0, recycled: 0, rendered: 0 };

  private constructor(private readonly executablePath: string, o: RendererOptions) {
    this.o = { timeoutMs: 15_000, recycleAfter: 100, concurrency: 2, phone: DEFAULT_PHONE, minTextPx: 12, minTapPx: 24, ...o };
    this.queue = new PQueue({ concurrency: this.o.concurrency });
  }

  /** Finds a browser; throws NoBrowserError (with how to get one) when there is none. */
  static async create(o: RendererOptions): Promise<Renderer> {
    const found = await findBrowser();
    if (!found) throw new NoBrowserError();
    return new Renderer(found.executablePath, o);
  }

  private launch(): Promise<Generation> {
    const rules = this.o.resolve.toHostResolverRules();
    return chromium
      .launchServer({ executablePath: this.executablePath, headless: true, timeout: 30_000, args: [...CHROMIUM_FLAGS, ...(rules ? [`--host-resolver-rules=${rules}`] : [])] })
      .then(async (server) => {
        const browser = await chromium.connect(server.wsEndpoint(), { timeout: 30_000 });
        this.stats.launched++;
        return { server, browser, rendered: 0, open: 0, retiring: false };
      });
  }

  private async generation(): Promise<Generation> {
    if (!this.current) this.current = this.launch();
    const gen = await this.current;
    if (gen.retiring || !gen.browser.isConnected()) {
      this.current = this.launch();
      return this.current;
    }
    return gen;
  }

  private async contextFor(siteKey: string, mode: RenderMode): Promise<{ ctx: BrowserContext; site: SiteContexts }> {
    let site = this.sites.get(siteKey);
    if (!site || !site.gen.browser.isConnected()) {
      const gen = await this.generation();
      gen.open++;
      site = { gen, contexts: {}, guard: new RouteGuard({ resolve: this.o.resolve, allowPrivate: this.o.allowPrivate, trustedHosts: this.o.trustedHosts, blockTypes: DEFAULT_BLOCKED_TYPES }) };
      this.sites.set(siteKey, site);
    }
    let ctx = site.contexts[mode];
    if (!ctx) {
      const phone = this.o.phone;
      ctx = await deadline(site.gen.browser.newContext(mode === 'mobile'
        ? { viewport: { width: phone.width, height: phone.height }, deviceScaleFactor: phone.deviceScaleFactor, isMobile: true, hasTouch: true, userAgent: phone.userAgent, locale: 'zh-CN' }
        : { viewport: { width: 1366, height: 900 }, userAgent: this.o.userAgent, locale: 'zh-CN' }), 10_000, 'newContext');
      const guard = site.guard;
      await ctx.route('**/*', (route) => guard.handle(route));
      site.contexts[mode] = ctx;
    }
    return { ctx, site };
  }

  /** Renders one page; never throws: every end is a status. */
  render(siteKey: string, url: string, mode: RenderMode, opts: { screenshotPath?: string } = {}): Promise<RenderOutcome> {
    return this.queue.add(() => this.renderNow(siteKey, url, mode, opts)) as Promise<RenderOutcome>;
  }

  private async renderNow(siteKey: string, url: string, mode: RenderMode, opts: { screenshotPath?: string }): Promise<RenderOutcome> {
    const started = Date.now();
    const t = this.o.timeoutMs;
    let page: Page | undefined;
    let crashed = false;
    let site: SiteContexts | undefined;
    const blockedBefore = this.sites.get(siteKey)?.guard.blocked ?? 0;
    const done = (o: Omit<RenderOutcome, 'ms' | 'blocked'>): RenderOutcome => ({ ...o, ms: Date.now() - started, blocked: (site?.guard.blocked ?? 0) - blockedBefore });
    try {
      const got = await deadline(this.contextFor(siteKey, mode), 40_000, 'starting the browser');
      site = got.site;
      page = await deadline(got.ctx.newPage(), 10_000, 'newPage');
      page.on('crash', () => { crashed = true; });
      await deadline(page.goto(url, { waitUntil: 'load', timeout: t }), t + 2_000, 'navigation');
      // Menus built by script often arrive just after load (a menu.json, a timer): let the network settle briefly.
      await page.waitForLoadState('networkidle', { timeout: Math.min(2_000, t) }).catch(() => undefined);
      const html = await deadline(page.content(), 5_000, 'reading the DOM');
      const finalUrl = page.url();
      let metrics: MobileMetrics | undefined;
      let screenshotPath: string | undefined;
      if (mode === 'mobile') {
        metrics = await deadline(page.evaluate(measureMobile, { minTextPx: this.o.minTextPx, minTapPx: this.o.minTapPx, viewportWidth: this.o.phone.width }), 5_000, 'measuring');
        if (opts.screenshotPath) {
          mkdirSync(dirname(opts.screenshotPath), { recursive: true });
          await deadline(page.screenshot({ path: opts.screenshotPath, fullPage: false, timeout: 5_000 }), 7_000, 'screenshot');
          screenshotPath = opts.screenshotPath;
        }
      }
      return done({ status: 'ok', finalUrl, html, metrics, screenshotPath });
    } catch (err) {
      const message = (err as Error)?.message?.split('\n')[0] ?? String(err);
      const status: RenderStatus = crashed || /crash|Target closed|has been closed/i.test(message) ? 'render-crash'
        : err instanceof Deadline || /Timeout|timed out/i.test(message) ? 'render-timeout' : 'render-error';
      return done({ status, error: message });
    } finally {
      this.stats.rendered++;
      if (site) site.gen.rendered++;
      if (page) await deadline(page.close(), 3_000, 'closing the page').catch(() => this.kill(site?.gen));
      if (site && site.gen.rendered >= this.o.recycleAfter && !site.gen.retiring) {
        site.gen.retiring = true;
        this.stats.recycled++;
      }
    }
  }

  /** The watchdog's last resort: a page that will not close means a hung browser. */
  private async kill(gen?: Generation): Promise<void> {
    if (!gen) return;
    gen.retiring = true;
    this.stats.killed++;
    for (const [key, s] of this.sites) if (s.gen === gen) this.sites.delete(key);
    await gen.server.kill().catch(() => undefined);
  }

  /** Closes a site's contexts; a retiring browser with no sites left is shut down. */
  async closeSite(siteKey: string): Promise<void> {
    const site = this.sites.get(siteKey);
    if (!site) return;
    this.sites.delete(siteKey);
    for (const ctx of Object.values(site.contexts)) await deadline(ctx.close(), 5_000, 'closing a context').catch(() => this.kill(site.gen));
    site.gen.open--;
    if (site.gen.retiring && site.gen.open <= 0) await this.shutdown(site.gen);
  }

  private async shutdown(gen: Generation): Promise<void> {
    await deadline(gen.browser.close(), 5_000, 'closing the browser').catch(() => undefined);
    await deadline(gen.server.close(), 5_000, 'stopping the browser').catch(() => gen.server.kill());
  }

  /** Process ids of the live browsers, for memory measurement. */
  async browserPids(): Promise<number[]> {
    const gen = this.current ? await this.current.catch(() => undefined) : undefined;
    const pid = gen?.server.process().pid;
    return pid ? [pid] : [];
  }

  async close(): Promise<void> {
    await this.queue.onIdle();
    for (const key of [...this.sites.keys()]) await this.closeSite(key);
    const gen = this.current ? await this.current.catch(() => undefined) : undefined;
    if (gen) await this.shutdown(gen);
    this.current = undefined;
  }
}
