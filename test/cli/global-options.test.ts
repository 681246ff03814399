// Number and duration options through the built CLI: a value that no timer can hold, or that is
// past what a JavaScript number holds exactly, is refused at once with exit 2 and the option's
// name, never silently turned into a 1 ms timer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { wholeNumber } from '../../src/cli/global-options.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir();
let server: Server;
let port: number;
let requests = 0;

beforeAll(async () => {
  // A site that never answers: every fetch of it ends in a timeout.
  server = createServer(() => { requests++; });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const site = (): string[] => ['--resolve', 'www.silent.gov.cn=127.0.0.1', `http://www.silent.gov.cn:${port}/`];

describe('number and duration options', () => {
  it.each([
    ['--timeout', 'seconds', '2147483', '2147484', /--timeout expects a whole number of seconds from 1 to 2147483 .*got "2147484"/],
    ['--site-time', 'seconds', '2147483', '3000000', /--site-time expects a whole number of seconds from 1 to 2147483 .*got "3000000"/],
    ['--render-timeout', 'seconds', '1', '9999999', /--render-timeout expects a whole number of seconds from 1 to 2147483 .*got "9999999"/],
    ['--delay', 'milliseconds', '2147483647', '2147483648', /--delay expects a whole number of milliseconds from 0 to 2147483647 .*got "2147483648"/],
    ['--concurrency', undefined, '9007199254740991', '99999999999999999999', /--concurrency expects a whole number from 1 to 9007199254740991, got "99999999999999999999"/],
    ['--max-bytes', undefined, '1024', '1e9', /--max-bytes expects a whole number from 1024 to 9007199254740991, got "1e9"/],
  ] as const)('%s takes %s up to its limit and refuses %s', (flag, unit, ok, bad, message) => {
    const parse = wholeNumber(flag, flag === '--delay' ? 0 : flag === '--max-bytes' ? 1024 : 1, unit);
    expect(parse(ok)).toBe(Number(ok));
    expect(() => parse(bad)).toThrow(UsageError);
    expect(() => parse(bad)).toThrow(message);
  });

  it('--timeout 3000000 is refused with exit 2 before anything starts, not turned into 1 ms', async () => {
    const before = requests;
    const r = await runCli(['--db', join(dir, 'refused.sqlite'), '--log-level', 'silent', '--timeout', '3000000', '--no-browser', 'crawl', ...site()]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--timeout expects a whole number of seconds from 1 to 2147483 .*got "3000000"/);
    expect(r.stderr).not.toMatch(/TimeoutOverflowWarning/);
    expect(requests).toBe(before);
  }, 60_000);

  it('takes the longest duration a timer holds, and the second pass of a timed-out site stays within it', async () => {
    // --site-time at the limit: the second pass doubles a timed-out site's budgets, which must not
    // overflow into a 1 ms timer (Node then warns with TimeoutOverflowWarning and the site ends at once).
    const list = join(dir, 'silent.csv');
    writeFileSync(list, `name,url\nSilent,http://www.silent.gov.cn:${port}/\n`);
    const r = await runCli(['--db', join(dir, 'limit.sqlite'), '--log-level', 'silent', '--resolve', 'www.silent.gov.cn=127.0.0.1',
      '--site-time', '2147483', '--timeout', '1', '--retries', '0', '--no-browser', 'run', list]);
    expect(r.stderr).not.toMatch(/TimeoutOverflowWarning|does not fit into a 32-bit/);
    expect(r.stdout).toMatch(/1 retried in a second pass/);
  }, 120_000);
});
