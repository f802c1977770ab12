import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { KubeObject } from '../synth/render';
import { EnvironmentObjects } from './manifests';

/**
 * The manifests of synthesized base commits, kept in the repository's git folder
 * (`.git/volcano-platform/diff-base/`), so that running `npm run diff` again against the same base (the
 * usual loop: edit, diff, edit, diff) synthesizes only the working tree. An entry holds the objects as
 * read from the base's YAML, as JSON (reading it back is far faster than parsing the YAML again), and is
 * keyed by the commit's tree (same content, same manifests) and by the installed dependencies
 * (`node_modules/.package-lock.json`): new dependencies may render differently. Delete the folder to
 * drop the cache; only the most recently used entries are kept.
 */
const KEEP = 8;
const FORMAT = 'v1';

/** The cache file of a commit's synthesized manifests in the repository at `root`. */
export function cachedBasePath(root: string, commit: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const tree = git('rev-parse', `${commit}^{tree}`);
  const gitDir = path.resolve(root, git('rev-parse', '--git-common-dir'));
  const lock = path.join(root, 'node_modules', '.package-lock.json');
  const dependencies = fs.existsSync(lock) ? createHash('sha256').update(fs.readFileSync(lock)).digest('hex').slice(0, 16) : 'none';
  return path.join(gitDir, 'volcano-platform', 'diff-base', `${FORMAT}-${tree}-${dependencies}.json`);
}

/** The cached objects of an entry, or undefined (also for an unreadable entry); a hit counts as a use. */
export function cachedBase(entry: string): EnvironmentObjects | undefined {
  let environments: Record<string, KubeObject[]>;
  try {
    environments = JSON.parse(fs.readFileSync(entry, 'utf8')).environments;
  } catch {
    return undefined;
  }
  if (environments === null || typeof environments !== 'object') return undefined;
  const now = new Date();
  fs.utimesSync(entry, now, now);
  return new Map(Object.entries(environments));
}

/**
 * Stores a base's objects as the entry, all at once (written beside it, then renamed), and forgets the
 * least recently used entries beyond the last few.
 */
export function storeBase(entry: string, objects: EnvironmentObjects): void {
  const folder = path.dirname(entry);
  fs.mkdirSync(folder, { recursive: true });
  const staging = `${entry}.${process.pid}.tmp`;
  fs.writeFileSync(staging, JSON.stringify({ environments: Object.fromEntries(objects) }));
  fs.renameSync(staging, entry);
  const entries = fs.readdirSync(folder).filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, used: fs.statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const stale of entries.slice(KEEP)) fs.rmSync(path.join(folder, stale.name), { force: true });
}
