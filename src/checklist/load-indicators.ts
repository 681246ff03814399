// Loads indicator records from checklists/indicators/*.json and validates them at load: unique
// ids, known detectors with valid options, known inputs and rollups. A broken file fails with a
// message naming the file and the field.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDetector, DETECTORS } from '../detectors/registry.js';
import type { DetectorConfig, IndicatorRecord } from './types.js';
import { repoPath } from '../util/repo-path.js';

export class ChecklistError extends Error {
  override name = 'ChecklistError';
}

const INPUTS = ['static', 'rendered', 'mobile'];
const ROLLUPS = ['homepage', 'any-page', 'share-of-pages'];
const REQUIRED_TEXT = ['id', 'category', 'title', 'failureTitle', 'why', 'basis'] as const;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function defaultChecklistDir(): string {
  return repoPath('checklists');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ChecklistError(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

function checkDetector(cfg: DetectorConfig, where: string): string[] {
  const detector = getDetector(cfg.detector);
  if (!detector) return [`${where}.detector: unknown detector "${cfg.detector}" (known: ${Object.keys(DETECTORS).join(', ')})`];
  return detector.validate(cfg.options ?? {}).map((p) => `${where}.${p}`);
}

export function validateIndicator(raw: unknown, where: string): { record?: IndicatorRecord; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) return { problems: [`${where}: expected an object`] };
  const r = raw as IndicatorRecord;
  for (const f of REQUIRED_TEXT) if (typeof r[f] !== 'string' || !r[f].trim()) problems.push(`${where}.${f}: required text`);
  if (typeof r.id === 'string' && !ID.test(r.id)) problems.push(`${where}.id: "${r.id}" must be kebab-case`);
  if (!INPUTS.includes(r.input)) problems.push(`${where}.input: "${String(r.input)}" is not one of ${INPUTS.join(', ')}`);
  if (!ROLLUPS.includes(r.rollup)) problems.push(`${where}.rollup: "${String(r.rollup)}" is not one of ${ROLLUPS.join(', ')}`);
  if (r.minShare !== undefined && !(typeof r.minShare === 'number' && r.minShare > 0 && r.minShare <= 1)) problems.push(`${where}.minShare: expected a number in (0, 1]`);
  if (typeof r.detector !== 'string') problems.push(`${where}.detector: required`);
  else problems.push(...checkDetector({ detector: r.detector, options: r.options ?? {} }, where));
  (r.alternatives ?? []).forEach((alt, i) => problems.push(...checkDetector({ detector: alt.detector, options: alt.options ?? {} }, `${where}.alternatives[${i}]`)));
  return problems.length ? { problems } : { record: { ...r, options: r.options ?? {} }, problems };
}

/** All indicators, by id. Throws ChecklistError listing every problem found. */
export function loadIndicators(dir = defaultChecklistDir()): Map<string, IndicatorRecord> {
  const folder = join(dir, 'indicators');
  const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  const byId = new Map<string, IndicatorRecord>();
  const problems: string[] = [];
  for (const f of files) {
    const file = join(folder, f);
    const data = readJson(file) as { indicators?: unknown };
    if (!Array.isArray(data.indicators)) {
      problems.push(`${file}: "indicators" must be a list`);
      continue;
    }
    data.indicators.forEach((raw, i) => {
      const id = (raw as { id?: string })?.id;
      const { record, problems: p } = validateIndicator(raw, `${file}: indicators[${i}]${id ? ` (${id})` : ''}`);
      problems.push(...p);
      if (!record) return;
      if (byId.has(record.id)) problems.push(`${file}: indicators[${i}].id: "${record.id}" is already defined in ${byId.get(record.id)!.source}`);
      else byId.set(record.id, { ...record, source: file });
    });
  }
  if (problems.length) throw new ChecklistError(problems.join('\n'));
  return byId;
}
