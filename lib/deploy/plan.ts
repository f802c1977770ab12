import { ResolvedEnvironment } from '../config/model';
import { KubeObject, RenderedManifest } from '../synth/render';
import { CLUSTER_MARKER_NAME } from './cluster-marker';

/**
 * How the Pulumi program deploys one environment: its synthesized objects in groups, each group
 * created only after the groups it depends on. Pure: computed from the rendered manifests alone, so the
 * order can be tested without an engine.
 */

/** The deployment groups, in an order that satisfies every dependency. */
export const DEPLOYMENT_GROUPS = [
  'prerequisites',
  'release-namespace',
  'cluster-marker',
  'namespaces',
  'cluster-scoped',
  'volcano-release',
  'volcano-control-plane',
  'tenancy',
  'admission-policies',
  'volcano-resources',
  'admission-bindings',
  'monitoring-config',
  'monitoring',
] as const;

export type DeploymentGroup = (typeof DEPLOYMENT_GROUPS)[number];

/**
 * What each group waits for, and why:
 * - Prerequisites are lookups (the prometheus-operator CRDs, namespaces the platform writes into but does not
 *   own): everything waits for them, so a missing one fails before anything is written.
 * - The cluster marker (in the Volcano namespace) comes before every other write: on a cluster that runs
 *   another environment it is refused, and nothing else is written.
 * - Namespaced objects need their Namespace.
 * - Volcano custom resources need the CRDs, which the Volcano chart installs (as templates); a child Queue
 *   also needs its parent (an object-level edge, see {@link deploymentPlan}). They also wait for the admission
 *   policies: on an upgrade, the policies that exempt a newly declared deployer must be in force before it
 *   changes a Queue (their bindings, which enforce them, come after).
 * - Admission bindings go last among the platform's own objects, so enforcement never blocks the
 *   platform's own setup, and after their policies, which the API server requires to resolve them.
 * - Monitoring objects need the prometheus-operator CRDs, which this project does not install; their
 *   plain companions (dashboard ConfigMaps, the scrape-config Secret) need their namespace, which belongs
 *   to the cluster's Prometheus and Grafana and is looked up among the prerequisites.
 */
export const GROUP_DEPENDENCIES: Readonly<Record<DeploymentGroup, readonly DeploymentGroup[]>> = {
  'prerequisites': [],
  'release-namespace': ['prerequisites'],
  'cluster-marker': ['release-namespace'],
  'namespaces': ['cluster-marker'],
  'cluster-scoped': ['cluster-marker'],
  'volcano-release': ['release-namespace', 'cluster-marker'],
  'volcano-control-plane': ['release-namespace', 'volcano-release'],
  'tenancy': ['namespaces'],
  'volcano-resources': ['volcano-release', 'admission-policies'],
  'admission-policies': ['cluster-marker'],
  'admission-bindings': ['admission-policies', 'volcano-resources', 'tenancy'],
  'monitoring-config': ['release-namespace', 'prerequisites', 'cluster-marker'],
  'monitoring': ['release-namespace', 'prerequisites', 'cluster-marker'],
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
 * test/deploy/stack.test.ts holds the program (lib/deploy/program.ts) to the same answer.
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
  /** Ids of planned objects this one needs besides its group's dependencies, e.g. a child Queue's parent. */
  readonly needs: readonly string[];
}

/** A namespace the platform writes into but does not create, and the setting that names it. */
export interface NamespacePrerequisite {
  readonly namespace: string;
  /** Setting paths naming it, e.g. `observability.prometheusNamespace`. */
  readonly settings: readonly string[];
}

