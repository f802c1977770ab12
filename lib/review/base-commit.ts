import { execFileSync } from 'child_process';

/** The base commit of `npm run diff`: the ref a user gave, or the merge base with `main`, resolved with git. */

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

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
