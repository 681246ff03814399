// The one shape test the harness's JSON readers (manifest, labels) share.
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
