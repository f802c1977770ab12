import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { ResolvedEnvironment } from '../config/model';
import { KubeObject, renderEnvironment } from '../synth/render';
import { VolcanoReleaseSpec } from '../volcano/values';
import { kubeResource } from './kube-resource';
import { DEPLOYMENT_GROUPS, DeploymentGroup, DeploymentPlan, GROUP_DEPENDENCIES, deploymentPlan } from './plan';

/** Inputs of {@link deployPlatform}. */
export interface PlatformDeploymentArgs {
  /** The validated environment to deploy. */
  readonly env: ResolvedEnvironment;
  /** The Volcano release, from the same typed spec as the rendered HelmRelease. */
  readonly release: VolcanoReleaseSpec;
  /**
   * Protect the Volcano release and the Queues from deletion. An uninstall of the chart deletes its CRDs,
   * and with them every Queue, Job and PodGroup in the cluster.
   */
  readonly protect: boolean;
  /**
   * Deploy the monitoring objects: ServiceMonitors and PrometheusRules, which need the prometheus-operator
   * CRDs (looked up first, so a missing CRD fails the preview with its name), and the dashboard ConfigMaps
   * and scrape-config Secret in the cluster's monitoring namespaces. `false` leaves all of them out.
   */
  readonly monitoring: boolean;
  /** Kubernetes provider to deploy with; the default provider when omitted. */
  readonly provider?: k8s.Provider;
}

/** What the program created for one object or step: the graph reviewers and tests read. */
export interface DeploymentRecord {
  /** `kind/namespace/name` of the object, or the step's own id. */
  readonly id: string;
  /** The deployment group it was created in. */
  readonly group: DeploymentGroup;
  /** `object`: a planned object; `release`: the Helm release; `lookup`: a read of something the cluster must already have. */
  readonly step: 'object' | 'release' | 'lookup';
  /** Ids of everything this resource was created with `dependsOn`. */
  readonly dependsOn: readonly string[];
  /** Whether it was created with `protect`. */
  readonly protect: boolean;
  /** Whether Pulumi leaves it in the cluster when it is removed from the program (`retainOnDelete`). */
  readonly retainOnDelete: boolean;
  /** For a lookup: the settings that name what is looked up (empty for CRDs). */
  readonly settings?: readonly string[];
}

/** The result of {@link deployPlatform}. */
export interface DeployedPlatform {
  /** The plan the resources were created from. */
  readonly plan: DeploymentPlan;
  /** One record per created resource, in creation order. */
  readonly records: readonly DeploymentRecord[];
  /** Every created resource by record id. */
  readonly resources: ReadonlyMap<string, pulumi.Resource>;
  /** The Volcano Helm release. */
  readonly release: k8s.helm.v3.Release;
}

/** The id of the release step in the deployment records. */
export const RELEASE_ID = 'HelmRelease(Pulumi)/volcano';
/** The prometheus-operator CRDs monitoring objects need. */
export const MONITORING_CRDS: Readonly<Record<string, string>> = {
  ServiceMonitor: 'servicemonitors.monitoring.coreos.com',
  PrometheusRule: 'prometheusrules.monitoring.coreos.com',
  PodMonitor: 'podmonitors.monitoring.coreos.com',
};

/**
 * Deploys one environment: the prerequisite lookups, the Volcano release through Helm, then every
 * synthesized object except the Flux ones, group by group, each depending on the groups it needs (see
 * `GROUP_DEPENDENCIES`) and on the objects it needs itself (its Namespace; a child Queue its parent).
 * Objects come from the environment's cdk8s app built in process, never from `dist/`.
 */
