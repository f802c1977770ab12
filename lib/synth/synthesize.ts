import { keptOrComputed } from '../cache/persistent';
import { EnvironmentDefinition } from '../config/model';
import { definitionsKey } from '../config/override';
import { prepareEnvironments } from '../config/validate';
import { simulateDeclaredDaysAhead } from '../simulation/docs';
import { OutputTree, writeTreesAtomically } from './write';

/** Syntheses kept (lib/cache/persistent.ts): about 0.8 MB each. */
const KEEP_SYNTHESES = 32;

/**
 * Everything synthesis writes, one tree per folder it owns (manifests, rendered samples, generated docs).
 * The definitions are validated first: any problem throws before anything is rendered. A pure function of
 * the definitions and the code: what it returned for the same definitions and code before is kept
 * (lib/cache/persistent.ts), which is what lets `npm run diff` check freshness without rendering again.
 */
export function outputTrees(definitions: readonly EnvironmentDefinition[]): OutputTree[] {
  return keptOutputTrees(definitions).trees;
}

/** {@link outputTrees}, saying whether they were kept from an earlier synthesis of the same definitions and code. */
export function keptOutputTrees(definitions: readonly EnvironmentDefinition[]): { trees: OutputTree[]; kept: boolean } {
  const render = () => {
    const envs = prepareEnvironments(definitions);
    // The simulated days the pages need start on the other core before the renderer even loads.
    simulateDeclaredDaysAhead(envs);
    // The renderer (cdk8s, the Grafana SDK, every construct: most of the modules) is loaded only when the
    // result is not kept, so `npm run diff` after `npm run synth` starts without it.
    return (require('./render-trees') as typeof import('./render-trees')).renderOutputTrees(envs);
  };
  const key = definitionsKey(definitions);
  const { value, kept } = key === undefined ? { value: render(), kept: false } : keptOrComputed('synthesis', key, render, KEEP_SYNTHESES);
  return { trees: value, kept };
}

/**
 * Validates every environment, renders everything, and only then replaces the owned folders under
 * `baseDir`. Any invalid environment, or a file in an owned folder that synthesis did not write and git does
 * not track, throws before anything is written; such files that git tracks are removed and passed to
 * `onRemovedTracked`, so the caller can say so. `onKept` is called when the trees are those of an earlier
 * synthesis of the same definitions and code.
 */
export function synthesize(
  definitions: readonly EnvironmentDefinition[],
  baseDir: string,
  onRemovedTracked: (files: readonly string[]) => void = () => undefined,
  onKept: () => void = () => undefined,
): OutputTree[] {
  const { trees, kept } = keptOutputTrees(definitions);
  if (kept) onKept();
  const removed = writeTreesAtomically(baseDir, trees);
  if (removed.length > 0) onRemovedTracked(removed);
  return trees;
}
