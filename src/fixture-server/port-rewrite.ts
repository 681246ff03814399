/**
 * Fixture pages carry bare-hostname absolute links (`http://xxgk.lanjiang.gov.cn/a.html`) because
 * the port is only known at run time. The server adds it while serving.
 *
 * The work is done on latin1 strings: latin1 maps bytes 0-255 one to one, so every byte outside a
 * rewritten hostname (GBK double bytes included) comes back identical. GBK trail bytes are >= 0x40,
 * so they can never fake the `:`, `/`, `"`, `'` or `?` the pattern looks for.
 */
export class PortRewriter {
  private readonly body: RegExp | null;
  private readonly header: RegExp | null;
  private readonly port: number;

  constructor(hosts: readonly string[], port: number) {
    this.port = port;
    if (hosts.length === 0) {
      this.body = null;
      this.header = null;
      return;
    }
    // The lookahead pins the end of the hostname, so `a.gov.cn` never matches inside
    // `a.gov.cn.example.com`; `:` is absent from it so already-ported links are left alone.
    const alt = hosts
      .map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|');
    this.body = new RegExp(`://(${alt})(?=[/"'?])`, 'gi');
    // A Location header may also end right after the host.
    this.header = new RegExp(`://(${alt})(?=[/"'?]|$)`, 'gi');
  }

  /** Returns the same Buffer when nothing matched, so unchanged files cost no copy. */
  rewriteBytes(bytes: Buffer): Buffer {
    if (this.body === null) return bytes;
    const text = bytes.toString('latin1');
    this.body.lastIndex = 0;
    if (!this.body.test(text)) return bytes;
    this.body.lastIndex = 0;
    return Buffer.from(text.replace(this.body, `://$1:${this.port}`), 'latin1');
  }

  /** For header values such as Location (UTF-8 text, not bytes). */
  rewriteHeader(value: string): string {
    if (this.header === null) return value;
    this.header.lastIndex = 0;
    return value.replace(this.header, `://$1:${this.port}`);
  }
}
