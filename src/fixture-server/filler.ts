import type { ServerResponse } from 'node:http';

/**
 * Generated HTML for the slow/endless/giant behaviours: a fixed prefix, then one paragraph
 * repeated forever. Any byte range can be produced from a small precomputed block, so a 50 MB
 * body costs no memory and the exact byte count is easy to honour.
 */
const PREFIX = Buffer.from(
  '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>数据公开</title></head><body>\n',
  'utf8',
);
const UNIT = Buffer.from('<p>政府信息公开目录 filler text for size and timing tests.</p>\n', 'utf8');
const BLOCK = Buffer.concat(Array.from({ length: Math.ceil(65536 / UNIT.length) }, () => UNIT));

/** Bytes [offset, offset + length) of the infinite filler document. */
export function fillerBytes(offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let written = 0;
  let pos = offset;
  while (written < length) {
    if (pos < PREFIX.length) {
      written += PREFIX.copy(out, written, pos, Math.min(PREFIX.length, pos + length - written));
    } else {
      const at = (pos - PREFIX.length) % BLOCK.length;
      written += BLOCK.copy(out, written, at, Math.min(BLOCK.length, at + length - written));
    }
    pos = offset + written;
  }
  return out;
}

/**
 * Streams `total` filler bytes (Infinity for never-ending), honouring backpressure so a slow
 * reader doesn't make the server buffer without bound. Stops quietly once `gone()` says the
 * client or the server went away.
 */
export function streamFiller(
  res: ServerResponse,
  total: number,
  gone: () => boolean,
  chunkBytes = 64 * 1024,
): void {
  let sent = 0;
  const pump = (): void => {
    while (!gone()) {
      if (sent >= total) {
        res.end();
        return;
      }
      const n = Math.min(chunkBytes, total - sent);
      const ok = res.write(fillerBytes(sent, n));
      sent += n;
      if (!ok) {
        res.once('drain', pump);
        return;
      }
      // Yield now and then so an endless body to a fast reader can't starve other requests.
      if (total === Infinity || sent % (chunkBytes * 16) === 0) {
        setImmediate(pump);
        return;
      }
    }
  };
  pump();
}
