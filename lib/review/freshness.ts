import { OutputFile } from '../synth/render';
import { OutputTree } from '../synth/write';

/**
 * Whether the committed generated files are what `npm run synth` writes from the working tree's `stacks/`.
 * The diff compares committed files (what Flux applies); when they are not a fresh synthesis, the review
 * would approve something the code does not produce, so this is reported first and has its own exit code.
 */

/** Why a generated file is not what the synthesis writes. */
export type StaleReason =
  /** On disk as at the base commit, but the synthesis now writes something else: `npm run synth` was not run. */
  | 'not regenerated'
  /** Differs from both the synthesis and the base commit: changed by hand (or synthesized from other code). */
  | 'edited by hand'
  /** Written by the synthesis but missing on disk. */
  | 'missing'
  /** On disk as at the base commit, but the synthesis no longer writes it. */
  | 'left over'
  /** On disk, written neither by the synthesis nor present at the base commit. */
  | 'added by hand';

/** One generated file that is not fresh. */
export interface StaleFile {
  /** Path from the repository root, e.g. `dist/prod/20-queues.yaml`. */
  readonly path: string;
  /** Why it is not fresh. */
  readonly reason: StaleReason;
}

/** What a reviewer should do about each reason. */
export const STALE_ADVICE: Readonly<Record<StaleReason, string>> = {
  'not regenerated': 'stacks/ or lib/ changed but `npm run synth` was not run',
  'edited by hand': 'changed by hand: edit stacks/ and run `npm run synth` instead',
  'missing': 'the synthesis writes it; run `npm run synth`',
  'left over': 'the synthesis no longer writes it; run `npm run synth`',
  'added by hand': 'the synthesis does not write it; remove it or generate it from stacks/',
};

/**
 * Compares the fresh synthesis (`trees`, as `outputTrees` returns them) with the files on disk under the
 * same folders, each with its path from the repository root; `base` (the base commit's files) tells a
 * file that was not regenerated from one edited by hand. Sorted by path.
 */
export function staleFiles(trees: readonly OutputTree[], onDisk: readonly OutputFile[], base: readonly OutputFile[]): StaleFile[] {
  const fresh = new Map<string, string>(trees.flatMap((tree) => tree.files.map((f) => [`${tree.root}/${f.path}`, f.content] as [string, string])));
  const disk = new Map(onDisk.map((f) => [f.path, f.content] as const));
  const before = new Map(base.map((f) => [f.path, f.content] as const));
  const stale: StaleFile[] = [];
  for (const [file, content] of fresh) {
    const current = disk.get(file);
    if (current === undefined) stale.push({ path: file, reason: 'missing' });
    else if (current !== content) stale.push({ path: file, reason: current === before.get(file) ? 'not regenerated' : 'edited by hand' });
  }
  for (const [file, content] of disk) {
    if (fresh.has(file)) continue;
    stale.push({ path: file, reason: before.get(file) === content ? 'left over' : 'added by hand' });
  }
  return stale.sort((a, b) => a.path.localeCompare(b.path));
}
