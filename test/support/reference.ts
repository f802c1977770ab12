import * as fs from 'fs';
import * as path from 'path';

/**
 * Where the upstream reference material lives (CRDs, chart values, metric lists). CI points at
 * `../shared/reference/` beside the checkout; `VOLCANO_PLATFORM_REFERENCE` overrides it.
 */
export const REFERENCE_DIR = path.resolve(process.env.VOLCANO_PLATFORM_REFERENCE ?? path.join(__dirname, '..', '..', '..', 'shared', 'reference'));

/** Absolute path of a file of the reference material. */
export function referencePath(...parts: string[]): string {
  return path.join(REFERENCE_DIR, ...parts);
}

/**
 * `describe` for checks that need the reference material. Where it is missing the block does not run,
 * and says so: on a developer machine it is reported as skipped with a warning naming the folder; in CI
 * (`CI` set) a missing folder is a failure, so the check can never be skipped silently there.
 */
export function describeWithReference(name: string, requiredFiles: string[], body: () => void): void {
  const missing = requiredFiles.filter((file) => !fs.existsSync(referencePath(file)));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const what = `reference material missing under ${REFERENCE_DIR}: ${missing.join(', ')}`;
  if (process.env.CI) {
    describe(name, () => {
      test('has the reference material it needs', () => {
        throw new Error(`${what}. CI must provide ../shared/reference or set VOLCANO_PLATFORM_REFERENCE.`);
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`NOT RUN: "${name}" (${what}). Set VOLCANO_PLATFORM_REFERENCE to run it.`);
    // The body is not even collected: it may read the missing files while declaring its tests.
    describe(name, () => {
      test.skip(`NOT RUN: ${what}`, () => undefined);
    });
  }
}
