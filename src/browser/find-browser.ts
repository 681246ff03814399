// Which Chromium to drive: Playwright's own when installed, else a system one (Debian's
// chromium, Google Chrome), else none, with a message saying how to get one.
import { existsSync } from 'node:fs';

export interface BrowserLocation {
  executablePath: string;
  source: 'env' | 'playwright' | 'system';
}

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];

export const NO_BROWSER_HELP =
  'no Chromium found: run `bash scripts/setup.sh` (as root on Debian it installs the `chromium` package), ' +
  'or `npx playwright install chromium`, or set GOVBENCH_CHROMIUM=/path/to/chrome';

export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserLocation | undefined> {
  const fromEnv = env['GOVBENCH_CHROMIUM'] ?? env['CHROME_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? { executablePath: fromEnv, source: 'env' } : undefined;
  try {
    const { chromium } = await import('playwright');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { executablePath: own, source: 'playwright' };
  } catch {
    // playwright missing or its registry unreadable: fall through to a system browser
  }
  for (const p of SYSTEM_CANDIDATES) if (existsSync(p)) return { executablePath: p, source: 'system' };
  return undefined;
}
