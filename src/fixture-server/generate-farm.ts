import { show } from './behaviour.js';
import { escapeHtml as esc } from './exchange.js';
import { COLUMNS, COMMON_CSS, COMMON_JS, shell, type Shell } from './farm-layout.js';
import { between, identity, paragraph, pick, rng, title, type Identity, type Rand } from './farm-text.js';

export interface GenerateFarmOptions {
  /** Article pages per site, spread over the four columns. @default 30 */
  pagesPerSite?: number;
  /** Seed for all generated content; the same seed gives byte-identical sites. @default 1 */
  seed?: number;
}

interface Article {
  column: string;
  title: string;
  /** 'YYYY-MM-DD HH:mm' */
  date: string;
  path: string;
}

const PER_LIST_PAGE = 20;
const DAY = 86_400_000;
const EPOCH = Date.UTC(2023, 0, 1);
const MARK = '\u0000FILL\u0000';

/** Hostname of the 1-based `index`-th generated site: www.site0001.gov.cn. */
export function farmHost(index: number): string {
  return `www.site${String(index).padStart(4, '0')}.gov.cn`;
}

/**
 * `count` deterministic Chinese county portals, hostname -> path -> body, ready for `extraHosts`.
 * Each has a homepage, four paginated columns, ~pagesPerSite dated articles linked to each other,
 * about/contact/sitemap pages, CSS, JS and robots.txt. HTML pages weigh 8-40 KB.
 */
export function generateFarm(count: number, opts: GenerateFarmOptions = {}): Record<string, Record<string, string>> {
  if (!Number.isInteger(count) || count < 0 || count > 99_999) {
    throw new RangeError(`generateFarm: count must be an integer in [0, 99999], got ${show(count)}`);
  }
  const farm: Record<string, Record<string, string>> = {};
  for (let i = 1; i <= count; i++) farm[farmHost(i)] = generateSite(i, opts);
  return farm;
}

