import { admissionDocs } from '../admission/docs';
import { sampleFiles } from '../admission/samples';
import { submittingWorkDocs } from '../admission/samples/docs';
import { EnvironmentDefinition } from '../config/model';
import { prepareEnvironments } from '../config/validate';
import { observabilityDocs } from '../observability/docs';
import { ENVIRONMENT_DOCS_ROOT, renderEnvironmentDocs } from '../review/docs';
import { renderOutputFiles } from './render';
import { OutputTree, writeTreesAtomically } from './write';

/**
 * Everything synthesis writes, one tree per folder it owns (manifests, rendered samples, generated docs).
 * The definitions are validated first: any problem throws before anything is rendered.
 */
export function outputTrees(definitions: readonly EnvironmentDefinition[]): OutputTree[] {
  const envs = prepareEnvironments(definitions);
  return [
    { root: 'dist', files: renderOutputFiles(envs) },
    { root: 'examples', files: sampleFiles(envs) },
    { root: 'docs/admission', files: admissionDocs(envs) },
    { root: 'docs/submitting-work', files: submittingWorkDocs(envs) },
    { root: 'docs/observability', files: observabilityDocs(envs) },
    { root: ENVIRONMENT_DOCS_ROOT, files: renderEnvironmentDocs(envs) },
  ];
}

/**
 * Validates every environment, renders everything, and only then replaces the owned folders under
 * `baseDir`. Any invalid environment throws before anything is written.
 */
export function synthesize(definitions: readonly EnvironmentDefinition[], baseDir: string): OutputTree[] {
  const trees = outputTrees(definitions);
  writeTreesAtomically(baseDir, trees);
  return trees;
}
