/**
 * The upstream files the in-repository schemas are generated from, as laid out in the reference folder
 * that `npm run schemas -- --from <dir>` reads (CI uses `../shared/reference`). Every custom resource the
 * project emits or validates is here; the schema test fails, naming the kind, for one that is not.
 */
export interface UpstreamCrd {
  /** Upstream project (and component), as the generated file's header names it. */
  readonly project: string;
  /** The pinned upstream release the file comes from. */
  readonly version: string;
  /** The CRD file, relative to the `--from` folder. */
  readonly file: string;
}

const volcano = (file: string): UpstreamCrd => ({ project: 'Volcano', version: 'v1.15.1', file: `volcano-1.15.1/crds/${file}` });
const prometheusOperator = (file: string): UpstreamCrd => ({ project: 'prometheus-operator', version: 'v0.93.0', file: `prometheus-operator-0.93/${file}` });
const argo = (file: string): UpstreamCrd => ({ project: 'Argo Workflows', version: 'v3.7.18', file: `argo-workflows-3.7/${file}` });

export const UPSTREAM_CRDS: readonly UpstreamCrd[] = [
  volcano('scheduling.volcano.sh_queues.yaml'),
  volcano('scheduling.volcano.sh_podgroups.yaml'),
  volcano('batch.volcano.sh_jobs.yaml'),
  volcano('batch.volcano.sh_cronjobs.yaml'),
  prometheusOperator('servicemonitors.crd.yaml'),
  prometheusOperator('podmonitors.crd.yaml'),
  prometheusOperator('prometheusrules.crd.yaml'),
  // The Flux versions are the controller releases whose CRD files match the reference copies.
  { project: 'Flux helm-controller', version: 'v1.6.3', file: 'flux/helmreleases.crd.yaml' },
  { project: 'Flux source-controller', version: 'v1.9.1', file: 'flux/helmrepositories.crd.yaml' },
  { project: 'Flux kustomize-controller', version: 'v1.9.4', file: 'flux/kustomizations.crd.yaml' },
  argo('workflows.crd.yaml'),
  argo('workflowtemplates.crd.yaml'),
];

/** The files the Volcano chart and scheduler facts are read from, relative to the `--from` folder. */
export interface VolcanoFactSources {
  readonly project: string;
  readonly version: string;
  /** The chart's Chart.yaml (name, version, appVersion). */
  readonly chart: string;
  /** The chart's default values.yaml (its `section.key` names). */
  readonly values: string;
  /** The scheduler configuration reference (action, plugin and switch names). */
  readonly schedulerConf: string;
}

/** The Volcano chart and scheduler facts the tests compare the project's own lists with. */
export const VOLCANO_FACTS: VolcanoFactSources = {
  project: 'Volcano',
  version: 'v1.15.1',
  chart: 'volcano-1.15.1/Chart.yaml',
  values: 'volcano-1.15.1/values.yaml',
  schedulerConf: 'volcano-1.15.1/scheduler-conf.md',
};
