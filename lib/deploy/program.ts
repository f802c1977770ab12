import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { ResolvedEnvironment } from '../config/model';
import { KubeObject, renderEnvironment } from '../synth/render';
import { VolcanoReleaseSpec } from '../volcano/values';
import { kubeResource } from './kube-resource';
import { GraphNode, deploymentGraph } from './graph';
import { DeploymentGroup, DeploymentPlan, awaitedByPulumi, deploymentPlan, retainedOnRemoval } from './plan';

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

export { MONITORING_CRDS, RELEASE_ID } from './graph';

/**
 * Deploys one environment: the prerequisite lookups, the Volcano release through Helm, then every
 * synthesized object except the Flux ones, each step depending on what `deploymentGraph` says (the groups
 * it waits for, its Namespace, a child Queue its parent). Objects come from the environment's cdk8s app
 * built in process, never from `dist/`.
 */
export function deployPlatform(args: PlatformDeploymentArgs): DeployedPlatform {
  const plan = deploymentPlan(args.env, renderEnvironment(args.env));
  const records: DeploymentRecord[] = [];
  const resources = new Map<string, pulumi.Resource>();
  let release: k8s.helm.v3.Release | undefined;
  for (const node of deploymentGraph(plan, { monitoring: args.monitoring })) {
    const protect = args.protect && (node.step === 'release' || node.object?.kind === 'Queue');
    const retainOnDelete = node.object !== undefined && retainedOnRemoval(args.env, node.object);
    const opts: pulumi.CustomResourceOptions = {
      provider: args.provider, protect, retainOnDelete: retainOnDelete || undefined, dependsOn: node.dependsOn.map((id) => resources.get(id)!),
      ...(node.object ? replacedOnChangeOf(node.object) : {}),
    };
    const resource = create(node, args, opts);
    if (node.step === 'release') release = resource as k8s.helm.v3.Release;
    records.push({ id: node.id, group: node.group, step: node.step, protect, retainOnDelete, dependsOn: node.dependsOn, ...(node.settings ? { settings: node.settings } : {}) });
    resources.set(node.id, resource);
  }
  return { plan, records, resources, release: release! };
}

/** The Pulumi resource of one step: the release, a lookup (a `get`, failing the preview when absent), or an object. */
function create(node: GraphNode, args: PlatformDeploymentArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource {
  if (node.step === 'release') return volcanoRelease(args.release, opts);
  if (node.step === 'object') return kubeResource(awaitedByPulumi(node.object!), opts);
  const [kind, , name] = node.id.split('/');
  if (kind === 'CustomResourceDefinition') return k8s.apiextensions.v1.CustomResourceDefinition.get(`crd-${name}`, name, { provider: opts.provider });
  // The logical name says which setting names the namespace, so a failed preview points at it.
  return k8s.core.v1.Namespace.get(`namespace-${name}-named-by-${node.settings!.join('+')}`, name, { provider: opts.provider });
}

/** Fields of a kind that the API server refuses to update: Pulumi must replace the object when one changes. */
const IMMUTABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // Kubernetes forbids changing a PriorityClass's value and preemptionPolicy (pkg/apis/scheduling/validation,
  // ValidatePriorityClassUpdate), and pulumi-kubernetes replaces a PriorityClass on no field, so the in-place
  // update would fail on every `pulumi up`.
  PriorityClass: ['value', 'preemptionPolicy'],
};

/**
 * The options that turn a change to an immutable field into a replacement: `replaceOnChanges` on those fields,
 * and `deleteBeforeReplace`, since the replacement has the same name and could not be created beside the old
 * object. Empty for a kind without such fields.
 */
export function replacedOnChangeOf(object: KubeObject): Pick<pulumi.CustomResourceOptions, 'replaceOnChanges' | 'deleteBeforeReplace'> {
  const fields = IMMUTABLE_FIELDS[object.kind];
  return fields ? { replaceOnChanges: [...fields], deleteBeforeReplace: true } : {};
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
