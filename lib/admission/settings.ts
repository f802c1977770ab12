import { IDENTITY_RULE, isQuotableIdentity } from '../config/names';
import { Problems } from '../config/problems';
import { suggestion } from '../config/suggest';
import { QueueDefinition, ResolvedEnvironment, ResolvedQueue, ResourceList } from '../config/model';
import { Quantity } from '../config/quantity';
import { GPU_RESOURCES } from '../config/resources';
import { POLICY_NAMES, PolicyName } from './policies/names';
import { deployerIdentities } from '../deploy/settings';

/** What a binding does when a validation fails. `Deny` and `Warn` exclude each other. */
export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

/** How a policy is enforced: the binding's actions, or `off` to render neither policy nor binding. */
export type Enforcement = readonly ValidationAction[] | 'off';

/** Identities the policies leave alone (`matchConditions`): the platform's own controllers and operators. */
export interface AdmissionExemptions {
  /** Exact user names, e.g. `system:serviceaccount:flux-system:kustomize-controller`. */
  readonly users?: readonly string[];
  /** Groups; `system:serviceaccounts:<namespace>` covers every service account of a namespace. */
  readonly groups?: readonly string[];
}

/** The environment's admission settings, as written in `stacks/environments/<env>.ts`. Every field is optional. */
export interface AdmissionSettings {
  /**
   * How every policy is enforced unless `policies` says otherwise. Default `['Deny', 'Audit']`, except
   * `queue-resource-order`, which defaults to `off` where `release.admission.validatingAdmissionPolicies` is on.
   */
  readonly enforcement?: Enforcement;
  /** Per-policy enforcement, by policy name (e.g. `'gpu-queues': ['Warn', 'Audit']`, `'queue-resource-order': 'off'`). */
  readonly policies?: Readonly<Partial<Record<PolicyName, Enforcement>>>;
  /** Largest `maxRetry` a Volcano Job may ask for. Default 3 (Volcano's own default). */
  readonly maxRetry?: number;
  /** Priority classes allowed per queue. A queue not listed allows every class of the environment. */
  readonly priorityClassesByQueue?: Readonly<Record<string, readonly string[]>>;
  /**
   * Identities exempt from the tenant policies and queue-protection besides the deployers (`deploy.deployers`,
   * always exempt). Default: {@link defaultExemptions} of the release namespace (Volcano's components); a value replaces it.
   */
  readonly exemptions?: AdmissionExemptions;
  /** Whether workloads should submit to Volcano (the integration ConfigMap's `ENABLE_VOLCANO_SCHEDULER`). Default false. */
  readonly volcanoSchedulerEnabled?: boolean;
}

/** Admission settings with every default applied. */
export interface ResolvedAdmissionSettings {
  /** Every policy's enforcement. */
  readonly enforcement: Readonly<Record<PolicyName, Enforcement>>;
  /** Largest `maxRetry` a Volcano Job may ask for. */
  readonly maxRetry: number;
  /** Queues whose workloads may use GPUs: derived from the queues by {@link gpuQueueNames}. */
  readonly gpuQueues: readonly string[];
  /** Every queue of the environment, with the priority classes it allows. */
  readonly priorityClassesByQueue: Readonly<Record<string, readonly string[]>>;
  /** Identities the tenant policies leave alone. */
  readonly exemptions: Required<AdmissionExemptions>;
  /** `ENABLE_VOLCANO_SCHEDULER` of the integration ConfigMaps. */
  readonly volcanoSchedulerEnabled: boolean;
}

/** Safe by default: a new environment denies; `dev` opts into warnings. */
export const DEFAULT_ENFORCEMENT: Enforcement = ['Deny', 'Audit'];
/** Volcano's own default for `maxRetry`: the job webhook fills in 3 when it is 0 or missing. */
export const DEFAULT_MAX_RETRY = 3;
/**
 * The platform's own components: Volcano's, in the release namespace `volcanoNamespace` (they create
 * PodGroups and pods for Jobs, and the `root`/`default` queues). The deployers (Pulumi, Flux and the
 * administrators, `deploy.deployers`) are exempt besides, always.
 */
export function defaultExemptions(volcanoNamespace: string): Required<AdmissionExemptions> {
  return { users: [], groups: [`system:serviceaccounts:${volcanoNamespace}`] };
}

/** Applies the defaults. Total: never throws, so validation can report every problem afterwards. */
export function resolveAdmission(
  settings: AdmissionSettings | undefined,
  env: Pick<ResolvedEnvironment, 'queues' | 'priorityClasses' | 'release' | 'deploy'>,
  written: readonly QueueDefinition[],
): ResolvedAdmissionSettings {
  const s = settings ?? {};
  const exempt = defaultExemptions(env.release.namespace);
  const base = s.enforcement ?? DEFAULT_ENFORCEMENT;
  const allClasses = env.priorityClasses.map((pc) => pc.name);
  return {
    enforcement: Object.fromEntries(POLICY_NAMES.map((name) => [name, s.policies?.[name] ?? defaultEnforcement(name, base, env.release)])) as Record<PolicyName, Enforcement>,
    maxRetry: s.maxRetry ?? DEFAULT_MAX_RETRY,
    gpuQueues: gpuQueueNames(written, env.queues),
    priorityClassesByQueue: Object.fromEntries(env.queues.map((q) => [q.name, s.priorityClassesByQueue?.[q.name] ?? allClasses])),
    exemptions: withDeployers({ users: s.exemptions?.users ?? exempt.users, groups: s.exemptions?.groups ?? exempt.groups }, env.deploy),
    volcanoSchedulerEnabled: s.volcanoSchedulerEnabled ?? false,
  };
}

/**
 * The exemptions with every deployer added: administrators first (as before deployers were declared),
 * then the components, then Flux and Pulumi; no identity twice.
 */
