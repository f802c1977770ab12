/**
 * Fixture types and builders for the policy tables in `policies/<name>/fixtures.ts`. Builders return
 * plain JSON as a client submits it; overrides are merged deeply. The tests then run each request through
 * the mutating steps before the policies see it, as the API server does (`volcano-defaults.ts` for Volcano
 * Jobs and PodGroups, LimitRanger for Pods): a created Job's missing `maxRetry`, queue or task
 * `minAvailable` reaches the policies filled in by Volcano's `/jobs/mutate`. The Jobs of an UPDATE are
 * written as stored ({@link storedJob}).
 */

import { deepMerge } from '../../util';
import { ArgoExecutorSettings, argoPod } from './argo-pods';

export { jobFromCronJob, jobFromJobTemplate, storedJob } from './volcano-defaults';

type Json = Record<string, any>;

/** Who sends a fixture's request. */
export interface FixtureUser {
  readonly username: string;
  readonly groups?: readonly string[];
}

/** One row of a policy's table: a request and what the policy must decide. */
export interface PolicyFixture {
  /** What the row shows. */
  readonly name: string;
  /** Default `CREATE`. */
  readonly operation?: 'CREATE' | 'UPDATE' | 'DELETE';
  /** The object submitted (null on DELETE); on UPDATE, a Job in the stored shape ({@link storedJob}) with the update's changes. */
  readonly object: Json | null;
  /** The stored object, for UPDATE and DELETE (a Job: {@link storedJob}). */
  readonly oldObject?: Json;
  /** Default: a tenant developer, `jane@example.com` in `system:authenticated`. */
  readonly user?: FixtureUser;
  /** `admitted`, or the exact messages of the failed validations, in order. */
  readonly expect: 'admitted' | { readonly denied: readonly string[] };
}

/** A developer of a tenant team: not exempt from anything. */
export const TENANT_USER: FixtureUser = { username: 'jane@example.com', groups: ['system:authenticated', 'team-a-developers'] };
/** Volcano's job controller, which creates PodGroups and pods for Jobs. */
export const VOLCANO_CONTROLLER: FixtureUser = {
  username: 'system:serviceaccount:volcano-system:volcano-controllers',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:volcano-system', 'system:authenticated'],
};
/** Flux applying `dist/`. */
export const FLUX: FixtureUser = {
  username: 'system:serviceaccount:flux-system:kustomize-controller',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:flux-system', 'system:authenticated'],
};
/** The CI service account the fixture environment declares as its Pulumi deployer (`deploy.deployers.pulumi`). */
export const PULUMI_DEPLOYER: FixtureUser = {
  username: 'system:serviceaccount:platform-ci:pulumi',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:platform-ci', 'system:authenticated'],
};
/** A kubeadm cluster's administrator (`kubeadm:cluster-admins`, declared in `deploy.deployers.administrators`). */
export const KUBEADM_ADMIN: FixtureUser = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
/** A CI service account nobody declared: not a deployer, so not exempt. */
export const UNDECLARED_CI: FixtureUser = {
  username: 'system:serviceaccount:other-ci:deployer',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:other-ci', 'system:authenticated'],
};
/** kube-controller-manager's garbage collector, which removes the `foregroundDeletion` and `orphan` finalizers: not exempt. */
export const GARBAGE_COLLECTOR: FixtureUser = {
  username: 'system:serviceaccount:kube-system:generic-garbage-collector',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
};
/** A workload's service account in a tenant namespace. */
export const TENANT_SERVICE_ACCOUNT: FixtureUser = {
  username: 'system:serviceaccount:team-a:temporal-worker',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'],
};

/** {@link deepMerge} typed for fixtures: objects merge, everything else (arrays included) replaces, `undefined` deletes a key. */
export function merge(base: Json, overrides: Json): Json {
  return deepMerge(base, overrides);
}

/** A container requesting cpu and memory. */
export function container(name: string, overrides: Json = {}): Json {
  return merge({ name, image: `registry.example.com/${name}:1.0`, resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } }, overrides);
}

/** A Volcano Job in `team-a` as submitted: one task `worker` of 2 replicas, queue `batch`, everything valid. */
export function volcanoJob(overrides: Json = {}): Json {
  return merge({
    apiVersion: 'batch.volcano.sh/v1alpha1',
    kind: 'Job',
    metadata: { name: 'report', namespace: 'team-a' },
    spec: {
      schedulerName: 'volcano',
      queue: 'batch',
      minAvailable: 2,
      maxRetry: 1,
      // The task's own maxRetry too: Volcano fills in 3 where it is not set, above the fixture environment's limit of 2.
      tasks: [{ name: 'worker', replicas: 2, maxRetry: 1, template: { spec: { restartPolicy: 'Never', containers: [container('worker')] } } }],
    },
  }, overrides);
}

/**
 * A Volcano CronJob `nightly` in `team-a` as submitted, every night at two: its job template is {@link volcanoJob}'s
 * spec (everything valid), with `overrides` merged.
 */
