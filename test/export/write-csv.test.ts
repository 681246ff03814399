import { linkSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_FILES, csvField, csvText, writeCsvs } from '../../src/export/write-csv.js';
import { EVIDENCE_COLUMNS, RANKING_COLUMNS_AFTER_CATEGORIES, RANKING_COLUMNS_BEFORE_CATEGORIES } from '../../src/export/sheets.js';
import type { RunResults } from '../../src/results/run-results.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A strict RFC 4180 reader, so the test does not trust the writer's own idea of quoting. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // The closing quote is the first one not doubled; skip doubled pairs as we go.
      let end = i + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end < 0) throw new Error('unterminated quote');
        if (text[end + 1] !== '"') break;
        end += 2;
      }
      field = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
      if (i < text.length && text[i] !== ',' && !text.startsWith('\r\n', i)) throw new Error(`text after a closing quote at ${i}`);
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      endField();
      records.push(record);
      record = [];
      i += 2;
    } else if (ch === '"' || ch === '\n' || ch === '\r') {
      throw new Error(`bare ${JSON.stringify(ch)} in an unquoted field at ${i}`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}

const AWKWARD = 'a, "quoted"\nsecond line';

function results(): RunResults {
  return {
    run: { id: 1, kind: 'run', name: null, options_json: '{}', started_at: '2024-05-01T08:00:00.000Z', ended_at: null, status: 'done', checklist_hash: null, scorecard: null, counts_json: null },
    options: {},
    sites: [{
      siteId: 1, name: '国家统计局, "NBS"', url: 'https://www.stats.gov.cn/', tags: [], crawlId: 1, crawlStatus: 'done',
      pagesFetched: 1, pagesOk: 1, pagesFailed: 0, byStatus: { ok: 1 }, rank: 1, delta: -2.5,
      score: { total: 42.5, grade: 'D', scorecard: 's', checklistHash: 'h', categories: [{ id: 'disclosure', title: '信息公开', score: 42.5, max: 100 }] },
      indicators: [{
        id: 'disclosure-portal', category: 'disclosure', title: 't', outcome: 'pass',
        evidence: [{ pageUrl: 'https://www.stats.gov.cn/', text: AWKWARD, value: '=1+1', rule: '@rule' }],
      }],
    }],
  };
}

describe('CSV writing', () => {
  it('quotes fields with commas, quotes or line breaks, and only those', () => {
    expect(csvField('plain 信息公开')).toBe('plain 信息公开');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(undefined)).toBe('');
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
  });

  it('shows control and bidi characters from crawled text as escapes', () => {
    expect(csvField('\u001b[2J标题\u202e\u0085')).toBe('\\u001b[2J标题\\u202e\\u0085');
    expect(csvField('\u202e=1+1')).toBe('\\u202e=1+1');
  });

  it('writes BOM, header and CRLF-ended records', () => {
    expect(csvText(['a', 'b'], [[1, 'x'], [undefined, { value: 'y', link: 'https://a.gov/' }]])).toBe('\uFEFFa,b\r\n1,x\r\n,y\r\n');
  });

  it('round-trips awkward fields through the files it writes', async () => {
    const dir = tempDir('govbench-csv-');
    const files = await writeCsvs(results(), join(dir, 'nested', 'csv'));
    expect(files.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(Object.values(CSV_FILES));

    const read = (name: string): string[][] => {
      const bytes = readFileSync(join(dir, 'nested', 'csv', name));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return parseCsv(bytes.toString('utf8').slice(1));
    };
    const ranking = read('ranking.csv');
    expect(ranking[0]).toEqual([...RANKING_COLUMNS_BEFORE_CATEGORIES, 'disclosure', ...RANKING_COLUMNS_AFTER_CATEGORIES]);
    expect(ranking[1]!.slice(0, 3)).toEqual(['1', '国家统计局, "NBS"', 'https://www.stats.gov.cn/']);
    expect(ranking[1]![ranking[0]!.indexOf('change')]).toBe('-2.5');

    const evidence = read('evidence.csv');
    expect(evidence[0]).toEqual([...EVIDENCE_COLUMNS]);
    const row = Object.fromEntries(evidence[0]!.map((name, i) => [name, evidence[1]![i]]));
    expect(row).toMatchObject({ text: AWKWARD, value: "'=1+1", rule: "'@rule", 'page url': 'https://www.stats.gov.cn/', link: '' });
    expect(read('runs.csv').map((r) => r.length)).toEqual(Array(12).fill(2));
  });

  it('replaces each file whole, by a rename: a reader of the old file never sees it cut short', async () => {
    const dir = join(tempDir('govbench-csv-'), 'csv');
    mkdirSync(dir);
    const target = join(dir, 'ranking.csv');
    writeFileSync(target, 'the previous export\r\n');
    // A second name for the old file stands for a reader that has it open: written in place, the
    // old file is truncated and rewritten under the reader; renamed over, it stays as it was.
    linkSync(target, join(dir, 'held.csv'));
    const before = statSync(target).ino;
    await writeCsvs(results(), dir);
    expect(readFileSync(join(dir, 'held.csv'), 'utf8')).toBe('the previous export\r\n');
    expect(statSync(target).ino).not.toBe(before);
    expect(readFileSync(target, 'utf8')).toContain('国家统计局');
    expect(readdirSync(dir).sort()).toEqual([...Object.values(CSV_FILES), 'held.csv'].sort());
  });

  it('leaves no partial file behind when a write fails', async () => {
    const dir = join(tempDir('govbench-csv-'), 'csv');
    // A folder where pages.csv should go: the rename onto it fails.
    mkdirSync(join(dir, 'pages.csv'), { recursive: true });
    await expect(writeCsvs(results(), dir)).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