function withDeployers(exemptions: Required<AdmissionExemptions>, deploy: ResolvedEnvironment['deploy']): Required<AdmissionExemptions> {
  const administrators = deployerIdentities({ deployers: deploy.deployers.filter((d) => d.role === 'administrators') });
  const others = deployerIdentities({ deployers: deploy.deployers.filter((d) => d.role !== 'administrators') });
  const merge = (kind: 'users' | 'groups') => [...new Set([...administrators[kind], ...exemptions[kind], ...others[kind]])];
  return { users: merge('users'), groups: merge('groups') };
}

/**
 * The GPU queues, one fact with the queues' own numbers: a leaf queue (one without children, as only
 * leaves take work) whose own guarantee, deserved or capability gives a GPU resource above zero. A
 * capability inherited from a parent or the cluster does not count: GPUs are granted where someone wrote
 * them, and `'nvidia.com/gpu': '0'` says "no GPUs" explicitly.
 */
export function gpuQueueNames(written: readonly QueueDefinition[], queues: ReadonlyArray<Pick<ResolvedQueue, 'name' | 'parent'>>): string[] {
  const parents = new Set(queues.flatMap((q) => (q.parent === undefined ? [] : [q.parent])));
  const namesGpu = (list: ResourceList | undefined) =>
    GPU_RESOURCES.some((gpu) => list?.[gpu] !== undefined && Quantity.tryParse(list[gpu])?.isZero() === false);
  return written
    .filter((q) => !parents.has(q.name) && (namesGpu(q.guarantee) || namesGpu(q.deserved) || namesGpu(q.capability)))
    .map((q) => q.name);
}

/**
 * A policy's enforcement unless the environment names it: the environment's, except that
 * `queue-resource-order` is off where the release enables Volcano's own ValidatingAdmissionPolicies,
 * which check the same queue ordering in the API server.
 */
function defaultEnforcement(name: PolicyName, base: Enforcement, release: ResolvedEnvironment['release']): Enforcement {
  return name === 'queue-resource-order' && release.admission.validatingAdmissionPolicies ? 'off' : base;
}

/** Reports every problem of `admission`, with paths like `admission.policies.gpu-queues[1]`. */
export function validateAdmission(settings: AdmissionSettings | undefined, env: ResolvedEnvironment, problems: Problems): void {
  if (settings === undefined) return;
  const queues = new Set(env.queues.map((q) => q.name));
  const classes = new Set(env.priorityClasses.map((pc) => pc.name));
  if (settings.enforcement !== undefined) checkEnforcement('admission.enforcement', settings.enforcement, problems);
  for (const [name, enforcement] of Object.entries(settings.policies ?? {})) {
    // Unknown policy names are refused by the schema (settings-schema.ts) before this runs.
    if (enforcement !== undefined) checkEnforcement(`admission.policies.${name}`, enforcement, problems);
  }
  if (settings.maxRetry !== undefined && !(Number.isInteger(settings.maxRetry) && settings.maxRetry >= 1 && settings.maxRetry <= 2_147_483_647)) {
    problems.add('admission.maxRetry', `${settings.maxRetry} must be a whole number of at least 1 (Volcano turns 0 into 3)`);
  }
  for (const [queue, allowed] of Object.entries(settings.priorityClassesByQueue ?? {})) {
    const path = `admission.priorityClassesByQueue.${queue}`;
    if (!queues.has(queue)) problems.add(path, `"${queue}" is not a queue of this environment${suggestion(queue, [...queues])}`);
    (allowed ?? []).forEach((pc, i) => {
      if (!classes.has(pc)) problems.add(`${path}[${i}]`, `"${pc}" is not a priority class of this environment${suggestion(pc, [...classes])}`);
    });
  }
  checkVolcanoExempt(settings, env, problems);
  for (const kind of ['users', 'groups'] as const) {
    (settings.exemptions?.[kind] ?? []).forEach((identity, i) => {
      if (!isQuotableIdentity(identity)) problems.add(`admission.exemptions.${kind}[${i}]`, `"${identity}" ${IDENTITY_RULE}`);
    });
  }
}

/**
 * Volcano's components are on the platform's deploy path: its scheduler creates the `root` and `default`
 * queues and its controllers create PodGroups for every Job. Exemptions that replace the defaults must keep
 * them, or the environment's own policies (where one denies) refuse Volcano itself.
 */
function checkVolcanoExempt(settings: AdmissionSettings, env: ResolvedEnvironment, problems: Problems): void {
  if (settings.exemptions?.groups === undefined) return;
  const group = defaultExemptions(env.release.namespace).groups[0];
  const denies = Object.values(env.admission.enforcement).some((e) => e !== 'off' && e.includes('Deny'));
  if (denies && !env.admission.exemptions.groups.includes(group)) {
    problems.add('admission.exemptions.groups', `must include "${group}": Volcano's scheduler creates the root and default queues and its `
      + 'controllers create PodGroups, which the policies enforced with Deny would refuse');
  }
}

/** The schema has already refused anything but `'off'` or a list of Deny, Warn and Audit: what is left is their combination. */
function checkEnforcement(path: string, enforcement: Enforcement, problems: Problems): void {
  if (enforcement === 'off') return;
  if (enforcement.length === 0) {
    problems.add(path, 'must be "off" or a non-empty list of Deny, Warn, Audit');
    return;
  }
  const seen = new Map<string, string>();
  enforcement.forEach((action, i) => problems.checkUnique(`${path}[${i}]`, action, `${i}`, seen, () => `"${action}" is listed twice`));
  if (enforcement.includes('Deny') && enforcement.includes('Warn')) {
    problems.add(path, 'Deny and Warn exclude each other (the API server refuses the binding)');
  }
}
