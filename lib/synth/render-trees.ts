import { admissionDocs } from '../admission/docs';
import { sampleFiles } from '../admission/samples';
import { submittingWorkDocs } from '../admission/samples/docs';
import { EnvironmentDefinition } from '../config/model';
import { prepareEnvironments } from '../config/validate';
import { FLUX_ROOT, fluxFiles } from '../deploy/flux';
import { observabilityDocs } from '../observability/docs';
import { ENVIRONMENT_DOCS_ROOT, renderEnvironmentDocs } from '../review/docs';
import { manifestYaml, renderEnvironment } from './render';
import { OutputTree } from './write';

/** Validates the definitions, then renders every tree synthesis writes (see `outputTrees`, which keeps them). */
export function renderOutputTrees(definitions: readonly EnvironmentDefinition[]): OutputTree[] {
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
