import * as fs from 'fs';
import * as path from 'path';
import { cacheFile } from '../../lib/cache/persistent';
import { parseManifest } from '../../lib/review/manifests';

// The parsed objects of a manifest are kept by its content outside jest (lib/cache/persistent.ts).
describe('npm run diff keeps parsed manifests between runs', () => {
  it('serves what parsing gives, and caches no failure', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'prod', '20-queues.yaml'), 'utf8') + `# ${process.pid}-${Date.now()}\n`;
    const broken = `${text}---\nkind: [\n`;
    const parsed = parseManifest(text, 'dist/prod/20-queues.yaml');
    const worker = process.env.JEST_WORKER_ID;
    delete process.env.JEST_WORKER_ID;
    try {
      parseManifest(text, 'dist/prod/20-queues.yaml');
      expect(fs.existsSync(cacheFile('manifests', text)!)).toBe(true);
      expect(parseManifest(text, 'dist/prod/20-queues.yaml')).toEqual(parsed);
      expect(() => parseManifest(broken, 'x.yaml')).toThrow(/^x\.yaml: document \d+: /);
      expect(fs.existsSync(cacheFile('manifests', broken)!)).toBe(false);
    } finally {
      process.env.JEST_WORKER_ID = worker;
      fs.rmSync(cacheFile('manifests', text)!, { force: true });
    }
  });
});
