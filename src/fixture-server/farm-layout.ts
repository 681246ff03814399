import { escapeHtml as esc } from './exchange.js';
import type { Identity } from './farm-text.js';

/**
 * The boilerplate every generated page carries, modelled on typical county-portal CMS output:
 * the metadata tags the national portal guidelines require (SiteName, SiteIDCode, ColumnName...),
 * an inline style block, a top bar, the nav, breadcrumb, sidebar and the 网站标识码/ICP footer.
 * Its weight is what makes page sizes realistic before any content is added.
 */
export const COLUMNS: readonly { slug: string; name: string }[] = [
  { slug: 'xxgk', name: '信息公开' },
  { slug: 'bsfw', name: '办事服务' },
  { slug: 'hdjl', name: '互动交流' },
  { slug: 'xwdt', name: '新闻动态' },
];

export interface Shell {
  host: string;
  id: Identity;
  title: string;
  /** Column slug the page belongs to, for the nav highlight and ColumnName meta. */
  column?: string;
  /** Extra <meta> name -> content (ArticleTitle, PubDate ...). */
  meta?: Record<string, string>;
  /** [label, href] from the homepage down; the last one is the current page (no link). */
  crumbs: readonly (readonly [string, string])[];
  sidebar: string;
}

const INLINE_STYLE = `
*{margin:0;padding:0;box-sizing:border-box}body{font:14px/1.8 "Microsoft YaHei","PingFang SC",SimSun,sans-serif;color:#333;background:#f5f5f5}
a{color:#333;text-decoration:none}a:hover{color:#c00;text-decoration:underline}ul,li{list-style:none}
.w1200{width:1200px;margin:0 auto}.top-bar{height:36px;line-height:36px;background:#eee;border-bottom:1px solid #ddd;font-size:12px}
.top-bar .fl{float:left}.top-bar .fr{float:right}.top-bar a{margin:0 8px;color:#666}
.header{height:150px;background:#b5131b linear-gradient(180deg,#c8161d,#a40f16);color:#fff}
.header .logo{padding-top:36px;font-size:36px;font-weight:bold;letter-spacing:4px}.header .logo small{display:block;font-size:14px;letter-spacing:1px;opacity:.8}
.nav{height:52px;background:#fff;border-bottom:3px solid #c8161d}.nav li{float:left;width:16.66%;text-align:center}
.nav li a{display:block;height:52px;line-height:52px;font-size:18px}.nav li.on a,.nav li a:hover{background:#c8161d;color:#fff;text-decoration:none}
.breadcrumb{height:44px;line-height:44px;color:#888}.breadcrumb a{color:#555}
.main{float:left;width:880px;min-height:600px;padding:24px 32px;background:#fff}.sidebar{float:right;width:300px;background:#fff;padding:16px}
.sidebar h3{font-size:16px;border-left:4px solid #c8161d;padding-left:10px;margin:8px 0}.sidebar li{height:32px;line-height:32px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.list li{height:40px;line-height:40px;border-bottom:1px dashed #e5e5e5;overflow:hidden}.list li span{float:right;color:#999}
.list li a{display:inline-block;max-width:680px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;vertical-align:top}
.article h1{font-size:26px;color:#c8161d;text-align:center;line-height:1.5;padding:10px 0 20px}.article .info{text-align:center;color:#999;border-bottom:1px solid #eee;padding-bottom:12px;margin-bottom:20px}
.article .content p{text-indent:2em;margin-bottom:14px;font-size:16px;line-height:2}.article .pager{margin-top:30px;border-top:1px solid #eee;padding-top:12px}
.pages{text-align:center;padding:20px 0}.pages a,.pages span{display:inline-block;padding:0 10px;margin:0 3px;border:1px solid #ddd;height:30px;line-height:30px}
.footer{clear:both;margin-top:30px;padding:24px 0;background:#2b2b2b;color:#bbb;text-align:center;font-size:13px;line-height:2}.footer a{color:#ddd}
.clearfix:after{content:"";display:block;clear:both}@media (max-width:1200px){.w1200{width:100%}.main,.sidebar{float:none;width:auto}}
`;

