/**
 * An in-memory model of the API server rules that decide whether a deploy of the platform goes through:
 * - `namespace-exists`: a namespaced object needs its Namespace;
 * - `crd-established`: a custom resource needs its CustomResourceDefinition;
 * - `queue-parent-exists`: Volcano's `/queues/validate` refuses a Queue whose parent does not exist
 *   ("failed to get parent queue of queue <name>");
 * - `queue-has-children`: it refuses to delete a Queue that still has children
 *   ("queue <name> can not be deleted because it has N child queues")
 *   (both: pkg/webhooks/admission/queues/validate/validate_queue.go, v1.15.1);
 * - `immutable`: a ConfigMap with `immutable: true` keeps its data (the cluster marker);
 * - `admission`: the environment's own ValidatingAdmissionPolicies, bound with Deny, refuse the request for
 *   the identity that sends it (evaluated with the CEL engine of `admission.ts`);
 * - `prerequisite`: a lookup of something the cluster must already have finds nothing.
 *
 * Checks take two views of the cluster: `sure`, what certainly exists when the request is sent (used by
 * the rules that need something to exist), and `maybe`, what might exist by then (used by the rules that
 * refuse because something exists). Replaying a graph with maximal parallelism, a step's `sure` view holds
 * only what its dependencies wrote, and its `maybe` view everything not ordered after it.
 */
import { objectKey } from '../../lib/deploy/plan';
import { KubeObject } from '../../lib/synth/render';
import { evaluatePolicy } from './admission';

export type Rule = 'namespace-exists' | 'crd-established' | 'queue-parent-exists' | 'queue-has-children' | 'immutable' | 'admission' | 'prerequisite';

/** A request the model refuses, naming the object and the rule. */
export class RuleViolation extends Error {
  constructor(public readonly subject: string, public readonly rule: Rule, detail: string) {
    super(`${subject}: ${rule}: ${detail}`);
    this.name = 'RuleViolation';
  }
}

/** Who sends a request. */
export interface Identity {
  readonly username: string;
  readonly groups: readonly string[];
}

/** What exists in the cluster, by `kind/namespace/name`. */
export class ClusterState {
  private constructor(private readonly objects: ReadonlyMap<string, KubeObject>) {}

  public static of(objects: Iterable<KubeObject>): ClusterState {
    return new ClusterState(new Map([...objects].map((o) => [objectKey(o), o] as const)));
  }

  public has(key: string): boolean {
    return this.objects.has(key);
  }

  public get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  public values(): KubeObject[] {
    return [...this.objects.values()];
  }

  public keys(): string[] {
    return [...this.objects.keys()];
  }

  /** The state with these objects written (created or replaced). */
  public with(objects: Iterable<KubeObject>): ClusterState {
    const next = new Map(this.objects);
    for (const o of objects) next.set(objectKey(o), o);
    return new ClusterState(next);
  }

  /** The state without these keys. */
  public without(keys: Iterable<string>): ClusterState {
    const next = new Map(this.objects);
    for (const k of keys) next.delete(k);
    return new ClusterState(next);
  }
}

/** Plural resource names of the custom kinds the platform writes or installs. */
const PLURALS: Readonly<Record<string, string>> = {
  Queue: 'queues', PodGroup: 'podgroups', Job: 'jobs', ServiceMonitor: 'servicemonitors', PrometheusRule: 'prometheusrules',
  PodMonitor: 'podmonitors', HelmRelease: 'helmreleases', HelmRepository: 'helmrepositories', Kustomization: 'kustomizations',
};

/** A CustomResourceDefinition object as the model stores it. */
export function crd(name: string): KubeObject {
  return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name } };
}

/** The key of the CRD an object's kind needs; undefined for built-in kinds. */
export function crdKeyOf(object: KubeObject): string | undefined {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  if (!group.includes('.') || group.endsWith('.k8s.io')) return undefined;
  const plural = PLURALS[object.kind];
  if (!plural) throw new Error(`the cluster model knows no CRD for ${object.apiVersion} ${object.kind}`);
  return `CustomResourceDefinition/-/${plural}.${group}`;
}

/** What installing the Volcano chart adds: its CRDs, and the `root` and `default` queues its scheduler creates. */
export function volcanoInstall(): KubeObject[] {
  const queue = (name: string, parent?: string) => ({
    apiVersion: 'scheduling.volcano.sh/v1beta1', kind: 'Queue', metadata: { name }, spec: { weight: 1, reclaimable: true, ...(parent ? { parent } : {}) },
  });
  return [crd('queues.scheduling.volcano.sh'), crd('podgroups.scheduling.volcano.sh'), crd('jobs.batch.volcano.sh'), queue('root'), queue('default', 'root')];
}

/** Whether an object belongs to what the Volcano chart installed (removed with it on uninstall). */
export function isVolcanoInstalled(object: KubeObject): boolean {
  return object.apiVersion.split('/')[0].endsWith('volcano.sh') || (object.kind === 'CustomResourceDefinition' && object.metadata.name.endsWith('volcano.sh'));
}

