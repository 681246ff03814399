// Screenshots become data: URIs only when the bytes are an image; anything else is skipped with a reason.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embedScreenshot } from '../../src/report/screenshot-embed.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('govbench-shot-');
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('embedScreenshot', () => {
  it('embeds PNG bytes as a data:image/png URI', () => {
    const f = join(dir, 'a.png');
    writeFileSync(f, PNG_HEAD);
    const out = embedScreenshot(f);
    expect(out).toEqual({ ok: true, dataUri: `data:image/png;base64,${PNG_HEAD.toString('base64')}`, bytes: PNG_HEAD.length });
  });

  it('skips a missing path, no path, a folder, and a file that is not an image', () => {
    expect(embedScreenshot(undefined)).toEqual({ ok: false, why: 'none' });
    expect(embedScreenshot(join(dir, 'gone.png'))).toEqual({ ok: false, why: 'missing' });
    mkdirSync(join(dir, 'folder.png'));
    expect(embedScreenshot(join(dir, 'folder.png'))).toEqual({ ok: false, why: 'missing' });
    const html = join(dir, 'evil.png');
    writeFileSync(html, '<svg onload=alert(1)></svg>');
    expect(embedScreenshot(html)).toEqual({ ok: false, why: 'not-an-image' });
  });
});
