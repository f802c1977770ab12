import * as fs from 'fs';
import * as path from 'path';
import { diff } from 'jest-diff';
import { outputTrees } from '../lib/synth/synthesize';
import { ENVIRONMENTS } from '../stacks/environments';
import { builtInOutputFiles, builtInOutputRoots, outputFilesOf } from './support/render';

// Everything computed afresh here, nothing read from lib/cache/persistent.ts: this is the test that checks
// what synthesis served from that cache (kept syntheses, simulated days) against the code.
process.env.VOLCANO_PLATFORM_CACHE = 'off';

const ROOT = path.join(__dirname, '..');
const UPDATE = 'run `npm run synth` and commit the result';

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  ).sort();
}

describe('committed generated output (dist/, generated docs) is exactly a fresh synthesis', () => {
  const fresh = builtInOutputFiles();

  test('same set of files', () => {
    const expected = fresh.map((f) => f.path).sort();
    const committed = builtInOutputRoots().flatMap((root) => listFiles(path.join(ROOT, root), `${root}/`)).sort();
    const missing = expected.filter((f) => !committed.includes(f));
    const extra = committed.filter((f) => !expected.includes(f));
    if (missing.length || extra.length) {
      throw new Error(`generated output is stale: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}; ${UPDATE}`);
    }
  });

  test.each(fresh.map((f) => [f.path, f] as const))('%s is byte-identical', (_name, file) => {
    const committedPath = path.join(ROOT, file.path);
    const committed = fs.existsSync(committedPath) ? fs.readFileSync(committedPath, 'utf8') : '';
    if (committed !== file.content) {
      const readable = diff(committed, file.content, { aAnnotation: 'committed', bAnnotation: 'fresh synthesis', contextLines: 3, expand: false });
      throw new Error(`${file.path} is stale; ${UPDATE}\n${readable}`);
    }
  });

  test('two syntheses in a row are identical', () => {
    expect(outputFilesOf(outputTrees(ENVIRONMENTS))).toEqual(fresh);
  });
});
