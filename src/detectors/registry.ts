// The one table of detectors. An indicator names one of these; adding an indicator that an
// existing detector can serve is a data change only.
import type { Detector } from './detector.js';
import { linkMatch } from './link-match.js';
import { textMatch } from './text-match.js';
import { textPattern } from './text-pattern.js';
import { selectorPresent } from './selector-present.js';
import { viewportMeta } from './viewport-meta.js';
import { mobileLayout, mobileRedirect, tapTargets, textSize } from './mobile-checks.js';

export const DETECTORS = {
  'link-match': linkMatch,
  'text-match': textMatch,
  'text-pattern': textPattern,
  'selector-present': selectorPresent,
  'viewport-meta': viewportMeta,
  'mobile-layout': mobileLayout,
  'text-size': textSize,
  'tap-targets': tapTargets,
  'mobile-redirect': mobileRedirect,
} satisfies Record<string, Detector<never>>;

export type DetectorName = keyof typeof DETECTORS;

export function getDetector(name: string): Detector<unknown> | undefined {
  return (DETECTORS as Record<string, Detector<unknown>>)[name];
}