/** The views a request is judged against. */
export interface Views {
  /** What certainly exists. */
  readonly sure: ClusterState;
  /** What might exist. */
  readonly maybe: ClusterState;
}

const ADMITTED_KINDS = new Set(['Queue', 'PodGroup', 'Job', 'Pod']);

/**
 * The environment's own admission policies bound with Deny applied to one request. Both the versions that
 * may already have replaced the old ones (`maybe`) and the versions certainly in force (`sure`, e.g. the
 * previous release's policies during an upgrade) are evaluated: either may judge the request.
 */
function admission(operation: 'CREATE' | 'UPDATE' | 'DELETE', object: KubeObject | null, old: KubeObject | undefined, views: Views, identity: Identity): string[] {
  const target = (object ?? old)!;
  if (!ADMITTED_KINDS.has(target.kind)) return [];
  const denials = new Set<string>();
  for (const state of [views.maybe, views.sure]) {
    const namespace = target.metadata.namespace === undefined ? null : state.get(`Namespace/-/${target.metadata.namespace}`) ?? null;
    for (const binding of state.values().filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding' && o.spec.validationActions.includes('Deny'))) {
      const policy = state.get(`ValidatingAdmissionPolicy/-/${binding.spec.policyName}`);
      if (!policy) continue;
      const outcome = evaluatePolicy(policy, binding, { operation, object, oldObject: old ?? null, namespace, userInfo: identity });
      for (const v of outcome.violations) denials.add(`${policy.metadata.name}: ${v.message}`);
    }
  }
  return [...denials];
}

/**
 * Checks a create or update of `object`; throws the first rule it breaks. Writing an object exactly as it
 * certainly is sends no request (`kubectl apply` prints `unchanged`, Pulumi sees no diff), so nothing is checked.
 */
export function checkWrite(object: KubeObject, views: Views, identity: Identity): void {
  const key = objectKey(object);
  if (views.sure.has(key) && JSON.stringify(views.sure.get(key)) === JSON.stringify(object)) return;
  const namespace = object.metadata.namespace;
  if (namespace !== undefined && !views.sure.has(`Namespace/-/${namespace}`)) {
    throw new RuleViolation(key, 'namespace-exists', `namespaces "${namespace}" not found`);
  }
  const needed = crdKeyOf(object);
  if (needed !== undefined && !views.sure.has(needed)) {
    throw new RuleViolation(key, 'crd-established', `no matches for kind "${object.kind}" in version "${object.apiVersion}" (${needed.split('/')[2]} is not established)`);
  }
  const old = views.maybe.get(key);
  const existsForSure = views.sure.has(key);
  if (object.kind === 'Queue') {
    const parent = object.spec?.parent;
    const parentChanged = !existsForSure || views.sure.get(key)!.spec?.parent !== parent;
    if (parentChanged && typeof parent === 'string' && parent !== '' && parent !== 'root' && !views.sure.has(`Queue/-/${parent}`)) {
      throw new RuleViolation(key, 'queue-parent-exists', `failed to get parent queue of queue ${object.metadata.name}`);
    }
  }
  if (old?.immutable === true && JSON.stringify(old.data ?? {}) !== JSON.stringify(object.data ?? {})) {
    throw new RuleViolation(key, 'immutable', `ConfigMap "${object.metadata.name}" is invalid: data: Forbidden: field is immutable when \`immutable\` is set `
      + `(it says ${JSON.stringify(old.data)})`);
  }
  const denials = admission(old ? 'UPDATE' : 'CREATE', object, old, views, identity);
  if (denials.length > 0) throw new RuleViolation(key, 'admission', `${identity.username} is denied: ${denials.join('; ')}`);
}

/** Checks a delete of `object`; throws the first rule it breaks. */
export function checkDelete(object: KubeObject, views: Views, identity: Identity): void {
  const key = objectKey(object);
  if (object.kind === 'Queue') {
    const children = views.maybe.values().filter((o) => o.kind === 'Queue' && o.spec?.parent === object.metadata.name);
    if (children.length > 0) {
      throw new RuleViolation(key, 'queue-has-children', `queue ${object.metadata.name} can not be deleted because it has ${children.length} child queues `
        + `(${children.map((c) => c.metadata.name).join(', ')})`);
    }
  }
  const denials = admission('DELETE', null, views.maybe.get(key) ?? object, views, identity);
  if (denials.length > 0) throw new RuleViolation(key, 'admission', `${identity.username} is denied: ${denials.join('; ')}`);
}

/** What deleting an object removes: the object, and for a Namespace everything in it. */
export function deletedBy(object: KubeObject, state: ClusterState): string[] {
  const key = objectKey(object);
  if (object.kind !== 'Namespace') return [key];
  return [key, ...state.values().filter((o) => o.metadata.namespace === object.metadata.name).map(objectKey)];
}
