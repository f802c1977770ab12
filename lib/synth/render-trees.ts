import { admissionDocs } from '../admission/docs';
import { sampleFiles } from '../admission/samples';
import { submittingWorkDocs } from '../admission/samples/docs';
import { persisted } from '../cache/persistent';
import { ResolvedEnvironment } from '../config/model';
import { FLUX_ROOT, fluxFiles } from '../deploy/flux';
import { observabilityDocs } from '../observability/docs';
import { ENVIRONMENT_DOCS_ROOT, renderEnvironmentDocs } from '../review/docs';
import { manifestYaml, renderEnvironment } from './render';
import { OutputTree } from './write';

/** Environments' manifests kept between runs: a few edits' worth of every environment. */
const KEEP_MANIFESTS = 32;

/**
 * Renders every tree synthesis writes for valid environments (see `outputTrees`, which validates and keeps
 * them). Each environment's manifests are a pure function of the resolved environment, kept between runs
 * (lib/cache/persistent.ts): an edit to one environment renders that one (and those derived from it) alone.
 */
export function renderOutputTrees(envs: readonly ResolvedEnvironment[]): OutputTree[] {
  const rendered = envs.map((env) => ({ env, manifests: persisted('environment-manifests', env, () => renderEnvironment(env), KEEP_MANIFESTS) }));
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
