// The sanitiser, and crawled control characters through every output edge of the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { showControlChars } from '../../src/util/control-chars.js';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('showControlChars', () => {
  it('writes terminal controls, C1 controls and bidi controls as escapes', () => {
    expect(showControlChars('\u001b[2J\u001b]0;pwned\u0007标题')).toBe('\\u001b[2J\\u001b]0;pwned\\u0007标题');
    expect(showControlChars('a\u0000b\u007fc\u0085d\u009be')).toBe('a\\u0000b\\u007fc\\u0085d\\u009be');
    expect(showControlChars('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069');
  });

  it('keeps tabs, line breaks and ordinary text, Chinese included', () => {
    expect(showControlChars('政务公开\t信息\r\n第二行\n第三行 \u200b\u3000')).toBe('政务公开\t信息\r\n第二行\n第三行 \u200b\u3000');
  });

  it('shows a carriage return that does not end a line: on a terminal it overwrites the line', () => {
    expect(showControlChars('score 12\rscore 99')).toBe('score 12\\u000dscore 99');
  });

  it('gives JSON text that parses to the same strings', () => {
    const value = { title: '\u202e\u0085\u007f\u001b标题' };
    const shown = showControlChars(JSON.stringify(value));
    expect(shown).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect(JSON.parse(shown)).toEqual(value);
  });
});

describe('at every output edge, through the built CLI', () => {
  const ESC = '\u001b';
  /** Characters that must never leave govbench raw. */
  const RAW = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
  const dir = tempDir();
  let server: FixtureServer;

  beforeAll(async () => {
    // A page that tries to clear the terminal, retitle it, hide text and reverse it.
    const home = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>县政府${ESC}[2J${ESC}]0;pwned\u0007\u202e标题</title></head><body>
<div class="nav"><a href="/gk/">政府信息公开${ESC}[8m\u202e\u0085</a> <a href="/xx/">领导信箱</a></div><p>正文</p></body></html>`;
    server = await new FixtureServer({ sites: [], extraHosts: { 'www.ctrl.gov.cn': { '/': home, '/gk/': '<html><body>公开</body></html>', '/xx/': '<html><body>信箱</body></html>' } } }).start();
  });
  afterAll(() => server?.close());

  it('shows them as escapes on the terminal, in the CSVs, the workbook and the HTML report', async () => {
    const args = ['--db', join(dir, 'ctrl.sqlite'), '--log-level', 'silent', '--no-browser', ...server.resolveArgs().flatMap((r) => ['--resolve', r])];
    const audit = await runCli([...args, 'audit', server.url('www.ctrl.gov.cn', '/'), '--name', `县${ESC}[2J政府`]);
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).not.toMatch(RAW);
    expect(audit.stdout).toContain('“政府信息公开\\u001b[8m\\u202e\\u0085”');
    expect(audit.stdout).toContain('县\\u001b[2J政府');

    expect((await runCli([...args, 'export', '--run', 'latest', '--out', dir])).code).toBe(0);
    expect((await runCli([...args, 'report', '--run', 'latest', '--out', dir])).code).toBe(0);
    const csvDir = join(dir, 'govbench-run-1-csv');
    const csv = readdirSync(csvDir).map((f) => readFileSync(join(csvDir, f), 'utf8')).join('\n');
    expect(csv).not.toMatch(RAW);
    expect(csv).toContain('政府信息公开\\u001b[8m\\u202e\\u0085');

    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'govbench-run-1.xlsx'));
    const cells: string[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => { cells.push(String(cell.text)); })));
    expect(cells.filter((t) => RAW.test(t))).toEqual([]);
    expect(cells.some((t) => t.includes('政府信息公开\\u001b[8m\\u202e\\u0085'))).toBe(true);

    const report = readFileSync(join(dir, 'govbench-run-1.html'), 'utf8');
    expect(report).not.toMatch(RAW);
    expect(report).toContain('政府信息公开\\u001b[8m\\u202e\\u0085');
  }, 120_000);
});
