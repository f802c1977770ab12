import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { withCache } from '../support/cache';

// lib/cache/persistent.ts: results kept between runs, in a folder per kind, pruned to the entries used last.

describe('pruning of kept results', () => {
  let dir: string;
  let persistent: typeof import('../../lib/cache/persistent');
  const setting = process.env.VOLCANO_PLATFORM_CACHE_DIR;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-persistent-'));
    process.env.VOLCANO_PLATFORM_CACHE_DIR = dir;
    jest.isolateModules(() => {
      persistent = require('../../lib/cache/persistent');
    });
  });

  afterEach(() => {
    if (setting === undefined) delete process.env.VOLCANO_PLATFORM_CACHE_DIR;
    else process.env.VOLCANO_PLATFORM_CACHE_DIR = setting;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('past `keep` entries, keeps the 90% used last (a read counts as a use) and removes the rest', () => {
    withCache('on', () => {
      const keep = 10;
      const file = (n: number) => persistent.cacheFile('kind', { n })!;
      for (let n = 0; n < keep; n++) persistent.persisted('kind', { n }, () => n, keep);
      expect(fs.readdirSync(path.join(dir, 'kind'))).toHaveLength(keep);
      // Written one second apart, 0 first; then 0 is read by the next run, which makes it the latest used.
      const now = Date.now() / 1000;
      for (let n = 0; n < keep; n++) fs.utimesSync(file(n), now - 100 + n, now - 100 + n);
      let next: typeof persistent | undefined;
      jest.isolateModules(() => {
        next = require('../../lib/cache/persistent');
      });
      expect(next!.persisted('kind', { n: 0 }, () => 'computed again', keep)).toBe(0);
      next!.persisted('kind', { n: keep }, () => keep, keep);
      const left = new Set(fs.readdirSync(path.join(dir, 'kind')).map((name) => path.join(dir, 'kind', name)));
      expect(left.size).toBe(9);
      expect([0, 1, 2, 3, keep].map((n) => left.has(file(n)))).toEqual([true, false, false, true, true]);
    });
  });
});
