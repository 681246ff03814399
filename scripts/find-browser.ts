// Prints the browser govbench will use, or exits 1 with how to get one. Used by scripts/setup.sh.
import { findBrowser, NO_BROWSER_HELP } from '../src/browser/find-browser.js';

const found = await findBrowser();
if (found) {
  process.stdout.write(`${found.executablePath} (${found.source})\n`);
} else {
  process.stderr.write(`${NO_BROWSER_HELP}\n`);
  process.exitCode = 1;
}
