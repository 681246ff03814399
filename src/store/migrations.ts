// Schema migrations, keyed on PRAGMA user_version. Append only: a shipped migration never changes.

export const MIGRATIONS: string[] = [
  // 1: the crawl store.
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                 -- crawl | audit | run
    name TEXT,
    options_json TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL,               -- running | done | failed | interrupted
    checklist_hash TEXT,
    scorecard TEXT,
    counts_json TEXT
  );
  CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    url_key TEXT NOT NULL UNIQUE,       -- normalised seed URL: the stable identity across runs
    url TEXT NOT NULL,
    name TEXT,
    level TEXT,
    region TEXT,
    parent TEXT,
    tags_json TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE site_crawls (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    site_id INTEGER NOT NULL REFERENCES sites(id),
    status TEXT NOT NULL,               -- pending | running | done | partial | failed
    reason TEXT,
    final_url TEXT,
    started_at TEXT,
    ended_at TEXT,
    pages_fetched INTEGER NOT NULL DEFAULT 0,
    pages_ok INTEGER NOT NULL DEFAULT 0,
    pages_failed INTEGER NOT NULL DEFAULT 0,
    pages_skipped INTEGER NOT NULL DEFAULT 0,
    bytes INTEGER NOT NULL DEFAULT 0,
    by_status_json TEXT,
    UNIQUE (run_id, site_id)
  );
  CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    crawl_id INTEGER NOT NULL REFERENCES site_crawls(id),
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    http_status INTEGER,
    headers_json TEXT,
    redirects_json TEXT,
    content_type TEXT,
    charset TEXT,
    charset_source TEXT,
    bytes INTEGER NOT NULL DEFAULT 0,
    fetch_ms INTEGER NOT NULL DEFAULT 0,
    fetched_at TEXT NOT NULL,
    depth INTEGER NOT NULL,
    discovered_from TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    title TEXT,
    lang TEXT,
    html_gz BLOB                        -- decoded HTML, UTF-8, gzip
  );
  CREATE INDEX pages_crawl ON pages(crawl_id);
  CREATE TABLE links (
    page_id INTEGER NOT NULL REFERENCES pages(id),
    href TEXT NOT NULL,
    raw_href TEXT NOT NULL,
    text TEXT,
    title TEXT,
    alt TEXT,
    position TEXT NOT NULL,             -- header | nav | footer | body
    dated INTEGER NOT NULL DEFAULT 0,   -- in a dated list item (a headline)
    classes TEXT
  );
  CREATE INDEX links_page ON links(page_id);
  CREATE TABLE robots (
    crawl_id INTEGER NOT NULL REFERENCES site_crawls(id),
    origin TEXT NOT NULL,
    fetch_status TEXT NOT NULL,
    text TEXT
  );
  `,
  // 2: judgements. Indicator outcomes and scores, kept per (crawl, scorecard, checklist version):
  // re-judging a stored crawl adds a judgement and never rewrites an earlier one.
  `
  CREATE TABLE judgements (
    id INTEGER PRIMARY KEY,
    crawl_id INTEGER NOT NULL REFERENCES site_crawls(id),
    scorecard TEXT NOT NULL,
    checklist_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    total REAL NOT NULL,
    grade TEXT NOT NULL,
    categories_json TEXT NOT NULL
  );
  CREATE INDEX judgements_crawl ON judgements(crawl_id);
  CREATE TABLE indicator_results (
    judgement_id INTEGER NOT NULL REFERENCES judgements(id),
    indicator_id TEXT NOT NULL,
    category TEXT NOT NULL,
    outcome TEXT NOT NULL,              -- pass | fail | notApplicable | error
    reason TEXT,
    value REAL,
    evidence_json TEXT NOT NULL         -- [{pageUrl, href?, text?, value?, rule}]
  );
  CREATE INDEX indicator_results_judgement ON indicator_results(judgement_id);
  `,
  // 3: the browser stage. Renders of a page (desktop for JS-built pages, mobile for the phone
  // checks) with their DOM, measurements and screenshot; links found in a render point at it.
  `
  CREATE TABLE renders (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages(id),
    mode TEXT NOT NULL,                 -- desktop | mobile
    reason TEXT NOT NULL,               -- homepage | js-suspect: ... | sample
    status TEXT NOT NULL,               -- ok | render-timeout | render-crash | render-error | render-blocked
    error TEXT,
    final_url TEXT,
    ms INTEGER NOT NULL,
    blocked INTEGER NOT NULL DEFAULT 0,
    new_links INTEGER,
    metrics_json TEXT,
    screenshot_path TEXT,
    html_gz BLOB
  );
  CREATE INDEX renders_page ON renders(page_id);
  ALTER TABLE links ADD COLUMN render_id INTEGER REFERENCES renders(id);
  ALTER TABLE site_crawls ADD COLUMN browser TEXT;             -- used | no browser | disabled
  ALTER TABLE site_crawls ADD COLUMN renders_json TEXT;        -- render counts: suspect, sampled, found, mobile, failed
  `,
  // 4: benchmark runs. A site crawl remembers which pass made it (2 = the retry of a timed-out
  // site with a longer budget), and runs can be found by name.
  `
  ALTER TABLE site_crawls ADD COLUMN pass INTEGER NOT NULL DEFAULT 1;
  CREATE INDEX site_crawls_run ON site_crawls(run_id, status);
  CREATE INDEX site_crawls_site ON site_crawls(site_id);
  `,
  // 5: every indicator is judged on every site; its scorecard weight says whether it was scored
  // (0 = reported, not scored). NULL in judgements made before, when only scored ones were judged.
  `
  ALTER TABLE indicator_results ADD COLUMN weight REAL;
  `,
];
