// A fault of the harness's own inputs (manifest, labels, options): it stops the harness with a
// one-line message and exit status 1, unlike anything govbench finds on a page, which is data.
export class AccuracyError extends Error {
  override readonly name = 'AccuracyError';
}
