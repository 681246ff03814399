// Renders pages in Chromium for the crawl: a new context per site, media and fonts blocked, a
// hard deadline around every browser call, a watchdog that kills a hung browser, and the browser
// recycled after a number of pages so its memory does not grow with the number of sites. Every
// connection of a site's contexts goes through that site's guard proxy (guard-proxy.ts), with
// the site's trust; a page whose own navigation the proxy refused ends as render-blocked.
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Page } from 'playwright';
import PQueue from 'p-queue';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { findBrowser } from './find-browser.js';
import { CHROMIUM_FLAGS, guardedNetworkFlags, NoBrowserError } from './launch-browser.js';
import { RouteGuard } from './route-guard.js';
import { GuardProxy } from './guard-proxy.js';
import { measureMobile, type MobileMetrics } from './mobile-metrics.js';
import type { ResolveMap } from '../crawl/resolve-map.js';
import { OriginTrust } from '../crawl/origin-trust.js';
import type { DnsLookup } from '../crawl/guarded-resolve.js';
import type { RenderOptions } from '../crawl/page-renderer.js';
import type { RenderMode, RenderStatus } from '../crawl/types.js';

export interface RendererOptions {
  resolve: ResolveMap;
  /** Trust every origin (--allow-private); otherwise each site's trust comes with its renders. */
  allowPrivate: boolean;
  userAgent: string;
  /** The system resolver, for the guard proxies; tests substitute one. */
  dnsLookup?: DnsLookup;
  /** A loopback proxy that answers everything itself, used instead of the guard proxies (see CrawlOptions.browserSinkProxy). */
  sinkProxy?: string;
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
  proxy: GuardProxy;
}

export class Renderer {
  private current?: Promise<Generation>;
  private readonly sites = new Map<string, SiteContexts>();
  private readonly queue: PQueue;
  private readonly o: Required<Omit<RendererOptions, 'resolve' | 'dnsLookup' | 'sinkProxy'>> & Pick<RendererOptions, 'resolve' | 'dnsLookup' | 'sinkProxy'>;
  /** Browsers launched, killed by the watchdog, and recycled: for the run's statistics. */
  readonly stats = { launched: 0, killed: 0, recycled: 0, rendered: 0 };

  private constructor(private readonly executablePath: string, private readonly fallback: GuardProxy, o: RendererOptions) {
    this.o = { timeoutMs: 15_000, recycleAfter: 100, concurrency: 2, phone: DEFAULT_PHONE, minTextPx: 12, minTapPx: 24, ...o };
    this.queue = new PQueue({ concurrency: this.o.concurrency });
  }

  /** Finds a browser; throws NoBrowserError (with how to get one) when there is none. */
  static async create(o: RendererOptions): Promise<Renderer> {
    const found = await findBrowser();
    if (!found) throw new NoBrowserError();
    const fallback = await new GuardProxy({ resolve: o.resolve, trust: new OriginTrust({ allowPrivate: false, resolve: o.resolve }), refuseAll: true }).start();
    return new Renderer(found.executablePath, fallback, o);
  }

