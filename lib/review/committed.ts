import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OutputFile } from '../synth/render';

/**
 * The generated files as they are committed, which is what Flux applies and what a reviewer approves:
 * at a base commit (read from git, never synthesized) and in the working tree (read from disk). Paths are
 * relative to the repository root, e.g. `dist/prod/20-queues.yaml`.
 */

/** Every file under `folders` at `commit`, read with one `git cat-file --batch`; a folder missing there is empty. */
export function readCommittedFiles(root: string, commit: string, folders: readonly string[]): OutputFile[] {
  const listing = execFileSync('git', ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...folders], gitOptions(root));
  const entries = listing.split('\0').filter(Boolean).map((line) => {
    const [meta, file] = line.split('\t');
    return { type: meta.split(' ')[1], file };
  }).filter((entry) => entry.type === 'blob');
  if (entries.length === 0) return [];
  const input = entries.map((entry) => `${commit}:${entry.file}\n`).join('');
  const output = execFileSync('git', ['cat-file', '--batch'], { cwd: root, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const files: OutputFile[] = [];
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    const size = Number(header.split(' ')[2]);
    if (!Number.isInteger(size)) throw new Error(`git cat-file: unexpected answer for ${entry.file} at ${commit.slice(0, 12)}: ${header}`);
    const start = headerEnd + 1;
    files.push({ path: entry.file, content: output.subarray(start, start + size).toString('utf8') });
    offset = start + size + 1;
  }
  return files;
}

/** Every file under `folders` in the working tree at `root`, in path order; a missing folder is empty. */
export function readWorkingFiles(root: string, folders: readonly string[]): OutputFile[] {
  const files: OutputFile[] = [];
  const walk = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    if (fs.statSync(absolute).isFile()) {
      files.push({ path: relative.split(path.sep).join('/'), content: fs.readFileSync(absolute, 'utf8') });
      return;
    }
    for (const name of fs.readdirSync(absolute).sort()) walk(path.join(relative, name));
  };
  for (const folder of folders) walk(folder);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The files below `folder/`, with paths relative to it: `dist/prod/x.yaml` → `prod/x.yaml`. */
export function filesBelow(files: readonly OutputFile[], folder: string): OutputFile[] {
  const prefix = `${folder}/`;
  return files.filter((f) => f.path.startsWith(prefix)).map((f) => ({ path: f.path.slice(prefix.length), content: f.content }));
}

function gitOptions(cwd: string) {
  return { cwd, encoding: 'utf8' as const, stdio: ['pipe', 'pipe', 'pipe'] as Array<'pipe'>, maxBuffer: 1 << 28 };
}