/** The deployment plan of one environment. */
export interface DeploymentPlan {
  readonly environment: string;
  /** Objects to deploy, in rendered order. */
  readonly objects: readonly PlannedObject[];
  /** Objects Pulumi leaves alone: the Flux objects of the GitOps alternative. */
  readonly gitOpsOnly: readonly KubeObject[];
  /** Namespaces objects are written into that no planned object creates: looked up before anything is written. */
  readonly namespacePrerequisites: readonly NamespacePrerequisite[];
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
  if (object.kind === 'Namespace') return object.metadata.name === releaseNamespace ? 'release-namespace' : 'namespaces';
  if (object.kind === 'ConfigMap' && object.metadata.name === CLUSTER_MARKER_NAME && object.metadata.namespace === releaseNamespace) return 'cluster-marker';
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

/**
 * The settings that name namespaces the platform writes into without creating them. The release
 * namespace is always created; tenants' are created with them.
 */
export function namespaceSettings(env: Pick<ResolvedEnvironment, 'observability'>): Array<{ namespace: string; setting: string }> {
  return [
    { namespace: env.observability.prometheusNamespace, setting: 'observability.prometheusNamespace' },
    { namespace: env.observability.grafana.namespace, setting: 'observability.grafana.namespace' },
  ];
}

/**
 * The objects an object needs besides its group's dependencies: its own Namespace (when the plan creates
 * it), and for a Queue its parent (Volcano refuses a queue whose parent does not exist, and refuses to
 * delete a queue that still has children, so the edge orders deletes child-first too).
 */
function objectNeeds(object: KubeObject, planned: ReadonlySet<string>): string[] {
  const needs: string[] = [];
  const namespace = object.metadata.namespace;
  if (namespace !== undefined && planned.has(`Namespace/-/${namespace}`)) needs.push(`Namespace/-/${namespace}`);
  const parent = object.kind === 'Queue' ? object.spec?.parent : undefined;
  if (typeof parent === 'string' && parent !== 'root' && planned.has(`Queue/-/${parent}`)) needs.push(`Queue/-/${parent}`);
  return needs;
}

/** The plan for an environment's rendered manifests. */
export function deploymentPlan(env: Pick<ResolvedEnvironment, 'name' | 'release' | 'observability'>, manifests: readonly RenderedManifest[]): DeploymentPlan {
  const deployed: Array<{ object: KubeObject; group: DeploymentGroup }> = [];
  const gitOpsOnly: KubeObject[] = [];
  for (const manifest of manifests) {
    for (const object of manifest.objects) {
      const group = groupOf(object, env.release.namespace);
      if (group === 'gitops') gitOpsOnly.push(object);
      else deployed.push({ object, group });
    }
  }
  const ids = new Set(deployed.map((d) => objectKey(d.object)));
  const objects = deployed.map(({ object, group }) => ({ id: objectKey(object), object, group, needs: objectNeeds(object, ids) }));
  return { environment: env.name, objects, gitOpsOnly, namespacePrerequisites: namespacePrerequisites(env, objects) };
}

/** Namespaces written into but not created by the plan, each with the settings naming it; an unexplained one is an error. */
function namespacePrerequisites(env: Pick<ResolvedEnvironment, 'name' | 'observability'>, objects: readonly PlannedObject[]): NamespacePrerequisite[] {
  const created = new Set(objects.filter((o) => o.object.kind === 'Namespace').map((o) => o.object.metadata.name));
  const used = [...new Set(objects.flatMap((o) => (o.object.metadata.namespace === undefined ? [] : [o.object.metadata.namespace])))];
  const named = namespaceSettings(env);
  return used.filter((ns) => !created.has(ns)).sort().map((namespace) => {
    const settings = named.filter((n) => n.namespace === namespace).map((n) => n.setting);
    if (settings.length === 0) throw new Error(`${env.name}: objects are written into namespace "${namespace}", which nothing creates and no setting names: add it to lib/deploy/plan.ts`);
    return { namespace, settings };
  });
}

/**
 * Whether Pulumi keeps an object when it disappears from the environment (`retainOnDelete`, set in
 * lib/deploy/program.ts): a tenant's Namespace holds its workloads and volumes, so it is kept unless the
 * tenant says `onRemoval: 'delete-namespace'`. Here, without Pulumi, so the rehearsals can ask it too.
 */
export function retainedOnRemoval(env: ResolvedEnvironment, object: KubeObject): boolean {
  if (object.kind !== 'Namespace') return false;
  const tenant = env.tenants.find((t) => t.name === object.metadata.name);
  return tenant !== undefined && tenant.onRemoval !== 'delete-namespace';
}

/** The annotation pulumi-kubernetes (4.18 and later) reads to wait, after a create or update, until a condition or JSONPath holds. */
export const PULUMI_WAIT_FOR = 'pulumi.com/waitFor';

/**
 * What `pulumi up` waits for after writing an object of a kind, beyond the provider's own await logic (which
 * takes a custom resource as ready once written). A Queue: until Volcano's queue controller has written its
 * `status.state` (Open for a new queue; any state counts, so a queue an operator closed holds up no upgrade:
 * pkg/controllers/queue/state/open.go). Volcano's queue webhook looks a child's parent up in its informer
 * cache (pkg/webhooks/admission/queues/validate/validate_queue.go, `QueueLister.Get`), so a child created the
 * moment its parent's create returns can be refused as having no parent, and pulumi-kubernetes retries no
 * such refusal. Once the controller, another watcher of the same events, has seen the parent, the webhook's
 * cache has as a rule seen it too. And `pulumi up` ends with every queue open to jobs, which the job webhooks
 * require.
 */
const AWAITED: Readonly<Record<string, string>> = {
  Queue: 'jsonpath={.status.state}',
};

/**
 * The object as the program writes it: the rendered object, with a {@link PULUMI_WAIT_FOR} annotation for
 * the kinds in {@link AWAITED}. Only Pulumi reads the annotation, so `dist/` (what Flux and kubectl apply,
 * and they retry a refused apply by themselves) does not carry it.
 */
export function awaitedByPulumi(object: KubeObject): KubeObject {
  const waitFor = AWAITED[object.kind];
  if (waitFor === undefined) return object;
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [PULUMI_WAIT_FOR]: waitFor } } };
}
