// Launches Chromium with flags that work as root in a container and keep it off the network
// except for the pages we ask for: no background networking, sync, component updates or DNS
// prefetch, no WebRTC UDP. The crawl's renderer adds GUARDED_NETWORK_FLAGS (every connection
// through a guard proxy, no name resolved by Chromium); launchBrowser, which only opens local
// report files in tests, maps --resolve to host-resolver rules instead.
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
  // WebRTC may only use TCP through the proxy: no UDP to STUN/TURN servers a page names (they
  // could be on loopback). The switch Chromium reads is this one; --force-webrtc-ip-handling-policy
  // is accepted and ignored (measured with Chromium 156: STUN packets still reached 127.0.0.1).
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
];

/**
 * The renderer's network: Chromium resolves no name itself (every lookup answers "not found",
 * except the proxy's own address, which Chromium needs to reach the proxy), and connects only
 * through a proxy, loopback included (Chromium bypasses proxies for loopback unless told
 * `<-loopback>`). `fallbackProxy` is the browser-wide proxy, one that refuses everything: a
 * context is given its site's guard proxy, and a context that somehow is not reaches nothing.
 */
export function guardedNetworkFlags(fallbackProxy: string): string[] {
  return [
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    `--proxy-server=${fallbackProxy}`,
    '--proxy-bypass-list=<-loopback>',
  ];
}

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