export function deployPlatform(args: PlatformDeploymentArgs): DeployedPlatform {
  const plan = deploymentPlan(args.env, renderEnvironment(args.env));
  const deployed = plan.objects.filter((o) => args.monitoring || (o.group !== 'monitoring' && o.group !== 'monitoring-config'));
  const created = new Map<DeploymentGroup, Array<{ id: string; resource: pulumi.Resource }>>();
  const records: DeploymentRecord[] = [];
  const resources = new Map<string, pulumi.Resource>();

  interface Step { id: string; group: DeploymentGroup; step: DeploymentRecord['step']; protect?: boolean; retainOnDelete?: boolean; needs?: readonly string[]; settings?: readonly string[] }
  const add = (step: Step, create: (opts: pulumi.CustomResourceOptions) => pulumi.Resource) => {
    const dependencies = GROUP_DEPENDENCIES[step.group].flatMap((g) => created.get(g) ?? []);
    for (const need of step.needs ?? []) {
      const resource = resources.get(need);
      if (!resource) throw new Error(`${args.env.name}: ${step.id} needs ${need}, which is not created before it: fix the rendered order`);
      if (!dependencies.some((d) => d.id === need)) dependencies.push({ id: need, resource });
    }
    const protect = step.protect ?? false;
    const retainOnDelete = step.retainOnDelete ?? false;
    const resource = create({ provider: args.provider, protect, retainOnDelete: retainOnDelete || undefined, dependsOn: dependencies.map((d) => d.resource) });
    created.set(step.group, [...(created.get(step.group) ?? []), { id: step.id, resource }]);
    records.push({ id: step.id, group: step.group, step: step.step, protect, retainOnDelete, dependsOn: dependencies.map((d) => d.id), ...(step.settings ? { settings: step.settings } : {}) });
    resources.set(step.id, resource);
    return resource;
  };

  let release: k8s.helm.v3.Release | undefined;
  for (const group of DEPLOYMENT_GROUPS) {
    if (group === 'volcano-release') {
      release = add({ id: RELEASE_ID, group, step: 'release', protect: args.protect }, (opts) => volcanoRelease(args.release, opts)) as k8s.helm.v3.Release;
      continue;
    }
    if (group === 'prerequisites') {
      addPrerequisites(args.env.name, plan, deployed, (step, create) => add({ ...step, group, step: 'lookup' }, create));
      continue;
    }
    for (const planned of deployed.filter((o) => o.group === group)) {
      const protect = args.protect && planned.object.kind === 'Queue';
      add({ id: planned.id, group, step: 'object', protect, retainOnDelete: retainedOnRemoval(args.env, planned.object), needs: planned.needs },
        (opts) => kubeResource(planned.object, opts));
    }
  }
  return { plan, records, resources, release: release! };
}

/**
 * Whether Pulumi keeps an object when it disappears from the environment: a tenant's Namespace holds its
 * workloads and volumes, so it is kept unless the tenant says `onRemoval: 'delete-namespace'`.
 */
export function retainedOnRemoval(env: ResolvedEnvironment, object: KubeObject): boolean {
  if (object.kind !== 'Namespace') return false;
  const tenant = env.tenants.find((t) => t.name === object.metadata.name);
  return tenant !== undefined && tenant.onRemoval !== 'delete-namespace';
}

/**
 * Looks up what the cluster must already have, before anything is written: the prometheus-operator CRDs
 * of the monitoring kinds deployed, and the namespaces objects are written into that the platform does
 * not create (a missing one fails the preview; its logical name says which setting names it).
 */
function addPrerequisites(
  envName: string,
  plan: DeploymentPlan,
  deployed: DeploymentPlan['objects'],
  add: (step: { id: string; settings?: readonly string[] }, create: (opts: pulumi.CustomResourceOptions) => pulumi.Resource) => void,
): void {
  const kinds = new Set(deployed.filter((o) => o.group === 'monitoring').map((o) => o.object.kind));
  for (const kind of [...kinds].sort()) {
    const crd = MONITORING_CRDS[kind];
    if (!crd) throw new Error(`${envName}: no prerequisite known for monitoring kind ${kind}`);
    add({ id: `CustomResourceDefinition/-/${crd}` }, (opts) => k8s.apiextensions.v1.CustomResourceDefinition.get(`crd-${crd}`, crd, { provider: opts.provider }));
  }
  const used = new Set(deployed.map((o) => o.object.metadata.namespace));
  for (const { namespace, settings } of plan.namespacePrerequisites.filter((p) => used.has(p.namespace))) {
    add({ id: `Namespace/-/${namespace}`, settings }, (opts) =>
      k8s.core.v1.Namespace.get(`namespace-${namespace}-named-by-${settings.join('+')}`, namespace, { provider: opts.provider }));
  }
}

/**
 * The Helm release. Deliberate settings: `atomic` rolls a failed upgrade back (Volcano keeps serving with
 * the previous configuration), `cleanupOnFail` removes what a failed upgrade created, `waitForJobs` waits
 * for the admission certificate job the chart runs on every install and upgrade, and the Namespace is
 * deployed by this program (`createNamespace: false`). Values are plain data, never Pulumi Outputs, so a
 * preview shows them as they are.
 */
export function volcanoRelease(spec: VolcanoReleaseSpec, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
  assertPlainValues(spec.values, 'values');
  return new k8s.helm.v3.Release('volcano', {
    name: spec.releaseName,
    chart: spec.chart,
    version: spec.version,
    repositoryOpts: { repo: spec.repository },
    namespace: spec.namespace,
    createNamespace: false,
    values: spec.values as Record<string, any>,
    atomic: true,
    cleanupOnFail: true,
    waitForJobs: true,
    timeout: 600,
    maxHistory: 10,
  }, opts);
}

/** Throws if chart values hold a Pulumi Output anywhere: previews would show it as unknown. */
export function assertPlainValues(value: unknown, path: string): void {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) {
    throw new Error(`Volcano release ${path}: a Pulumi Output or Promise; chart values must be plain data so previews show them`);
  }
  if (Array.isArray(value)) value.forEach((item, i) => assertPlainValues(item, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertPlainValues(item, `${path}.${key}`);
  }
}
