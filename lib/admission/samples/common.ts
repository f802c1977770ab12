import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ResolvedEnvironment, ResolvedTenant } from '../../config/model';
import { quantities } from '../../util';
import { enabledSchedulerPlugins } from '../../volcano/scheduler-derive';
import { INTEGRATION_CONFIG_MAP } from '../integration';
import { PolicyName } from '../policies/names';
import { DEFAULT_MAX_RETRY } from '../settings';

/**
 * A sample's most likely mistake, for the "Submitting work" page: the change, the policy that denies it
 * and the message users then see. The sample tests assert that the policies really answer with it.
 */
export interface SampleDenial {
  /** The mistake, in a sentence fragment (e.g. "the pods name the `interactive` queue"). */
  readonly change: string;
  /** Makes the mistake in the sample's objects (JSON, as submitted). */
  readonly apply: (objects: Array<Record<string, any>>) => void;
  /** The policy that denies it. */
  readonly policy: PolicyName;
  /** Kind of the object denied (the Pod for workloads whose controller creates pods). */
  readonly deniedKind: string;
  /** Its name as the docs show it, where a controller generates it (default: the sample's object of that kind). */
  readonly deniedName?: string;
  /** The message after `<Kind> <namespace>/<name>: `, in this environment. */
  readonly message: (env: ResolvedEnvironment) => string;
  /** What to do about it. */
  readonly fix: string;
}

/** A sample workload users can copy: what it shows and where it runs. */
export interface SampleWorkload {
  /** File name (without `.yaml`) under `examples/<env>/`. */
  readonly name: string;
  /** One line for the file header: what the sample shows. */
  readonly description: string;
  /** The tenant namespace it is submitted in. */
  readonly tenant: string;
  /** The queue it submits to (must be allowed for the tenant and enabled). */
  readonly queue: string;
  /** Adds the sample's objects to `scope`. */
  build(scope: Construct, env: ResolvedEnvironment, tenant: ResolvedTenant): void;
  /** Its most likely mistake and the denial it gets, where the "Submitting work" page shows one. */
  readonly denial?: SampleDenial;
}

/** Resource requests and limits, e.g. `resources({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '2Gi' })`. */
export function resources(requests: Record<string, string>, limits: Record<string, string>): k8s.ResourceRequirements {
  return { requests: quantities(requests, k8s.Quantity.fromString), limits: quantities(limits, k8s.Quantity.fromString) };
}

/** Container security settings the `restricted` Pod Security level requires (also fine under `baseline`). */
export const RESTRICTED_CONTAINER: k8s.SecurityContext = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** A container reading the namespace's Volcano integration settings as environment variables. */
export function workerContainer(name: string, image: string, requirements: k8s.ResourceRequirements, extra: Partial<k8s.Container> = {}): k8s.Container {
  return {
    name,
    image,
    envFrom: [{ configMapRef: { name: INTEGRATION_CONFIG_MAP } }],
    resources: requirements,
    securityContext: RESTRICTED_CONTAINER,
    ...extra,
  };
}

/**
 * The per-job SLA of interactive work: Volcano's `sla` plugin orders a job first and force-enqueues it
 * (past its queue's limits) once it has waited this long. Set on interactive PodGroups and Volcano Jobs
 * only (a Job's annotations are inherited by its PodGroup); batch work never carries it.
 */
export const INTERACTIVE_SLA: Readonly<Record<string, string>> = { 'volcano.sh/sla-waiting-time': '2m' };

/** Labels identifying a sample's objects. */
export function sampleLabels(name: string, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': 'volcano-samples' };
}

/** Whether the environment's scheduler runs `numa-aware` (set `release.scheduler.gpu.numaAware`). */
export function numaAware(env: ResolvedEnvironment): boolean {
  return enabledSchedulerPlugins(env).includes('numa-aware');
}

/**
 * A task's own `maxRetry` where the environment's limit is below Volcano's default: the job webhook gives
 * every task that sets none 3 retries, which the bounded-retries policy then denies. Nothing where the
 * default is within the limit.
 */
export function taskMaxRetry(env: ResolvedEnvironment): { maxRetry?: number } {
  return env.admission.maxRetry < DEFAULT_MAX_RETRY ? { maxRetry: env.admission.maxRetry } : {};
}