/** One generated site; depends only on (index, seed, pagesPerSite), not on the farm's size. */
export function generateSite(index: number, opts: GenerateFarmOptions = {}): Record<string, string> {
  for (const key of Object.keys(opts)) {
    if (key !== 'pagesPerSite' && key !== 'seed') throw new TypeError(`generateFarm: unknown option ${show(key)}`);
  }
  const pagesPerSite = opts.pagesPerSite ?? 30;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(pagesPerSite) || pagesPerSite < 0 || pagesPerSite > 100_000) {
    throw new RangeError(`generateFarm: pagesPerSite must be an integer in [0, 100000], got ${show(pagesPerSite)}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`generateFarm: seed must be an integer, got ${show(seed)}`);
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`generateSite: index must be an integer >= 1, got ${show(index)}`);

  const r = rng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index, 0x85ebca6b));
  const host = farmHost(index);
  const id = identity(r, index);
  const articles = makeArticles(r, id, pagesPerSite);
  const byColumn = new Map(COLUMNS.map((c) => [c.slug, articles.filter((a) => a.column === c.slug)]));
  const base: Omit<Shell, 'title' | 'crumbs' | 'sidebar'> = { host, id };
  const sidebar = (): string => sidebarHtml(r, articles);
  const pages: Record<string, string> = {};

  pages['/'] = page(r, 20_000, 36_000, { ...base, title: id.name, crumbs: [['首页', '/']], sidebar: sidebar() }, homeMain(host, byColumn));
  for (const col of COLUMNS) {
    const list = byColumn.get(col.slug)!;
    const total = Math.max(1, Math.ceil(list.length / PER_LIST_PAGE));
    for (let k = 0; k < total; k++) {
      const items = list.slice(k * PER_LIST_PAGE, (k + 1) * PER_LIST_PAGE);
      const main = `<div class="column"><h2>${col.name}</h2>\n<ul class="list">\n${items.map(listItem('')).join('\n')}\n</ul>\n${pager(col.slug, k, total, list.length)}\n<div class="intro">${MARK}</div></div>`;
      const crumbs: [string, string][] = [['首页', '/'], [col.name, `/${col.slug}/`]];
      pages[listPath(col.slug, k)] = page(r, 8_500, 22_000, { ...base, column: col.slug, title: `${col.name}_${id.name}`, crumbs, sidebar: sidebar() }, main);
    }
    list.forEach((a, i) => {
      const crumbs: [string, string][] = [['首页', '/'], [col.name, `/${col.slug}/`], ['正文', a.path]];
      const meta = { ArticleTitle: a.title, PubDate: a.date, ContentSource: `${id.name}办公室` };
      pages[a.path] = page(r, 9_000, 38_000, { ...base, column: col.slug, meta, title: `${a.title}_${id.name}`, crumbs, sidebar: sidebar() }, articleMain(r, id, a, list[i - 1], list[i + 1], articles));
    });
  }
  const simple = (path: string, name: string, body: string): void => {
    pages[path] = page(r, 8_500, 14_000, { ...base, title: `${name}_${id.name}`, crumbs: [['首页', '/'], [name, path]], sidebar: sidebar() }, `<div class="column"><h2>${name}</h2>${body}<div class="intro">${MARK}</div></div>`);
  };
  simple('/about/', '关于本网', `<p>${esc(id.name)}门户网站由${esc(id.name)}办公室主办，是全${esc(id.place.slice(-1))}政务信息发布和政务服务的统一平台。</p>`);
  simple('/contact/', '联系我们', `<p>地址：${esc(id.address)}</p><p>电话：${id.phone}</p><p>邮箱：webmaster@${host.slice(4)}</p>`);
  simple('/sitemap/', '网站地图', COLUMNS.map((c) => `<h3><a href="/${c.slug}/">${c.name}</a></h3>`).join('\n'));
  pages['/css/common.css'] = COMMON_CSS;
  pages['/js/common.js'] = COMMON_JS;
  pages['/robots.txt'] = 'User-agent: *\nDisallow: /admin/\nDisallow: /search/\n';
  return pages;
}

function makeArticles(r: Rand, id: Identity, count: number): Article[] {
  const out: Article[] = [];
  for (let i = 0; i < count; i++) {
    const column = COLUMNS[i % COLUMNS.length]!.slug;
    const d = new Date(EPOCH + between(r, 0, 729) * DAY + between(r, 8 * 60, 18 * 60) * 60_000);
    const ymd = d.toISOString().slice(0, 10).replace(/-/g, '');
    // Unique per site whatever the dates: the counter, not the date, makes the name distinct.
    const path = `/${column}/${ymd.slice(0, 6)}/t${ymd}_${1_000_000 + i}.html`;
    out.push({ column, title: title(r, column, id.place), date: d.toISOString().slice(0, 16).replace('T', ' '), path });
  }
  // Newest first, as portals list them; the path breaks ties so the order is total.
  return out.sort((a, b) => (a.date === b.date ? (a.path < b.path ? -1 : 1) : a.date < b.date ? 1 : -1));
}

function listPath(slug: string, k: number): string {
  return k === 0 ? `/${slug}/` : `/${slug}/index_${k}.html`;
}

/** `prefix` '' gives root-relative links, 'http://host' absolute ones, as real portals mix both. */
const listItem = (prefix: string) => (a: Article): string =>
  `<li><a href="${prefix}${a.path}" title="${esc(a.title)}" target="_blank">${esc(a.title)}</a><span>${a.date.slice(0, 10)}</span></li>`;

function pager(slug: string, k: number, total: number, count: number): string {
  const link = (n: number, label: string): string => `<a href="${listPath(slug, n)}">${label}</a>`;
  const parts = [`<span>共${count}条</span>`, link(0, '首页')];
  if (k > 0) parts.push(link(k - 1, '上一页'));
  parts.push(`<span>${k + 1}/${total}</span>`);
  if (k < total - 1) parts.push(link(k + 1, '下一页'));
  parts.push(link(total - 1, '尾页'));
  return `<div class="pages">${parts.join(' ')}</div>`;
}

function homeMain(host: string, byColumn: Map<string, Article[]>): string {
  const sections = COLUMNS.map((c) => {
    const latest = byColumn.get(c.slug)!.slice(0, 8);
    return `<div class="block"><h2>${c.name}<a class="more" href="http://${host}/${c.slug}/">更多&gt;&gt;</a></h2>\n<ul class="list">\n${latest.map(listItem(`http://${host}`)).join('\n')}\n</ul></div>`;
  });
  return `${sections.join('\n')}\n<div class="block focus"><h2>工作动态摘要</h2>${MARK}</div>`;
}

function articleMain(r: Rand, id: Identity, a: Article, prev: Article | undefined, next: Article | undefined, all: Article[]): string {
  const rel = (b: Article): string => `../${b.path.split('/')[2]}/${b.path.split('/')[3]}`;
  const related = Array.from({ length: 3 }, () => pick(r, all)).filter((b) => b !== a);
  return `<div class="article">
<h1>${esc(a.title)}</h1>
<div class="info">发布时间：${a.date}　来源：${esc(id.name)}办公室　浏览次数：${between(r, 30, 9000)}　字号：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</div>
<div class="content" id="zoom">
${MARK}
</div>
<div class="pager">
<p>上一篇：${prev === undefined ? '没有了' : `<a href="${rel(prev)}">${esc(prev.title)}</a>`}</p>
<p>下一篇：${next === undefined ? '没有了' : `<a href="${rel(next)}">${esc(next.title)}</a>`}</p>
</div>
<div class="related"><h3>相关链接</h3><ul>${related.map(listItem('')).join('')}</ul></div>
</div>`;
}

function sidebarHtml(r: Rand, all: Article[]): string {
  const hot = all.length === 0 ? [] : Array.from({ length: 5 }, () => pick(r, all));
  return `<h3>热点关注</h3><ul>${hot.map((a) => `<li><a href="${a.path}">${esc(a.title)}</a></li>`).join('')}</ul>
<h3>快速通道</h3><ul>${COLUMNS.map((c) => `<li><a href="/${c.slug}/">${c.name}</a></li>`).join('')}</ul>`;
}

/** Renders the shell, then grows the MARK slot with paragraphs until the page reaches a random size. */
function page(r: Rand, minBytes: number, maxBytes: number, s: Shell, main: string): string {
  const html = shell(s, main);
  const target = between(r, minBytes, maxBytes);
  let size = Buffer.byteLength(html) - MARK.length;
  const paras: string[] = [];
  while (size < target) {
    const p = `<p>${paragraph(r)}</p>\n`;
    paras.push(p);
    size += Buffer.byteLength(p);
  }
  return html.replace(MARK, () => paras.join(''));
}
