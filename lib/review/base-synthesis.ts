import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cachedBase, cachedBasePath, storeBase } from './base-cache';
import { EnvironmentObjects, readManifestTree } from './manifests';

/** A git commit resolved from a ref the user gave. */
export interface ResolvedRef {
  /** The ref as given, e.g. `HEAD` or `main`. */
  readonly ref: string;
  /** Its full commit id. */
  readonly commit: string;
}

/** The commit `ref` names in the repository at `root`; a ref that names no commit throws. */
export function resolveRef(root: string, ref: string): ResolvedRef {
  try {
    return { ref, commit: git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim() };
  } catch {
    throw new Error(`--base ${ref}: not a commit in ${root}`);
  }
}

/** What the default base depends on: the checked-out branch and whether a local `main` exists. */
export interface RepositoryFacts {
  /** The current branch; undefined on a detached HEAD. */
  readonly branch?: string;
  /** Whether a local branch `main` exists. */
  readonly mainExists: boolean;
}

/** The branch and `main` facts of the repository at `root`. */
export function repositoryFacts(root: string): RepositoryFacts {
  let branch: string | undefined;
  try {
    branch = git(root, ['symbolic-ref', '--short', '--quiet', 'HEAD']).trim() || undefined;
  } catch {
    branch = undefined; // detached HEAD
  }
  let mainExists = true;
  try {
    git(root, ['rev-parse', '--verify', '--quiet', 'refs/heads/main']);
  } catch {
    mainExists = false;
  }
  return { branch, mainExists };
}

/** The merge base of two refs, labelled for the report: `merge-base main HEAD`. */
export function resolveMergeBase(root: string, a: string, b: string): ResolvedRef {
  try {
    return { ref: `merge-base ${a} ${b}`, commit: git(root, ['merge-base', a, b]).trim() };
  } catch {
    throw new Error(`git merge-base ${a} ${b}: no common commit in ${root}`);
  }
}

/**
 * Synthesizes the manifests of another commit, or reads them from the cache of earlier diffs
 * (./base-cache.ts). The commit is checked out into a temporary git worktree
 * (sharing this checkout's node_modules) and synthesized by its own `main.ts` in a child process: the
 * base may be older code with another model, so it is driven only through its entry point, which writes
 * `dist/` beside itself, inside the temporary worktree. The worktree is always removed afterwards.
 */
export async function synthesizeCommit(root: string, commit: string): Promise<EnvironmentObjects> {
  const entry = cachedBasePath(root, commit);
  const cached = cachedBase(entry);
  if (cached) return cached;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'volcano-platform-diff-'));
  const tree = path.join(scratch, 'tree');
  const cleanUp = () => {
    try {
      git(root, ['worktree', 'remove', '--force', tree]);
    } catch {
      // not added yet, or already gone: pruning below forgets it either way
    }
    fs.rmSync(scratch, { recursive: true, force: true });
    try {
      git(root, ['worktree', 'prune']);
    } catch {
      // pruning is housekeeping only
    }
  };
  // An interrupted diff must not leave a registered worktree behind.
  const onSignal = () => {
    cleanUp();
    process.exit(2);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    git(root, ['worktree', 'add', '--detach', '--quiet', tree, commit]);
    fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(tree, 'node_modules'), 'dir');
    // Read only what the synthesis writes, never the manifests committed at that commit.
    fs.rmSync(path.join(tree, 'dist'), { recursive: true, force: true });
    const tsNode = require.resolve('ts-node/dist/bin.js', { paths: [root] });
    await run(process.execPath, [tsNode, '--swc', 'main.ts'], tree, `synthesis of ${commit.slice(0, 12)}`);
    const objects = readManifestTree(path.join(tree, 'dist'));
    storeBase(entry, objects);
    return objects;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    cleanUp();
  }
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a command to completion; a non-zero exit throws with what it printed. */
function run(command: string, args: string[], cwd: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${what} failed (${signal ?? `exit code ${code}`}):\n${output.trim()}`));
    });
  });
}
