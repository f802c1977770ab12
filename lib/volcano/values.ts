import { ResolvedEnvironment } from '../config/model';
import { LABELS } from '../labels';
import { deepMerge } from '../util';
import { VOLCANO_CHART } from './chart';
import { renderSchedulerConfiguration } from './scheduler-config';
import { schedulerConfiguration } from './scheduler-derive';
import {
  ComponentResources,
  ContainerSecuritySettings,
  LabelSelectorRequirement,
  PodSecuritySettings,
  ResolvedComponent,
  SYSTEM_NAMESPACES,
  Toleration,
  VOLCANO_COMPONENTS,
  VolcanoComponent,
} from './settings';

/** The `app` label the chart puts on each component's pods (fixed, not prefixed by the release name). */
export const COMPONENT_POD_LABELS: { readonly [C in VolcanoComponent]: Readonly<Record<string, string>> } = {
  scheduler: { app: 'volcano-scheduler' },
  controller: { app: 'volcano-controller' },
  admission: { app: 'volcano-admission' },
};

/**
 * The values this project sets, typed. Every key exists in the chart: validation checks the full values
 * against `CHART_VALUE_KEYS`, and a test checks those against the chart's values.yaml.
 */
export interface VolcanoChartValues {
  readonly basic: {
    /** Image tag of every component: `v` + the chart's appVersion, never `latest`. */
    readonly image_tag_version: string;
    /** A pinned tag never changes, so nodes need not pull it again. */
    readonly image_pull_policy: 'IfNotPresent' | 'Always';
  };
  readonly custom: {
    /** Off: the chart's bundled Prometheus/Grafana stay out; this project wires monitoring into the cluster's own. */
    readonly metrics_enable: false;
    /** On whenever any component runs more than one replica (Volcano does not elect a leader by default). */
    readonly leader_elect_enable: boolean;
    readonly scheduler_replicas: number;
    readonly controller_replicas: number;
    readonly admission_replicas: number;
    readonly scheduler_resources?: ComponentResources;
    readonly controller_resources?: ComponentResources;
    readonly admission_resources?: ComponentResources;
    readonly scheduler_affinity?: Record<string, unknown>;
    readonly controller_affinity?: Record<string, unknown>;
    readonly admission_affinity?: Record<string, unknown>;
    readonly scheduler_tolerations?: readonly Toleration[];
    readonly controller_tolerations?: readonly Toleration[];
    readonly admission_tolerations?: readonly Toleration[];
    readonly scheduler_ns?: Readonly<Record<string, string>>;
    readonly controller_ns?: Readonly<Record<string, string>>;
    readonly admission_ns?: Readonly<Record<string, string>>;
    /** Pod security context of every component. */
    readonly default_sc: PodSecuritySettings;
    /** Container security context of every component. */
    readonly default_csc: ContainerSecuritySettings;
    /** Enabled admission paths, comma-separated (the chart renders a webhook only for the listed paths). */
    readonly enabled_admissions: string;
    /** Extra `namespaceSelector.matchExpressions` of every namespaced webhook. */
    readonly webhooks_namespace_selector_expressions: readonly LabelSelectorRequirement[];
    /** Volcano's own ValidatingAdmissionPolicies. */
    readonly vap_enable: boolean;
    /** The scheduler configuration file, as a YAML block. */
    readonly scheduler_config_override: string;
  };
}

/** Everything a Helm release of Volcano needs: the same object feeds the Flux HelmRelease and the Pulumi release. */
export interface VolcanoReleaseSpec {
  /** Chart name. */
  readonly chart: string;
  /** Helm repository URL. */
  readonly repository: string;
  /** Exact chart version. */
  readonly version: string;
  /** Helm release name. */
  readonly releaseName: string;
  /** Namespace of the release. */
  readonly namespace: string;
  /** The full values: the typed ones with the environment's raw `values` deep-merged last. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** The release of an environment, as a pure function of its resolved definition. */
export function volcanoReleaseSpec(env: ResolvedEnvironment): VolcanoReleaseSpec {
  const release = env.release;
  return {
    chart: VOLCANO_CHART.name,
    repository: release.repository,
    version: release.chartVersion,
    releaseName: release.releaseName,
    namespace: release.namespace,
    values: deepMerge(typedChartValues(env), release.values),
  };
}

/** The typed values, before the raw `values` are merged in. */
export function typedChartValues(env: ResolvedEnvironment): VolcanoChartValues {
  const release = env.release;
  const components = release.components;
  // The chart's per-component keys are `<component>_<suffix>`; components whose value is undefined get no key.
  const perComponent = <S extends string, T>(suffix: S, value: (c: ResolvedComponent, name: VolcanoComponent) => T) =>
    Object.fromEntries(
      VOLCANO_COMPONENTS.map((name) => [`${name}_${suffix}`, value(components[name], name)] as const).filter(([, v]) => v !== undefined),
    ) as { readonly [K in `${VolcanoComponent}_${S}`]: T };
  return {
    basic: { image_tag_version: `v${release.chartVersion}`, image_pull_policy: 'IfNotPresent' },
    custom: {
      metrics_enable: false,
      leader_elect_enable: VOLCANO_COMPONENTS.some((name) => components[name].replicas > 1),
      ...perComponent('replicas', (c) => c.replicas),
      ...perComponent('resources', (c) => c.resources),
      ...perComponent('affinity', (c, name) => antiAffinity(c, name)),
      ...perComponent('tolerations', (c) => (c.tolerations.length > 0 ? c.tolerations : undefined)),
      ...perComponent('ns', (c) => c.nodeSelector),
      default_sc: release.podSecurityContext,
      default_csc: release.containerSecurityContext,
      enabled_admissions: release.admission.hooks.join(','),
      webhooks_namespace_selector_expressions: webhookNamespaceExpressions(env),
      vap_enable: release.admission.validatingAdmissionPolicies,
      scheduler_config_override: renderSchedulerConfiguration(schedulerConfiguration(env)),
    },
  };
}

/**
 * The webhook's extra namespace selector: system namespaces (and the environment's exclusions) never,
 * only tenant namespaces when the environment says so, then the environment's own expressions.
 */
export function webhookNamespaceExpressions(env: ResolvedEnvironment): LabelSelectorRequirement[] {
  const namespaces = env.release.admission.namespaces;
  const excluded = [...new Set([...SYSTEM_NAMESPACES, env.release.namespace, ...namespaces.excluded])].sort();
  return [
    { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: excluded },
    ...(namespaces.scope === 'tenants' ? [{ key: LABELS.tenant, operator: 'Exists' as const }] : []),
    ...namespaces.extraExpressions,
  ];
}

function antiAffinity(component: ResolvedComponent, name: VolcanoComponent): Record<string, unknown> | undefined {
  const term = { labelSelector: { matchLabels: COMPONENT_POD_LABELS[name] }, topologyKey: 'kubernetes.io/hostname' };
  switch (component.antiAffinity) {
    case 'required':
      return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
    case 'preferred':
      return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
    default:
      return undefined;
  }
}
