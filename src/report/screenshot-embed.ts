// A site's phone screenshot as a data: URI, so the report stays one file that works offline.
// The file is sniffed, not trusted by its name: only real PNG or JPEG bytes become an image.
import { readFileSync, statSync } from 'node:fs';

/** Past this a single screenshot would dominate the report; such a file is left out with a note. */
export const MAX_SCREENSHOT_BYTES = 8 * 1024 * 1024;

export type ScreenshotEmbed =
  | { ok: true; dataUri: string; bytes: number }
  | { ok: false; why: 'none' | 'missing' | 'too-large' | 'not-an-image' };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function mimeOf(buf: Buffer): string | undefined {
  if (buf.length > PNG.length && PNG.every((b, i) => buf[i] === b)) return 'image/png';
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  return undefined;
}

export function embedScreenshot(path: string | undefined): ScreenshotEmbed {
  if (!path) return { ok: false, why: 'none' };
  let buf: Buffer;
  try {
    if (statSync(path).size > MAX_SCREENSHOT_BYTES) return { ok: false, why: 'too-large' };
    buf = readFileSync(path);
  } catch {
    // moved, deleted or unreadable since the crawl: the report is still worth having without it
    return { ok: false, why: 'missing' };
  }
  const mime = mimeOf(buf);
  if (!mime) return { ok: false, why: 'not-an-image' };
  return { ok: true, dataUri: `data:${mime};base64,${buf.toString('base64')}`, bytes: buf.length };
}
