import { admissionDocs } from '../admission/docs';
import { sampleFiles } from '../admission/samples';
import { submittingWorkDocs } from '../admission/samples/docs';
import { EnvironmentDefinition } from '../config/model';
import { prepareEnvironments } from '../config/validate';
import { observabilityDocs } from '../observability/docs';
import { ENVIRONMENT_DOCS_ROOT, renderEnvironmentDocs } from '../review/docs';
import { FLUX_ROOT, fluxFiles } from '../deploy/flux';
import { manifestYaml, renderEnvironment } from './render';
import { OutputTree, writeTreesAtomically } from './write';

/**
 * Everything synthesis writes, one tree per folder it owns (manifests, rendered samples, generated docs).
 * The definitions are validated first: any problem throws before anything is rendered.
 */
export function outputTrees(definitions: readonly EnvironmentDefinition[]): OutputTree[] {
  const envs = prepareEnvironments(definitions);
  const rendered = envs.map((env) => ({ env, manifests: renderEnvironment(env) }));
  return [
    { root: 'dist', files: rendered.flatMap(({ env, manifests }) => manifests.map((m) => ({ path: `${env.name}/${m.fileName}`, content: manifestYaml(m) }))) },
    { root: FLUX_ROOT, files: rendered.flatMap(({ env, manifests }) => fluxFiles(env, manifests)) },
    { root: 'examples', files: sampleFiles(envs) },
    { root: 'docs/admission', files: admissionDocs(envs) },
    { root: 'docs/submitting-work', files: submittingWorkDocs(envs) },
    { root: 'docs/observability', files: observabilityDocs(envs) },
    { root: ENVIRONMENT_DOCS_ROOT, files: renderEnvironmentDocs(envs) },
  ];
}

/**
 * Validates every environment, renders everything, and only then replaces the owned folders under
 * `baseDir`. Any invalid environment, or a file in an owned folder that synthesis did not write and git does
 * not track, throws before anything is written; such files that git tracks are removed and passed to
 * `onRemovedTracked`, so the caller can say so.
 */
export function synthesize(
  definitions: readonly EnvironmentDefinition[],
  baseDir: string,
  onRemovedTracked: (files: readonly string[]) => void = () => undefined,
): OutputTree[] {
  const trees = outputTrees(definitions);
  const removed = writeTreesAtomically(baseDir, trees);
  if (removed.length > 0) onRemovedTracked(removed);
  return trees;
}