  private launch(): Promise<Generation> {
    return chromium
      .launchServer({ executablePath: this.executablePath, headless: true, timeout: 30_000, args: [...CHROMIUM_FLAGS, ...guardedNetworkFlags(this.fallback.url)] })
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

  private async contextFor(siteKey: string, mode: RenderMode, trust: OriginTrust): Promise<{ ctx: BrowserContext; site: SiteContexts }> {
    let site = this.sites.get(siteKey);
    if (!site || !site.gen.browser.isConnected()) {
      if (site) this.forget(siteKey, site);
      const gen = await this.generation();
      // The site's own proxy, with the site's own trust: what site A may reach, site B may not.
      const proxy = await new GuardProxy({ resolve: this.o.resolve, trust, dnsLookup: this.o.dnsLookup }).start();
      gen.open++;
      site = { gen, contexts: {}, guard: new RouteGuard(), proxy };
      this.sites.set(siteKey, site);
    }
    let ctx = site.contexts[mode];
    if (!ctx) {
      const phone = this.o.phone;
      // bypass '<-loopback>': loopback URLs go through the proxy too (Chromium bypasses proxies
      // for localhost and 127.0.0.1 unless told otherwise).
      const proxy = { server: this.o.sinkProxy ?? site.proxy.url, bypass: '<-loopback>' };
      ctx = await deadline(site.gen.browser.newContext(mode === 'mobile'
        ? { viewport: { width: phone.width, height: phone.height }, deviceScaleFactor: phone.deviceScaleFactor, isMobile: true, hasTouch: true, userAgent: phone.userAgent, locale: 'zh-CN', proxy }
        : { viewport: { width: 1366, height: 900 }, userAgent: this.o.userAgent, locale: 'zh-CN', proxy }), 10_000, 'newContext');
      const guard = site.guard;
      await ctx.route('**/*', (route) => guard.handle(route));
      site.contexts[mode] = ctx;
    }
    return { ctx, site };
  }

  /**
   * Renders one page; never throws: every end is a status. The site's trust comes with the
   * render (the crawler passes its site's); without one, the URL's own origin is the seed. The
   * trust of a site's first render stays the site's until closeSite.
   */
  render(siteKey: string, url: string, mode: RenderMode, opts: RenderOptions = {}): Promise<RenderOutcome> {
    return this.queue.add(() => this.renderNow(siteKey, url, mode, opts)) as Promise<RenderOutcome>;
  }

  private async renderNow(siteKey: string, url: string, mode: RenderMode, opts: RenderOptions): Promise<RenderOutcome> {
    const started = Date.now();
    const t = this.o.timeoutMs;
    let page: Page | undefined;
    let crashed = false;
    let site: SiteContexts | undefined;
    // Refusals counted from here on are this render's (and, when two pages of one site render
    // at once, the other's: the count is per site, the verdict below per URL).
    let routeBefore = 0;
    let proxySince = 0;
    // The main frame's navigations, in order: the last one is where the page ended up.
    const navigations: string[] = [];
    const done = (o: Omit<RenderOutcome, 'ms' | 'blocked'>): RenderOutcome => ({
      ...o,
      ms: Date.now() - started,
      blocked: (site ? site.guard.blocked - routeBefore + site.proxy.refusalsSince(proxySince).length : 0),
    });
    /** render-blocked when the page's last navigation went to an origin the proxy refused. */
    const blockedNavigation = (): RenderOutcome | undefined => {
      const last = navigations.at(-1);
      const refusal = site && last ? site.proxy.refusalOf(last, proxySince) : undefined;
      return refusal ? done({ status: 'render-blocked', error: `navigation refused: ${refusal.reason}`, finalUrl: last }) : undefined;
    };
    try {
      const trust = opts.trust ?? OriginTrust.forSeed(url, { allowPrivate: this.o.allowPrivate, resolve: this.o.resolve });
      const got = await deadline(this.contextFor(siteKey, mode, trust), 40_000, 'starting the browser');
      routeBefore = got.site.guard.blocked;
      proxySince = got.site.proxy.seq;
      site = got.site;
      page = await deadline(got.ctx.newPage(), 10_000, 'newPage');
      page.on('crash', () => { crashed = true; });
      const main = page.mainFrame();
      page.on('request', (r) => {
        try {
          if (r.isNavigationRequest() && r.frame() === main) navigations.push(r.url());
        } catch {
          // a service worker's request has no frame
        }
      });
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
      return blockedNavigation() ?? done({ status: 'ok', finalUrl, html, metrics, screenshotPath });
    } catch (err) {
      const blocked = blockedNavigation();
      if (blocked) return blocked;
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

  /** Drops a site whose contexts are gone, and stops its proxy. */
  private forget(key: string, site: SiteContexts): void {
    if (this.sites.get(key) === site) this.sites.delete(key);
    void site.proxy.close();
  }

  /** The watchdog's last resort: a page that will not close means a hung browser. */
  private async kill(gen?: Generation): Promise<void> {
    if (!gen) return;
    gen.retiring = true;
    this.stats.killed++;
    for (const [key, s] of this.sites) if (s.gen === gen) this.forget(key, s);
    await gen.server.kill().catch(() => undefined);
  }

  /** Closes a site's contexts and its proxy; a retiring browser with no sites left is shut down. */
  async closeSite(siteKey: string): Promise<void> {
    const site = this.sites.get(siteKey);
    if (!site) return;
    this.sites.delete(siteKey);
    for (const ctx of Object.values(site.contexts)) await deadline(ctx.close(), 5_000, 'closing a context').catch(() => this.kill(site.gen));
    await site.proxy.close();
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
    await this.fallback.close();
  }
}
