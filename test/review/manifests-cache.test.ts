import * as fs from 'fs';
import * as path from 'path';
import { cacheFile } from '../../lib/cache/persistent';
import { parseManifest } from '../../lib/review/manifests';
import { cacheOnThroughout } from '../support/cache';

// The parsed objects of a manifest are kept by its content (lib/cache/persistent.ts).
describe('npm run diff keeps parsed manifests between runs', () => {
  cacheOnThroughout(); // these tests are about the cache itself
  it('serves what parsing gives, from disk in the next run, and caches no failure', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'prod', '20-queues.yaml'), 'utf8') + `# ${process.pid}-${Date.now()}\n`;
    const broken = `${text}---\nkind: [\n`;
    try {
      const parsed = parseManifest(text, 'dist/prod/20-queues.yaml');
      expect(parsed.length).toBeGreaterThan(1);
      expect(fs.existsSync(cacheFile('manifests', text)!)).toBe(true);
      expect(parseManifest(text, 'dist/prod/20-queues.yaml')).toEqual(parsed);
      // A new module instance has nothing in memory: what it returns comes from the file.
      jest.isolateModules(() => {
        const next: typeof parseManifest = require('../../lib/review/manifests').parseManifest;
        expect(next(text, 'dist/prod/20-queues.yaml')).toEqual(parsed);
      });
      expect(() => parseManifest(broken, 'x.yaml')).toThrow(/^x\.yaml: document \d+: /);
      expect(fs.existsSync(cacheFile('manifests', broken)!)).toBe(false);
    } finally {
      fs.rmSync(cacheFile('manifests', text)!, { force: true });
    }
  });
});
