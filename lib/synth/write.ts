import * as fs from 'fs';
import * as path from 'path';
import { OutputFile } from './render';

/** A folder that synthesis owns entirely: after a run it holds exactly `files`. */
export interface OutputTree {
  /** Folder relative to the base directory, e.g. `dist` or `docs/environments`. */
  readonly root: string;
  /** Files relative to `root`. */
  readonly files: readonly OutputFile[];
}

/**
 * Replaces each tree's folder under `baseDir` with exactly its files. Every tree is first written in
 * full to a fresh sibling folder; only when all of them are written are the folders swapped in, so a
 * failure while writing leaves every existing folder as it was (and removes the staging folders).
 */
export function writeTreesAtomically(baseDir: string, trees: readonly OutputTree[]): void {
  const staged: Array<{ target: string; staging: string }> = [];
  try {
    for (const tree of trees) {
      const target = path.resolve(baseDir, tree.root);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.synth-`));
      staged.push({ target, staging });
      for (const file of tree.files) {
        const destination = path.join(staging, file.path);
        if (!destination.startsWith(staging + path.sep)) throw new Error(`refusing to write outside ${tree.root}/: ${file.path}`);
        fs.mkdirSync(path.dirname(destination), { recursive: true });
        fs.writeFileSync(destination, file.content);
      }
    }
    for (const { target, staging } of staged) swapIn(target, staging);
  } finally {
    for (const { staging } of staged) fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves `staging` to `target`, keeping the old `target` until the move succeeded. */
function swapIn(target: string, staging: string): void {
  const retired = `${staging}.old`;
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, retired);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    if (hadTarget) fs.renameSync(retired, target);
    throw error;
  }
  if (hadTarget) fs.rmSync(retired, { recursive: true, force: true });
}
