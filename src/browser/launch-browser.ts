// Launches Chromium with flags that work as root in a container and keep it off the network
// except for the pages we ask for: no background networking, sync, component updates or DNS
// prefetch; --resolve becomes Chromium host-resolver rules.
import { chromium, type Browser } from 'playwright';
import { findBrowser, NO_BROWSER_HELP } from './find-browser.js';
import type { ResolveMap } from '../crawl/resolve-map.js';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', // root in a container has no user namespace for the sandbox
  '--disable-gpu',
  '--disable-dev-shm-usage', // small /dev/shm in containers crashes tabs
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--dns-prefetch-disable',
  '--metrics-recording-only',
  '--mute-audio',
  '--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions',
];

export class NoBrowserError extends Error {
  constructor() {
    super(NO_BROWSER_HELP);
  }
}

export async function launchBrowser(resolve: ResolveMap, env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const found = await findBrowser(env);
  if (!found) throw new NoBrowserError();
  const rules = resolve.toHostResolverRules();
  return chromium.launch({
    executablePath: found.executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(rules ? [`--host-resolver-rules=${rules}`] : [])],
    timeout: 30_000,
  });
}
