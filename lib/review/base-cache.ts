import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Synthesized `dist/` trees of base commits, kept in the repository's git folder
 * (`.git/volcano-platform/diff-base/`), so that running `npm run diff` again against the same base (the
 * usual loop: edit, diff, edit, diff) synthesizes only the working tree. An entry is keyed by the
 * commit's tree (same content, same manifests) and by the installed dependencies
 * (`node_modules/.package-lock.json`): new dependencies may render differently. Delete the folder to
 * drop the cache; only the most recently used entries are kept.
 */
const KEEP = 8;
const FORMAT = 'v1';

/** Where a commit's synthesized `dist/` is cached in the repository at `root`. */
export function cachedBasePath(root: string, commit: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const tree = git('rev-parse', `${commit}^{tree}`);
  const gitDir = path.resolve(root, git('rev-parse', '--git-common-dir'));
  const lock = path.join(root, 'node_modules', '.package-lock.json');
  const dependencies = fs.existsSync(lock) ? createHash('sha256').update(fs.readFileSync(lock)).digest('hex').slice(0, 16) : 'none';
  return path.join(gitDir, 'volcano-platform', 'diff-base', `${FORMAT}-${tree}-${dependencies}`);
}

/** The cached `dist/` folder of an entry, or undefined; a hit counts as a use (for eviction). */
export function cachedBase(entry: string): string | undefined {
  if (!fs.existsSync(entry)) return undefined;
  const now = new Date();
  fs.utimesSync(entry, now, now);
  return entry;
}

/**
 * Stores a synthesized `dist/` folder as the entry, all at once (copied beside it, then renamed), and
 * forgets the least recently used entries beyond the last few.
 */
export function storeBase(entry: string, dist: string): void {
  const staging = `${entry}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.cpSync(dist, staging, { recursive: true });
  try {
    fs.renameSync(staging, entry);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true }); // another diff stored it first
  }
  const folder = path.dirname(entry);
  const entries = fs.readdirSync(folder).filter((name) => !name.endsWith('.tmp'))
    .map((name) => ({ name, used: fs.statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const stale of entries.slice(KEEP)) fs.rmSync(path.join(folder, stale.name), { recursive: true, force: true });
}
