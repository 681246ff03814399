// What a rendered page may load, by kind: media and fonts are blocked (no check needs them and
// they are most of the bytes), and so is any scheme other than http(s), data, blob and about.
// Where a page may connect is not decided here: Playwright's route handler never sees
// WebSockets, preconnects or a Worker's sockets, so addresses are checked by the site's guard
// proxy (guard-proxy.ts), which every connection of the browser passes.
import type { Route } from 'playwright';

export const DEFAULT_BLOCKED_TYPES: ReadonlySet<string> = new Set(['media', 'font']);

export class RouteGuard {
  blocked = 0;

  constructor(private readonly blockTypes: ReadonlySet<string> = DEFAULT_BLOCKED_TYPES) {}

  allows(rawUrl: string, resourceType: string): boolean {
    if (this.blockTypes.has(resourceType)) return false;
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(rawUrl)?.[1]?.toLowerCase();
    return scheme === 'http' || scheme === 'https' || scheme === 'data' || scheme === 'blob' || scheme === 'about';
  }

  async handle(route: Route): Promise<void> {
    const req = route.request();
    try {
      if (this.allows(req.url(), req.resourceType())) await route.continue();
      else {
        this.blocked++;
        await route.abort('blockedbyclient');
      }
    } catch {
      // the page went away while we decided; nothing to do
    }
  }
}
