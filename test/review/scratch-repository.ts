import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EnvironmentDefinition } from '../../lib/config';
import { outputTrees, synthesize } from '../../lib/synth/synthesize';
import { ENVIRONMENTS } from '../../stacks/environments';

const ROOT = path.join(__dirname, '..', '..');

/** A throwaway git repository for the diff's CLI tests, with its own worktree and history. */
export interface ScratchRepository {
  readonly root: string;
  /** The commit on `main`. */
  readonly main: string;
  /** Runs git in it. */
  git(...args: string[]): string;
  /** Writes a fresh synthesis of `environments` into its working tree (as `npm run synth` would). */
  synthesize(environments: readonly EnvironmentDefinition[]): void;
  /** Undoes every change to its working tree since the last commit. */
  reset(): void;
  remove(): void;
}

/**
 * A snapshot of this checkout's sources (tracked and untracked files, without the generated folders) with
 * the generated files written by a fresh synthesis of the built-in environments, committed on `main`,
 * plus a branch `feature` one commit ahead that changes nothing the synthesis reads. Its state does not
 * depend on this checkout's: a stale `dist/` here cannot leak into it.
 */
export function scratchRepository(): ScratchRepository {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'volcano-platform-cli-test-'));
  const generated = outputTrees(ENVIRONMENTS).map((t) => `${t.root}/`);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0')
    .filter((f) => f && !generated.some((g) => f.startsWith(g)) && fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile());
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(root, file));
  }
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(root, 'node_modules'), 'dir');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  const commit = (message: string) => git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', message);
  synthesize(ENVIRONMENTS, root);
  git('init', '--quiet', '--initial-branch=main');
  // Borrow this checkout's objects (read only): the files already committed here are not written again.
  const objects = path.resolve(ROOT, execFileSync('git', ['rev-parse', '--git-common-dir'], { cwd: ROOT, encoding: 'utf8' }).trim(), 'objects');
  fs.writeFileSync(path.join(root, '.git', 'objects', 'info', 'alternates'), `${objects}\n`);
  git('add', '--all');
  commit('snapshot');
  const main = git('rev-parse', 'HEAD').trim();
  git('checkout', '--quiet', '-b', 'feature');
  fs.writeFileSync(path.join(root, 'NOTES.txt'), 'not read by the synthesis\n');
  git('add', 'NOTES.txt');
  commit('notes');
  return {
    root,
    main,
    git,
    synthesize: (environments) => {
      synthesize(environments, root);
    },
    reset: () => {
      git('checkout', '--quiet', '--', '.');
      git('clean', '--quiet', '-fd');
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
