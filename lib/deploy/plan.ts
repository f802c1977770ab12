import { ResolvedEnvironment } from '../config/model';
import { KubeObject, RenderedManifest } from '../synth/render';

/**
 * How the Pulumi program deploys one environment: its synthesized objects in groups, each group
 * created only after the groups it depends on. Pure: computed from the rendered manifests alone, so the
 * order can be tested without an engine.
 */

/** The deployment groups, in an order that satisfies every dependency. */
export const DEPLOYMENT_GROUPS = [
  'namespaces',
  'cluster-scoped',
  'volcano-release',
  'volcano-control-plane',
  'tenancy',
  'volcano-resources',
  'admission-policies',
  'admission-bindings',
  'monitoring-config',
  'monitoring-prerequisites',
  'monitoring',
] as const;

export type DeploymentGroup = (typeof DEPLOYMENT_GROUPS)[number];

/**
 * What each group waits for, and why:
 * - Volcano custom resources need the CRDs, which the Volcano chart installs (as templates).
 * - Namespaced objects need their Namespace.
 * - Admission bindings go last among the platform's own objects, so enforcement never blocks the
 *   platform's own setup, and after their policies, which the API server requires to resolve them.
 * - Monitoring objects need the prometheus-operator CRDs, which this project does not install; their
 *   plain companions (dashboard ConfigMaps, the scrape-config Secret) only need their namespace, which
 *   belongs to the cluster's Prometheus and Grafana.
 */
export const GROUP_DEPENDENCIES: Readonly<Record<DeploymentGroup, readonly DeploymentGroup[]>> = {
  'namespaces': [],
  'cluster-scoped': [],
  'volcano-release': ['namespaces'],
  'volcano-control-plane': ['namespaces', 'volcano-release'],
  'tenancy': ['namespaces'],
  'volcano-resources': ['volcano-release'],
  'admission-policies': [],
  'admission-bindings': ['admission-policies', 'volcano-resources', 'tenancy'],
  'monitoring-config': ['namespaces'],
  'monitoring-prerequisites': [],
  'monitoring': ['namespaces', 'monitoring-prerequisites'],
};

/** API groups of the GitOps alternative: rendered for Flux users, never deployed by Pulumi. */
export const GITOPS_API_GROUPS = ['source.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io'];

/** The `app.kubernetes.io/name` of every object the observability charts render. */
export const MONITORING_APP = 'volcano-monitoring';

/** A stack's `protect` setting when its config does not give one: safe by default (as lib/deploy/stack.ts reads it). */
export const PROTECT_BY_DEFAULT = true;

/**
 * Whether the program creates `object` with Pulumi's `protect` when its stack protects (the Volcano
 * release, a step of its own, is protected too). A Queue is protected because deleting it strands every
 * PodGroup and job that names it. The reviewer diff reads it to say what is protected;
 * test/review/protection.test.ts holds the program (lib/deploy/program.ts) to the same answer.
 */
export function protectedWhenStackProtects(object: KubeObject): boolean {
  return object.kind === 'Queue';
}

/** One synthesized object and where it goes. */
export interface PlannedObject {
  /** `kind/namespace/name`, unique within an environment. */
  readonly id: string;
  /** The object exactly as rendered. */
  readonly object: KubeObject;
  readonly group: DeploymentGroup;
}

/** The deployment plan of one environment. */
export interface DeploymentPlan {
  readonly environment: string;
  /** Objects to deploy, in rendered order. */
  readonly objects: readonly PlannedObject[];
  /** Objects Pulumi leaves alone: the Flux objects of the GitOps alternative. */
  readonly gitOpsOnly: readonly KubeObject[];
}

function apiGroup(object: KubeObject): string {
  return object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
}

/** `kind/namespace/name` of an object (`-` for cluster-scoped). */
export function objectKey(object: KubeObject): string {
  return `${object.kind}/${object.metadata.namespace ?? '-'}/${object.metadata.name}`;
}

/**
 * The group an object deploys in; an object of a kind the plan does not know is an error. Objects in
 * `releaseNamespace` (the environment's `release.namespace`, e.g. the PDBs) belong to the release and
 * deploy after it.
 */
export function groupOf(object: KubeObject, releaseNamespace: string): DeploymentGroup | 'gitops' {
  const group = apiGroup(object);
  if (GITOPS_API_GROUPS.includes(group)) return 'gitops';
  if (object.kind === 'Namespace') return 'namespaces';
  if (group.endsWith('volcano.sh')) return 'volcano-resources';
  if (group === 'monitoring.coreos.com') return 'monitoring';
  if (object.metadata.labels?.['app.kubernetes.io/name'] === MONITORING_APP) return 'monitoring-config';
  if (object.kind === 'ValidatingAdmissionPolicy') return 'admission-policies';
  if (object.kind === 'ValidatingAdmissionPolicyBinding') return 'admission-bindings';
  if (object.metadata.namespace === releaseNamespace) return 'volcano-control-plane';
  if (object.metadata.namespace !== undefined) return 'tenancy';
  if (['PriorityClass', 'ClusterRole', 'ClusterRoleBinding'].includes(object.kind)) return 'cluster-scoped';
  throw new Error(`no deployment group for ${object.apiVersion} ${object.kind} "${object.metadata.name}": add it to lib/deploy/plan.ts`);
}

/** The plan for an environment's rendered manifests. */
export function deploymentPlan(env: Pick<ResolvedEnvironment, 'name' | 'release'>, manifests: readonly RenderedManifest[]): DeploymentPlan {
  const objects: PlannedObject[] = [];
  const gitOpsOnly: KubeObject[] = [];
  for (const manifest of manifests) {
    for (const object of manifest.objects) {
      const group = groupOf(object, env.release.namespace);
      if (group === 'gitops') gitOpsOnly.push(object);
      else objects.push({ id: objectKey(object), object, group });
    }
  }
  return { environment: env.name, objects, gitOpsOnly };
}