export function cronJob(overrides: Json = {}): Json {
  return merge({
    apiVersion: 'batch.volcano.sh/v1alpha1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'team-a' },
    spec: { schedule: '0 2 * * *', jobTemplate: { spec: volcanoJob().spec } },
  }, overrides);
}

/** `overrides` for {@link cronJob}'s job template spec. */
export function templateSpec(overrides: Json): Json {
  return { spec: { jobTemplate: { spec: overrides } } };
}

/**
 * The CronJob a reviewer showed to bypass every tenant policy: in `team-ml` (queues `gpu-train` and `batch`,
 * classes `volcano-normal` and `volcano-low`), a job template in queue `interactive` at `volcano-critical`,
 * retrying 50 times, whose task asks for a GPU without cpu or memory requests and for the default scheduler.
 */
export function bypassingCronJob(): Json {
  return merge(cronJob({ metadata: { namespace: 'team-ml' } }), templateSpec({
    queue: 'interactive',
    priorityClassName: 'volcano-critical',
    maxRetry: 50,
    tasks: [task('trainer', 2, [{ name: 'trainer', image: 'registry.example.com/trainer:1.0', resources: { limits: { 'nvidia.com/gpu': '1' } } }],
      { schedulerName: 'default-scheduler' })],
  }));
}

/**
 * A Volcano JobTemplate (`flow.volcano.sh/v1alpha1`) `train` in `team-a` as submitted: its spec is {@link volcanoJob}'s
 * (everything valid), with `overrides` merged (a JobTemplate's `spec` is a Job spec, so `overrides` are written as for
 * a Job).
 */
export function jobTemplate(overrides: Json = {}): Json {
  return merge({
    apiVersion: 'flow.volcano.sh/v1alpha1',
    kind: 'JobTemplate',
    metadata: { name: 'train', namespace: 'team-a' },
    spec: volcanoJob().spec,
  }, overrides);
}

/**
 * The JobTemplate that bypassed every tenant policy through a JobFlow naming it: {@link bypassingCronJob}'s job
 * template as a JobTemplate in `team-ml` (queue `interactive` at `volcano-critical`, 50 retries, a GPU without cpu or
 * memory requests, the default scheduler).
 */
export function bypassingJobTemplate(): Json {
  return jobTemplate({ metadata: { namespace: 'team-ml' }, spec: bypassingCronJob().spec.jobTemplate.spec });
}

/** A task of a Volcano Job, with `maxRetry` 1 (within the fixture environment's limit). */
export function task(name: string, replicas: number, containers: Json[] = [container(name)], specOverrides: Json = {}): Json {
  return { name, replicas, maxRetry: 1, template: { spec: merge({ restartPolicy: 'Never', containers }, specOverrides) } };
}

/** A PodGroup in `team-a` in queue `interactive`. */
export function podGroup(overrides: Json = {}): Json {
  return merge({
    apiVersion: 'scheduling.volcano.sh/v1beta1',
    kind: 'PodGroup',
    metadata: { name: 'session', namespace: 'team-a' },
    spec: { minMember: 1, queue: 'interactive' },
  }, overrides);
}

/** A pod in `team-a` scheduled by Volcano in queue `batch`. */
export function volcanoPod(overrides: Json = {}): Json {
  return merge({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'dispatch-7d9f-x2x', namespace: 'team-a', annotations: { 'scheduling.volcano.sh/queue-name': 'batch' } },
    spec: { schedulerName: 'volcano', containers: [container('dispatch')] },
  }, overrides);
}

/** A Volcano Queue. */
export function queue(name: string, spec: Json = {}, labels: Json = {}): Json {
  return { apiVersion: 'scheduling.volcano.sh/v1beta1', kind: 'Queue', metadata: { name, labels }, spec: merge({ weight: 1, reclaimable: true }, spec) };
}

/** Options of {@link argoStepPod}. */
export interface ArgoStepPodOptions {
  /** Namespace. Default `team-a`. */
  readonly namespace?: string;
  /** The step's container (Argo renames it `main`). Default: one requesting cpu and memory. */
  readonly main?: Json;
  /** Workflow spec fields, merged over `schedulerName: volcano` and the `batch` queue annotation in `podMetadata`. */
  readonly workflow?: Json;
  /** Template fields besides the container (`metadata`, `priorityClassName`, `schedulerName`). */
  readonly template?: Json;
  /** The controller's `executor` settings. Default: none, so `init` and `wait` have no resources. */
  readonly executor?: ArgoExecutorSettings;
}

/**
 * The pod the Argo Workflows controller creates for step `load` of workflow `etl-x7k2p` (see
 * {@link argoPod}): an `init` init container and a `wait` container beside the step's `main`.
 */
export function argoStepPod(options: ArgoStepPodOptions = {}): Json {
  const spec = merge({ schedulerName: 'volcano', podMetadata: { annotations: { 'scheduling.volcano.sh/queue-name': 'batch' } } }, options.workflow ?? {});
  return argoPod({
    namespace: options.namespace ?? 'team-a',
    workflowName: 'etl-x7k2p',
    nodeName: 'etl-x7k2p.load',
    template: { name: 'load', container: options.main ?? container('load'), ...options.template },
    spec,
    executor: options.executor,
  });
}
