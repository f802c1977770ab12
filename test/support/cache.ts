/**
 * The cache of lib/cache/persistent.ts turned on or off for a test, whatever the run's
 * `VOLCANO_PLATFORM_CACHE` says: tests of the cache itself must run even where the run turned it off.
 */

/** Runs `body` with the cache `state`, then restores the run's setting. */
export function withCache<T>(state: 'on' | 'off', body: () => T): T {
  const setting = process.env.VOLCANO_PLATFORM_CACHE;
  if (state === 'off') process.env.VOLCANO_PLATFORM_CACHE = 'off';
  else delete process.env.VOLCANO_PLATFORM_CACHE;
  try {
    return body();
  } finally {
    if (setting === undefined) delete process.env.VOLCANO_PLATFORM_CACHE;
    else process.env.VOLCANO_PLATFORM_CACHE = setting;
  }
}

/** The cache on for every test of the enclosing `describe` (or file), the run's setting restored after them. */
export function cacheOnThroughout(): void {
  const setting = process.env.VOLCANO_PLATFORM_CACHE;
  beforeAll(() => {
    delete process.env.VOLCANO_PLATFORM_CACHE;
  });
  afterAll(() => {
    if (setting === undefined) delete process.env.VOLCANO_PLATFORM_CACHE;
    else process.env.VOLCANO_PLATFORM_CACHE = setting;
  });
}
