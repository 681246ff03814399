/**
 * Special behaviours a route can have instead of (or before) plain static serving.
 * They model what real government portals do to crawlers: outages, throttling, resets,
 * tarpits, giant downloads and crawler traps.
 */
export type Behaviour =
  /** Answer with this status (e.g. 503 + Retry-After, 403, 429) and an optional body. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Wait before answering normally. */
  | { kind: 'delay'; ms: number }
  /** Destroy the socket without a response (ECONNRESET at the client). */
  | { kind: 'reset' }
  /** Reset the first N requests to this host+path, then answer normally (counted per server). */
  | { kind: 'reset-times'; times: number }
  /** Accept the request and never answer (until close()). */
  | { kind: 'hang' }
  /** 200 text/html trickled out `chunkBytes` every `intervalMs` until `totalBytes`. */
  | { kind: 'slow'; chunkBytes: number; intervalMs: number; totalBytes: number }
  /** 200 text/html whose body never ends, until the client goes away. */
  | { kind: 'endless' }
  /** 200 text/html of exactly `bytes` bytes, generated on the fly, streamed quickly. */
  | { kind: 'giant'; bytes: number }
  /** Redirect to `to` (status @default 302). Fixture-host URLs get the server's port. */
  | { kind: 'redirect'; to: string; status?: number }
  /** /a -> /a?n=1 -> /a?n=2 ... forever (302). */
  | { kind: 'redirect-loop' }
  /** Endless calendar trap: ?date=YYYY-MM-DD links to the previous/next day and next month. */
  | { kind: 'calendar' }
  /** A literal page (contentType @default 'text/html', status @default 200). */
  | { kind: 'html'; body: string | Buffer; contentType?: string; status?: number };

export type BehaviourKind = Behaviour['kind'];

const KINDS: ReadonlySet<string> = new Set<BehaviourKind>([
  'status', 'delay', 'reset', 'reset-times', 'hang', 'slow', 'endless', 'giant',
  'redirect', 'redirect-loop', 'calendar', 'html',
]);

/** Fields each kind may carry, so a typo such as `{kind:'delay', msec: 5}` fails loudly. */
const FIELDS: Record<BehaviourKind, readonly string[]> = {
  status: ['status', 'headers', 'body'],
  delay: ['ms'],
  reset: [],
  'reset-times': ['times'],
  hang: [],
  slow: ['chunkBytes', 'intervalMs', 'totalBytes'],
  endless: [],
  giant: ['bytes'],
  redirect: ['to', 'status'],
  'redirect-loop': [],
  calendar: [],
  html: ['body', 'contentType', 'status'],
};

/**
 * Checks an untrusted value (site.json or a test) is a well-formed Behaviour and returns it typed.
 * `where` names the source in the error so a broken fixture is found at once.
 */
export function validateBehaviour(value: unknown, where = 'behaviour'): Behaviour {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: expected an object with a "kind", got ${show(value)}`);
  }
  const v = value as Record<string, unknown>;
  const kind = v['kind'];
  if (typeof kind !== 'string' || !KINDS.has(kind)) {
    throw new TypeError(`${where}: unknown behaviour kind ${show(kind)} (known: ${[...KINDS].join(', ')})`);
  }
  const allowed = FIELDS[kind as BehaviourKind];
  for (const key of Object.keys(v)) {
    if (key !== 'kind' && !allowed.includes(key)) {
      throw new TypeError(`${where}: behaviour "${kind}" has no field ${show(key)} (allowed: ${allowed.join(', ') || 'none'})`);
    }
  }
  const int = (key: string, min: number, max = Number.MAX_SAFE_INTEGER): void => {
    const n = v[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      throw new RangeError(`${where}: "${kind}".${key} must be an integer in [${min}, ${max}], got ${show(n)}`);
    }
  };
  const optional = (key: string, check: () => void): void => {
    if (v[key] !== undefined) check();
  };
  switch (kind as BehaviourKind) {
    case 'status':
      int('status', 200, 599);
      optional('headers', () => checkHeaders(v['headers'], `${where}: "status".headers`));
      optional('body', () => checkString(v['body'], `${where}: "status".body`));
      break;
    case 'delay':
      int('ms', 0);
      break;
    case 'reset-times':
      int('times', 1);
      break;
    case 'slow':
      int('chunkBytes', 1);
      int('intervalMs', 0);
      int('totalBytes', 0);
      break;
    case 'giant':
      int('bytes', 0);
      break;
    case 'redirect':
      checkString(v['to'], `${where}: "redirect".to`, true);
      optional('status', () => int('status', 300, 399));
      break;
    case 'html':
      if (typeof v['body'] !== 'string' && !Buffer.isBuffer(v['body'])) {
        throw new TypeError(`${where}: "html".body must be a string or Buffer, got ${show(v['body'])}`);
      }
      optional('contentType', () => checkString(v['contentType'], `${where}: "html".contentType`, true));
      optional('status', () => int('status', 200, 599));
      break;
    default:
      break;
  }
  return value as Behaviour;
}

function checkString(value: unknown, where: string, nonEmpty = false): void {
  if (typeof value !== 'string' || (nonEmpty && value.length === 0)) {
    throw new TypeError(`${where} must be a${nonEmpty ? ' non-empty' : ''} string, got ${show(value)}`);
  }
}

/** Response headers from site.json or a behaviour: a flat string-to-string object. */
export function checkHeaders(value: unknown, where: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where} must be an object of header name -> string, got ${show(value)}`);
  }
  for (const [name, val] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new TypeError(`${where}: bad header name ${show(name)}`);
    if (typeof val !== 'string') throw new TypeError(`${where}: header ${name} must be a string, got ${show(val)}`);
  }
  return value as Record<string, string>;
}

export function show(value: unknown): string {
  if (Buffer.isBuffer(value)) return `<Buffer ${value.length} bytes>`;
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(value);
  }
}
