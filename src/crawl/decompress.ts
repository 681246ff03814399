// Content-Encoding: we ask for gzip, deflate and br (less traffic for the sites we visit) and
// inflate here, streaming, with the same byte cap as plain bodies, so a compression bomb ends as
// `too-large` instead of filling memory.
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

export interface Inflated {
  body: Buffer;
  truncated: boolean;
}

function decoderFor(encoding: string): Transform | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return undefined;
}

/** Inflates a body; unknown encodings are returned as they are. A corrupt stream keeps what inflated. */
export function inflate(body: Buffer, contentEncoding: string | undefined, maxBytes: number): Promise<Inflated> {
  const encoding = (contentEncoding ?? '').split(',').map((x) => x.trim().toLowerCase()).filter((x) => x && x !== 'identity').pop();
  const decoder = encoding ? decoderFor(encoding) : undefined;
  if (!decoder) return Promise.resolve({ body, truncated: false });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean): void => {
      if (done) return;
      done = true;
      decoder.destroy();
      resolve({ body: Buffer.concat(chunks, size), truncated });
    };
    decoder.on('data', (chunk: Buffer) => {
      const room = maxBytes - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        finish(true);
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    decoder.on('end', () => finish(false));
    decoder.on('error', () => finish(false));
    decoder.end(body);
  });
}
