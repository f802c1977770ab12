import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cachedBase, cachedBasePath, storeBase } from '../../lib/review/base-cache';

describe('the cache of synthesized base commits', () => {
  let root: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const commit = (message: string) => {
    git('add', '--all');
    git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-base-cache-'));
    git('init', '--quiet');
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{"packages":{"a":"1"}}');
    fs.writeFileSync(path.join(root, 'stacks.ts'), 'export const x = 1;\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('is keyed by the commit\'s content and the installed dependencies, inside the git folder', () => {
    const first = commit('one');
    const sameContent = commit('same tree, other commit');
    expect(cachedBasePath(root, sameContent)).toBe(cachedBasePath(root, first));
    expect(path.dirname(cachedBasePath(root, first))).toBe(path.join(root, '.git', 'volcano-platform', 'diff-base'));
    fs.writeFileSync(path.join(root, 'stacks.ts'), 'export const x = 2;\n');
    const changed = commit('two');
    expect(cachedBasePath(root, changed)).not.toBe(cachedBasePath(root, first));
    const before = cachedBasePath(root, first);
    fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{"packages":{"a":"2"}}');
    expect(cachedBasePath(root, first)).not.toBe(before);
  });

  test('stores the objects, reads them back, and keeps only the most recently used entries', () => {
    const objects = new Map([['dev', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }]]]);
    const folder = path.join(root, '.git', 'volcano-platform', 'diff-base');
    const entry = (n: number) => path.join(folder, `v1-entry-${n}.json`);
    expect(cachedBase(entry(0))).toBeUndefined();
    for (let n = 0; n < 8; n++) {
      storeBase(entry(n), objects);
      const when = new Date(Date.now() - (100 - n) * 1000);
      fs.utimesSync(entry(n), when, when);
    }
    expect(cachedBase(entry(7))).toEqual(objects);
    // Using the oldest makes it the most recent; storing two more evicts the two least recently used.
    expect(cachedBase(entry(0))).toEqual(objects);
    storeBase(entry(8), objects);
    storeBase(entry(9), objects);
    expect(fs.readdirSync(folder).sort()).toEqual([0, 3, 4, 5, 6, 7, 8, 9].map((n) => `v1-entry-${n}.json`));
  });

  test('an unreadable entry is a miss, not an error', () => {
    const entry = path.join(root, 'broken.json');
    fs.writeFileSync(entry, '{"environments":');
    expect(cachedBase(entry)).toBeUndefined();
  });
});
