import { escapeHtml } from './exchange.js';

/**
 * The classic crawler trap of event-calendar widgets: every day links to its neighbours and to
 * next month, so a naive crawler walks the calendar forever. Dates count in UTC so the page for a
 * date is the same wherever and whenever the test runs.
 */
const DEFAULT_DATE = '2024-01-01';

function parseDate(value: string | null): Date {
  const m = value === null ? null : /^(\d{4,6})-(\d{2})-(\d{2})$/.exec(value);
  if (m !== null) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (!Number.isNaN(d.getTime()) && d.getUTCDate() === Number(m[3])) return d;
  }
  return new Date(`${DEFAULT_DATE}T00:00:00Z`);
}

export function formatDate(d: Date): string {
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  return `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** Same day next month, clamped to that month's last day (Jan 31 -> Feb 29). */
function nextMonth(d: Date): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

/** The calendar page for `query` (e.g. '?date=2024-03-05') served at `rawPath`. */
export function calendarPage(rawPath: string, query: string): string {
  const date = parseDate(new URLSearchParams(query).get('date'));
  const link = (d: Date): string => escapeHtml(`${rawPath}?date=${formatDate(d)}`);
  const today = formatDate(date);
  const prev = addDays(date, -1);
  const next = addDays(date, 1);
  const month = nextMonth(date);
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>活动日历 ${today}</title></head>
<body>
<div class="calendar">
<h1>活动日历</h1>
<p class="current">${today} 暂无活动安排</p>
<ul class="pager">
<li><a href="${link(prev)}">上一天 ${formatDate(prev)}</a></li>
<li><a href="${link(next)}">下一天 ${formatDate(next)}</a></li>
<li><a href="${link(month)}">下个月 ${formatDate(month)}</a></li>
</ul>
</div>
</body></html>
`;
}