export const COMMON_CSS = `/* common.css */\n${INLINE_STYLE}\n.print{display:none}@media print{.top-bar,.nav,.sidebar,.footer{display:none}.main{width:100%}}\n`;

export const COMMON_JS = `/* common.js: font size switch, share and visit counter stubs */
(function(){
  function $(id){return document.getElementById(id);}
  window.doZoom=function(size){var c=$('zoom');if(c){c.style.fontSize=size+'px';}};
  window.addFavorite=function(){try{window.external.addFavorite(location.href,document.title);}catch(e){alert('请使用Ctrl+D收藏本站');}};
  var d=new Date(),w=['日','一','二','三','四','五','六'];
  var t=$('today');if(t){t.innerHTML=d.getFullYear()+'年'+(d.getMonth()+1)+'月'+d.getDate()+'日 星期'+w[d.getDay()];}
})();
`;

export function shell(s: Shell, main: string): string {
  const { host, id } = s;
  const home = `http://${host}/`;
  const columnName = COLUMNS.find((c) => c.slug === s.column)?.name;
  const meta: Record<string, string> = {
    SiteName: id.name,
    SiteDomain: host,
    SiteIDCode: id.siteCode,
    ...(columnName === undefined ? {} : { ColumnName: columnName, ColumnType: columnName }),
    ...s.meta,
    Keywords: `${id.name},${id.place},政府信息公开,政务服务`,
    Description: `${id.name}门户网站是${id.place}政府发布政务信息、提供在线服务、开展政民互动的官方平台。`,
  };
  const metaTags = Object.entries(meta).map(([n, c]) => `<meta name="${n}" content="${esc(c)}">`).join('\n');
  const nav = [`<li${s.column === undefined ? ' class="on"' : ''}><a href="${home}">首页</a></li>`]
    .concat(COLUMNS.map((c) => `<li${c.slug === s.column ? ' class="on"' : ''}><a href="${home}${c.slug}/">${c.name}</a></li>`))
    .concat([`<li><a href="/sitemap/">网站地图</a></li>`])
    .join('\n');
  const crumbs = s.crumbs
    .map(([label, href], i) => (i === s.crumbs.length - 1 ? esc(label) : `<a href="${href}">${esc(label)}</a>`))
    .join(' &gt; ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${metaTags}
<title>${esc(s.title)}</title>
<link rel="stylesheet" href="/css/common.css">
<style type="text/css">${INLINE_STYLE}</style>
</head>
<body>
<div class="top-bar"><div class="w1200 clearfix">
<div class="fl">欢迎访问${esc(id.name)}门户网站　<span id="today"></span></div>
<div class="fr"><a href="javascript:void(0)" onclick="addFavorite()">加入收藏</a>|<a href="javascript:void(0)">无障碍浏览</a>|<a href="javascript:void(0)">长者模式</a>|<a href="javascript:void(0)">繁體版</a></div>
</div></div>
<div class="header"><div class="w1200"><div class="logo">${esc(id.name)}<small>${esc(id.province)}${esc(id.place)}人民政府门户网站</small></div></div></div>
<div class="nav"><ul class="w1200 clearfix">
${nav}
</ul></div>
<div class="w1200 clearfix">
<div class="breadcrumb">当前位置：${crumbs}</div>
<div class="main">
${main}
</div>
<div class="sidebar">
${s.sidebar}
</div>
</div>
<div class="footer"><div class="w1200">
<p><a href="/about/">关于本网</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p>
<p>主办单位：${esc(id.name)}办公室　承办单位：${esc(id.place)}大数据发展中心</p>
<p>网站标识码：${id.siteCode}　${id.icp}　${id.gongan}</p>
<p>地址：${esc(id.address)}　联系电话：${id.phone}</p>
<p>建议使用1366×768以上分辨率、IE10以上版本浏览器浏览本网站</p>
</div></div>
<script type="text/javascript" src="/js/common.js"></script>
</body>
</html>
`;
}
