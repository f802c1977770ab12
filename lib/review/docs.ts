import { ResolvedEnvironment } from '../config';
import { OutputFile } from '../synth/render';
import { capacityPlan } from './capacity';
import { capacitySvg } from './capacity-svg';
import { renderComparison } from './compare';
import { capacityChartFile, renderOverview } from './overview';
import { sharingChartFile, sharingDocs } from '../simulation/docs';

/** The sharing chart beside the page, when the environment declares a workload (lib/simulation/docs.ts). */
function sharingChart(env: ResolvedEnvironment): OutputFile[] {
  const chart = sharingDocs(env).chart;
  return chart === undefined ? [] : [{ path: sharingChartFile(env.name), content: chart }];
}

/** Folder of the generated environment pages, owned by synthesis. */
export const ENVIRONMENT_DOCS_ROOT = 'docs/environments';

/** The generated reviewer pages: per environment its overview and capacity chart, plus the comparison. */
export function renderEnvironmentDocs(envs: readonly ResolvedEnvironment[]): OutputFile[] {
  return [
    ...envs.flatMap((env) => [
      { path: `${env.name}.md`, content: renderOverview(env) },
      { path: capacityChartFile(env.name), content: capacitySvg(capacityPlan(env)) },
      ...sharingChart(env),
    ]),
    { path: 'compare.md', content: renderComparison(envs) },
  ];
}
