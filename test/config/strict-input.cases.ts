import { EnvironmentDefinition, EnvironmentOverrides, deriveEnvironment, derivationOf } from '../../lib/config';
import { dev } from '../../stacks/environments/dev';
import { gpuLab } from '../../stacks/environments/gpu-lab';
import { prod } from '../../stacks/environments/prod';

/**
 * Bad inputs a person types into `stacks/environments/`, each with every message it must produce, exactly.
 * Each case replaces one built-in environment (by name) in the list `npm run synth` gets.
 */
export interface StrictInputCase {
  /** The mistake, as a test name. */
  readonly what: string;
  /** The environment (or environments) replacing the built-in ones of the same name. */
  readonly environment: EnvironmentDefinition | readonly EnvironmentDefinition[];
  /** Every problem `npm run synth` must print, in order, exactly. */
  readonly messages: readonly string[];
}

type Loose = Record<string, unknown>;

const withQueue = (env: EnvironmentDefinition, name: string, change: Loose): EnvironmentDefinition =>
  ({ ...env, queues: env.queues.map((q) => (q.name === name ? { ...q, ...change } : q)) }) as EnvironmentDefinition;
const withTenant = (env: EnvironmentDefinition, name: string, change: Loose): EnvironmentDefinition =>
  ({ ...env, tenants: env.tenants.map((t) => (t.name === name ? { ...t, ...change } : t)) }) as EnvironmentDefinition;
const withQuota = (env: EnvironmentDefinition, name: string, quota: Loose): EnvironmentDefinition =>
  withTenant(env, name, { quota: { ...env.tenants.find((t) => t.name === name)!.quota, ...quota } });
const withRelease = (env: EnvironmentDefinition, release: Loose): EnvironmentDefinition => ({ ...env, release: { ...env.release, ...release } } as EnvironmentDefinition);
const withAdmission = (env: EnvironmentDefinition, admission: Loose): EnvironmentDefinition => ({ ...env, admission: { ...env.admission, ...admission } } as EnvironmentDefinition);
const withObservability = (env: EnvironmentDefinition, observability: Loose): EnvironmentDefinition =>
  ({ ...env, observability: { ...env.observability, ...observability } } as EnvironmentDefinition);
/** The first class of the environment's first workload scenario, changed. */
const withFirstWorkloadClass = (env: EnvironmentDefinition, change: Loose): EnvironmentDefinition => {
  const [first, ...others] = env.workload!.scenarios;
  const [declared, ...rest] = first.classes;
  return { ...env, workload: { ...env.workload, scenarios: [{ ...first, classes: [{ ...declared, ...change }, ...rest] }, ...others] } } as EnvironmentDefinition;
};
const scheduler = prod.release!.scheduler!;
const prodSlas = prod.observability!.schedulingSlas!;

/** `dev` as `stacks/environments/dev.ts` derives it, with its overrides changed. */
const devWith = (change: (overrides: EnvironmentOverrides) => Loose, base = prod): EnvironmentDefinition =>
  deriveEnvironment(base, change(derivationOf(dev)!.overrides) as unknown as EnvironmentOverrides);

const ADD_TO_SLA = 'is covered by no scheduling SLA: add it to the queues of an observability.schedulingSlas entry, or list it in observability.queuesWithoutSla if nobody waits on it';
const QUOTA_RULE = 'is not a ResourceQuota resource: a standard name (requests.cpu, limits.memory, pods, ...), count/<resource>[.<group>], or requests.<domain>/<name> for an extended resource';
const QUEUE_RESOURCE_RULE = 'is not a resource Volcano queues are planned in: cpu, memory, ephemeral-storage, pods, or an extended resource with its domain such as nvidia.com/gpu';

export const STRICT_INPUT_CASES: readonly StrictInputCase[] = [
  // 1. Unknown keys, at every level, with what was probably meant.
  { what: 'enable for enabled on a disabled queue', environment: withQueue(prod, 'analytics', { enable: false }),
    messages: ['prod: queues[2] (analytics).enable: unknown field; did you mean "enabled"?'] },
  { what: 'a typo in prod.ts is reported once, on prod, though dev derives from it',
    environment: [withQueue(prod, 'analytics', { enable: false })].flatMap((broken) => [broken, devWith((o) => ({ ...o }), broken)]),
    messages: ['prod: queues[2] (analytics).enable: unknown field; did you mean "enabled"?'] },
  { what: 'a typo in prod.ts\'s admission is reported once, on prod, though dev copies the admission into its overrides',
    environment: [withAdmission(prod, { maxRetry: undefined, maxRetrys: 1 })].flatMap((broken) => [
      broken,
      devWith((o) => ({ ...o, admission: { ...broken.admission, enforcement: ['Warn', 'Audit'], volcanoSchedulerEnabled: true } }), broken),
    ]),
    messages: ['prod: admission.maxRetrys: unknown field; did you mean "maxRetry"?'] },
  { what: 'a typo in dev\'s own admission override is reported on dev',
    environment: devWith((o) => ({ ...o, admission: { ...o.admission, maxRetrys: 1 } })),
    messages: ['dev: overrides.admission.maxRetrys: unknown field; did you mean "maxRetry"?'] },
  { what: 'a typo in a queue of prod.ts that dev copies into its queue override is reported once, on prod',
    environment: [withQueue(prod, 'batch', { enable: true })].flatMap((broken) => [
      broken,
      devWith((o) => ({ ...o, queues: { ...o.queues, batch: { ...(o.queues as Loose).batch as Loose, enable: true } } }), broken),
    ]),
    messages: ['prod: queues[1] (batch).enable: unknown field; did you mean "enabled"?'] },
  { what: 'capabilty on a lab queue', environment: withQueue(gpuLab, 'lab-vision', { capabilty: { 'nvidia.com/gpu': '8' } }),
    messages: ['gpu-lab: queues[1] (lab-vision).capabilty: unknown field; did you mean "capability"?'] },
  { what: 'a misspelt top-level field', environment: { ...prod, kubernetesVersoin: '1.31' } as unknown as EnvironmentDefinition,
    messages: ['prod: kubernetesVersoin: unknown field; did you mean "kubernetesVersion"?'] },
  { what: 'a tenant field in the singular', environment: withTenant(prod, 'marketing-campaigns', { priorityClass: ['volcano-low'] }),
    messages: ['prod: tenants[1] (marketing-campaigns).priorityClass: unknown field; did you mean "priorityClasses"?'] },
  { what: 'container defaults with limits for limit', environment: { ...prod, defaultContainerDefaults: { request: { cpu: '100m' }, limits: { cpu: '1' } } } as unknown as EnvironmentDefinition,
    messages: [
      'prod: defaultContainerDefaults.limits: unknown field; did you mean "limit"?',
      'prod: defaultContainerDefaults.limit: is required: the default limits, a map of resource name to quantity',
    ] },
  { what: 'a misspelt priority class field', environment: { ...prod, priorityClasses: [{ name: 'volcano-low', value: 100, description: 'l', preemptonPolicy: 'Never' }] } as unknown as EnvironmentDefinition,
    messages: ['prod: priorityClasses[0] (volcano-low).preemptonPolicy: unknown field; did you mean "preemptionPolicy"?'] },
  { what: 'replica for replicas', environment: withRelease(prod, { components: { ...prod.release!.components, scheduler: { replica: 3 } } }),
    messages: ['prod: release.components.scheduler.replica: unknown field; did you mean "replicas"?'] },
  { what: 'a misspelt component', environment: withRelease(prod, { components: { schedular: { replicas: 2 } } }),
    messages: ['prod: release.components.schedular: unknown field; did you mean "scheduler"?'] },
  { what: 'preemtion for preemption', environment: withRelease(prod, { scheduler: { ...scheduler, preemption: undefined, preemtion: true } }),
    messages: ['prod: release.scheduler.preemtion: unknown field; did you mean "preemption"?'] },
  { what: 'numaaware for numaAware', environment: withRelease(gpuLab, { scheduler: { gpu: { deviceshare: 'gpu-sharing', numaaware: true } } }),
    messages: ['gpu-lab: release.scheduler.gpu.numaaware: unknown field; did you mean "numaAware"?'] },
  { what: 'scop for scope', environment: withRelease(prod, { admission: { ...prod.release!.admission, namespaces: { scop: 'tenants' } } }),
    messages: ['prod: release.admission.namespaces.scop: unknown field; did you mean "scope"?'] },
  { what: 'a misspelt toleration field', environment: withRelease(prod, { components: { controller: { replicas: 2, tolerations: [{ key: 'infra', operater: 'Exists' }] } } }),
    messages: ['prod: release.components.controller.tolerations[0].operater: unknown field; did you mean "operator"?'] },
  { what: 'maxRetries for maxRetry', environment: withAdmission(prod, { maxRetry: undefined, maxRetries: 1 }),
    messages: ['prod: admission.maxRetries: unknown field; did you mean "maxRetry"?'] },
  { what: 'an unknown admission policy', environment: withAdmission(prod, { policies: { 'gpu-queue': ['Warn', 'Audit'] } }),
    messages: ['prod: admission.policies.gpu-queue: unknown policy "gpu-queue"; did you mean "gpu-queues"?'] },
  { what: 'user for users in the exemptions', environment: withAdmission(prod, { exemptions: { user: ['jane@example.com'] } }),
    messages: ['prod: admission.exemptions.user: unknown field; did you mean "users"?'] },
  { what: 'grafanaURL for grafanaUrl', environment: withObservability(prod, { grafanaUrl: undefined, grafanaURL: 'https://grafana.example.com' }),
    messages: ['prod: observability.grafanaURL: unknown field; did you mean "grafanaUrl"?'] },
  { what: 'a misspelt alert threshold', environment: withObservability(prod, { alerts: { queueBacklog: { pendingPodgroups: 10, for: '30m' } } }),
    messages: [
      'prod: observability.alerts.queueBacklog.pendingPodgroups: unknown field; did you mean "pendingPodGroups"?',
      'prod: observability.alerts.queueBacklog.pendingPodGroups: is required: the alert\'s settings replace its default whole (default: 20)',
    ] },
  { what: 'a misspelt alert', environment: withObservability(prod, { alerts: { queueBacklogg: { pendingPodGroups: 10, for: '30m' } } }),
    messages: ['prod: observability.alerts.queueBacklogg: unknown alert "queueBacklogg"; did you mean "queueBacklog"?'] },
  { what: 'serverity in an SLA', environment: withObservability(prod, { schedulingSlas: [{ ...prodSlas[0], severity: undefined, serverity: 'critical' }, prodSlas[1]] }),
    messages: [
      'prod: observability.schedulingSlas[0] (interactive).serverity: unknown field; did you mean "severity"?',
      'prod: observability.schedulingSlas[0] (interactive).severity: is required: critical, warning or info',
    ] },
  { what: 'a misspelt Grafana folder annotation field', environment: withObservability(gpuLab, { grafana: { namespace: 'monitoring', folderAnnotation: { key: 'grafana_folder', vlaue: 'GPU' } } }),
    messages: [
      'gpu-lab: observability.grafana.folderAnnotation.vlaue: unknown field; did you mean "value"?',
      'gpu-lab: observability.grafana.folderAnnotation.value: is required: a string',
    ] },
  { what: 'a run time with a mean and a max', environment: withFirstWorkloadClass(prod, { runTime: { mean: '1m', max: '90m' } }),
    messages: ['prod: workload.scenarios[0] (typical).classes[0] (session-start).runTime.max: unknown field of { mean }: { mean } or { min, max } are alternatives, write one of them'] },
  { what: 'mx for max in a gang range', environment: withFirstWorkloadClass(prod, { gang: { min: 3, max: 5, mx: 50 } }),
    messages: ['prod: workload.scenarios[0] (typical).classes[0] (session-start).gang.mx: unknown field of { min, max }; did you mean "max"?'] },

  // 1. Enumerated values and scalar types: one problem each, with a suggestion.
  { what: 'capacty for capacity', environment: { ...gpuLab, sharingPolicy: 'capacty' } as unknown as EnvironmentDefinition,
    messages: ['gpu-lab: sharingPolicy: "capacty" is not a sharing policy; did you mean "capacity"?'] },
  { what: 'a misspelt Pod Security level', environment: withTenant(gpuLab, 'lab-nlp', { podSecurity: 'baselin' }),
    messages: ['gpu-lab: tenants[1] (lab-nlp).podSecurity: "baselin" is not a Pod Security level; did you mean "baseline"?'] },
  { what: 'a preemption policy in lower case', environment: { ...prod, priorityClasses: [{ name: 'volcano-low', value: 100, description: 'l', preemptionPolicy: 'never' }] } as unknown as EnvironmentDefinition,
    messages: ['prod: priorityClasses[0] (volcano-low).preemptionPolicy: "never" is not a preemption policy; did you mean "Never"?'] },
  { what: 'require for required anti-affinity', environment: withRelease(prod, { components: { controller: { replicas: 2, antiAffinity: 'require' } } }),
    messages: ['prod: release.components.controller.antiAffinity: "require" is not an anti-affinity mode; did you mean "required"?'] },
  { what: 'a misspelt validation action', environment: withAdmission(prod, { enforcement: ['Deny', 'Adit'] }),
    messages: ['prod: admission.enforcement[1]: "Adit" is not a validation action; did you mean "Audit"?'] },
  { what: 'a misspelt SLA severity', environment: withObservability(prod, { schedulingSlas: [prodSlas[0], { ...prodSlas[1], severity: 'warnng' }] }),
    messages: ['prod: observability.schedulingSlas[1] (batch).severity: "warnng" is not an alert severity; did you mean "warning"?'] },
  { what: 'a misspelt deviceshare mode', environment: withRelease(gpuLab, { scheduler: { gpu: { deviceshare: 'gpu-sharng' } } }),
    messages: ['gpu-lab: release.scheduler.gpu.deviceshare: "gpu-sharng" is not a deviceshare mode; did you mean "gpu-sharing"?'] },
  { what: 'enabled as the string "false" (which would open the queue)', environment: withQueue(prod, 'analytics', { enabled: 'false' }),
    messages: ['prod: queues[2] (analytics).enabled: must be true or false, got "false"'] },
  { what: 'a weight written as a string', environment: withQueue(prod, 'batch', { weight: '2' }),
    messages: ['prod: queues[1] (batch).weight: must be a number, got "2"'] },
  { what: 'a Kubernetes version written as a number', environment: { ...prod, kubernetesVersion: 1.30 } as unknown as EnvironmentDefinition,
    messages: ['prod: kubernetesVersion: must be a string, got 1.3'] },
  { what: 'a queue written as its name', environment: { ...prod, queues: [prod.queues[0], 'batch'] } as unknown as EnvironmentDefinition,
    messages: ['prod: queues[1]: must be a queue definition, got "batch"'] },

  // 3. Overrides are validated like everything else.
  { what: 'bach: in dev\'s overrides', environment: devWith((o) => ({ ...o, queues: { ...o.queues, bach: { guarantee: { cpu: '4', memory: '8Gi' } } } })),
    messages: ['dev: overrides.queues.bach: the base environment has no queue "bach"; did you mean "batch"?'] },
  { what: 'dev still overrides a tenant the base renamed', environment: devWith((o) => ({ ...o }), withTenant(prod, 'data-science', { name: 'data-platform' })),
    messages: ['dev: overrides.tenants.data-science: the base environment has no tenant "data-science"; known: agent-runtime, marketing-campaigns, data-platform, workflows'] },
  { what: 'a misspelt field in a queue override', environment: devWith((o) => ({ ...o, queues: { ...o.queues, batch: { guarante: { cpu: '4', memory: '8Gi' } } } })),
    messages: ['dev: overrides.queues.batch.guarante: unknown field; did you mean "guarantee"?'] },
  { what: 'a misspelt top-level override', environment: devWith((o) => ({ ...o, capacity: undefined, capacty: { cpu: '16', memory: '64Gi' } })),
    messages: ['dev: overrides.capacty: unknown field; did you mean "capacity"?'] },
  { what: 'an override renaming a queue', environment: devWith((o) => ({ ...o, queues: { ...o.queues, batch: { name: 'batch-dev' } } })),
    messages: ['dev: overrides.queues.batch.name: cannot be changed by an override: rename the queue in the base environment, and its overrides with it'] },

  // 4. Resource names follow Kubernetes' own rules.
  { what: 'request.cpu in a quota', environment: withQuota(prod, 'agent-runtime', { 'request.cpu': '40' }),
    messages: [`prod: tenants[0] (agent-runtime).quota.request.cpu: ${QUOTA_RULE}; did you mean "requests.cpu"?`] },
  { what: 'requests.gpu in a quota', environment: withQuota(gpuLab, 'lab-nlp', { 'requests.gpu': '4' }),
    messages: [`gpu-lab: tenants[1] (lab-nlp).quota.requests.gpu: ${QUOTA_RULE}; did you mean "requests.nvidia.com/gpu"?`] },
  { what: 'limits.nvidia.com/gpu in a quota', environment: withQuota(gpuLab, 'lab-nlp', { 'limits.nvidia.com/gpu': '4' }),
    messages: ['gpu-lab: tenants[1] (lab-nlp).quota.limits.nvidia.com/gpu: Kubernetes quotas extended resources only as requests.nvidia.com/gpu (limits are not supported for them); did you mean "requests.nvidia.com/gpu"?'] },
  { what: 'a bare nvidia.com/gpu in a quota', environment: withQuota(gpuLab, 'lab-robotics', { 'nvidia.com/gpu': '4' }),
    messages: ['gpu-lab: tenants[2] (lab-robotics).quota.nvidia.com/gpu: a bare extended resource in a quota constrains nothing; did you mean "requests.nvidia.com/gpu"?'] },
  { what: 'an empty object count', environment: withQuota(prod, 'agent-runtime', { 'count/': '10' }),
    messages: ['prod: tenants[0] (agent-runtime).quota.count/: must be count/<resource> or count/<resource>.<group>, e.g. count/jobs.batch.volcano.sh'] },
  { what: 'gpu without its domain in a queue', environment: withQueue(gpuLab, 'lab-robotics', { capability: { cpu: '96', memory: '384Gi', gpu: '12' } }),
    messages: [`gpu-lab: queues[3] (lab-robotics).capability.gpu: ${QUEUE_RESOURCE_RULE}; did you mean "nvidia.com/gpu"?`] },
  { what: 'a quota name in a queue guarantee', environment: withQueue(prod, 'batch', { guarantee: { 'requests.cpu': '16', memory: '32Gi' } }),
    messages: [`prod: queues[1] (batch).guarantee.requests.cpu: ${QUEUE_RESOURCE_RULE}; did you mean "cpu"?`] },
  { what: 'a misspelt capacity resource', environment: { ...prod, capacity: { cpu: '96', memroy: '384Gi' } },
    messages: [
      `prod: capacity.memroy: ${QUEUE_RESOURCE_RULE}; did you mean "memory"?`,
      'prod: capacity.memory: is required: the platform plans queues against it',
    ] },
  { what: 'a misspelt resource of a Volcano component', environment: withRelease(prod, { components: { ...prod.release!.components, controller: { replicas: 2, resources: { requests: { cpu: '250m', memroy: '256Mi' } } } } }),
    messages: ['prod: release.components.controller.resources.requests.memroy: is not a container resource: cpu, memory, ephemeral-storage, or an extended resource with its domain such as nvidia.com/gpu; did you mean "memory"?'] },
  { what: 'pods as a container default', environment: withTenant(prod, 'data-science', { containerDefaults: { request: { cpu: '100m', pods: '1' }, limit: { cpu: '1' } } }),
    messages: ['prod: tenants[2] (data-science).containerDefaults.request.pods: is not a container resource: cpu, memory, ephemeral-storage, or an extended resource with its domain such as nvidia.com/gpu'] },
  { what: 'half a GPU in a queue', environment: withQueue(gpuLab, 'lab-nlp', { guarantee: { cpu: '32', memory: '128Gi', 'nvidia.com/gpu': '5.5' } }),
    messages: ['gpu-lab: queues[2] (lab-nlp).guarantee.nvidia.com/gpu: 5.5 must be a whole number: nvidia.com/gpu is counted in whole units'] },
  { what: 'GPUs in millis in a quota', environment: withQuota(gpuLab, 'lab-vision', { 'requests.nvidia.com/gpu': '500m' }),
    messages: ['gpu-lab: tenants[0] (lab-vision).quota.requests.nvidia.com/gpu: 500m must be a whole number: requests.nvidia.com/gpu is counted in whole units'] },
  { what: 'a GPU quota of 100 on a 32-GPU cluster', environment: withQuota(gpuLab, 'lab-vision', { 'requests.nvidia.com/gpu': '100' }),
    messages: ['gpu-lab: tenants[0] (lab-vision).quota.requests.nvidia.com/gpu: 100 exceeds the cluster capacity 32 (capacity.nvidia.com/gpu); a quota above the whole cluster is almost always a typo'] },
  { what: 'a GPU guarantee on a disabled queue of a cluster without GPUs', environment: withQueue(prod, 'analytics', { guarantee: { cpu: '32', memory: '64Gi', 'nvidia.com/gpu': '2' } }),
    messages: ['prod: queues[2] (analytics).guarantee.nvidia.com/gpu: the cluster capacity declares no nvidia.com/gpu'] },
  { what: 'a GPU guarantee on an enabled queue of a cluster without GPUs', environment: withQueue(prod, 'batch', { guarantee: { cpu: '16', memory: '32Gi', 'nvidia.com/gpu': '2' } }),
    messages: ['prod: queues[1] (batch).guarantee.nvidia.com/gpu: the cluster capacity declares no nvidia.com/gpu'] },
  { what: 'a child queue deserving GPU memory the cluster does not declare', environment: withQueue(gpuLab, 'lab-nlp', { deserved: { ...gpuLab.queues.find((q) => q.name === 'lab-nlp')!.deserved, 'volcano.sh/gpu-memory': '1024' } }),
    messages: ['gpu-lab: queues[2] (lab-nlp).deserved.volcano.sh/gpu-memory: the cluster capacity declares no volcano.sh/gpu-memory'] },
  { what: 'a GPU quota on a cluster without GPUs', environment: withQuota(prod, 'data-science', { 'requests.nvidia.com/gpu': '4' }),
    messages: ['prod: tenants[2] (data-science).quota.requests.nvidia.com/gpu: the cluster capacity declares no nvidia.com/gpu'] },
  { what: 'a cpu quota ten times the cluster', environment: withQuota(prod, 'marketing-campaigns', { 'requests.cpu': '320' }),
    messages: ['prod: tenants[1] (marketing-campaigns).quota.requests.cpu: 320 exceeds the cluster capacity 96 (capacity.cpu); a quota above the whole cluster is almost always a typo'] },

  // 5. One place per fact.
  { what: 'GPU queues listed by hand', environment: withAdmission(gpuLab, { gpuQueues: ['lab-vision', 'lab-nlp', 'lab-robotics'] }),
    messages: ['gpu-lab: admission.gpuQueues: is no longer set by hand: a leaf queue is a GPU queue when its own guarantee, deserved or capability gives a GPU resource (nvidia.com/gpu, volcano.sh/gpu-memory, volcano.sh/gpu-number) above zero; remove this line'] },
  { what: 'a new queue nobody watches', environment: { ...prod, queues: [...prod.queues, { name: 'evaluations', description: 'e', guarantee: { cpu: '4', memory: '8Gi' } }] },
    messages: [`prod: queues[3] (evaluations): ${ADD_TO_SLA}`] },
  { what: 'the analytics queue opened without an SLA', environment: withQueue(prod, 'analytics', { enabled: true }),
    messages: [`prod: queues[2] (analytics): ${ADD_TO_SLA}`] },
  { what: 'a queue both watched and said to be unwatched', environment: withObservability(prod, { queuesWithoutSla: ['batch'] }),
    messages: ['prod: observability.queuesWithoutSla[0]: queue "batch" is covered by a scheduling SLA; remove it here or from the SLA'] },
  { what: 'a misspelt queue without an SLA', environment: withObservability(prod, { queuesWithoutSla: ['analytcs'] }),
    messages: ['prod: observability.queuesWithoutSla[0]: unknown queue "analytcs"; did you mean "analytics"?'] },

  // Whole-tree problems are reported alone: a queue on a parent cycle inherits no limit from around it.
  { what: 'a parent cycle through the labs\' parent', environment: withQueue(gpuLab, 'labs', { parent: 'lab-vision' }),
    messages: [
      'gpu-lab: queues[0] (labs).parent: cycle labs -> lab-vision -> labs',
      'gpu-lab: queues[1] (lab-vision).parent: cycle lab-vision -> labs -> lab-vision',
      'gpu-lab: tenants[0] (lab-vision).queues[0]: queue "lab-vision" has child queues; Volcano only admits work to leaf queues',
    ] },

  // 6. A tenant is a namespace of its own, with classes and queues it can use.
  { what: 'a tenant in the Prometheus namespace', environment: withTenant(prod, 'workflows', { name: 'monitoring' }),
    messages: ['prod: tenants[3] (monitoring).name: "monitoring" is the Prometheus namespace (observability.prometheusNamespace) and cannot be a tenant'] },
  { what: 'a tenant in the namespace of Prometheus and the Grafana dashboards', environment: withTenant(gpuLab, 'lab-vision', { name: 'monitoring' }),
    messages: [
      'gpu-lab: tenants[0] (monitoring).name: "monitoring" is the Prometheus namespace (observability.prometheusNamespace) and the Grafana dashboards\' namespace (observability.grafana.namespace) and cannot be a tenant',
      // The rename leaves the workload naming the old tenant: reported in the same run.
      'gpu-lab: workload.scenarios[0] (typical).classes[0] (lab-vision-training).tenant: tenant "lab-vision" does not exist; known: monitoring, lab-nlp, lab-robotics, teaching',
      'gpu-lab: workload.scenarios[1] (deadline).classes[0] (lab-vision-training).tenant: tenant "lab-vision" does not exist; known: monitoring, lab-nlp, lab-robotics, teaching',
    ] },
  { what: 'a tenant in the Grafana dashboards\' namespace', environment: withTenant(withObservability(prod, { grafana: { namespace: 'dashboards' } }), 'workflows', { name: 'dashboards' }),
    messages: ['prod: tenants[3] (dashboards).name: "dashboards" is the Grafana dashboards\' namespace (observability.grafana.namespace) and cannot be a tenant'] },
  { what: 'a priority class listed twice', environment: withTenant(prod, 'marketing-campaigns', { priorityClasses: ['volcano-normal', 'volcano-normal'] }),
    messages: ['prod: tenants[1] (marketing-campaigns).priorityClasses[1]: priority class "volcano-normal" is listed twice (also priorityClasses[0])'] },
  { what: 'a tenant whose only queue is disabled', environment: withTenant(prod, 'data-science', { queues: ['analytics'] }),
    messages: ['prod: tenants[2] (data-science).queues: every queue it lists is disabled (analytics): the tenant could submit nowhere; enable one, or add an enabled queue'] },
  { what: 'a tenant whose only queue is disabled, and misspelt', environment: withTenant(prod, 'data-science', { queues: ['analytcs'] }),
    messages: ['prod: tenants[2] (data-science).queues[0]: queue "analytcs" does not exist; did you mean "analytics"?'] },
  { what: 'a tenant whose only priority class its queue refuses', environment: withTenant(prod, 'workflows', { priorityClasses: ['volcano-critical'] }),
    messages: ['prod: tenants[3] (workflows).priorityClasses: none is admitted by its queue "batch", which admits volcano-normal, volcano-low (admission.priorityClassesByQueue.batch); add one of those'] },
  { what: 'a queue admitting no priority class', environment: withAdmission(prod, { priorityClassesByQueue: { ...prod.admission!.priorityClassesByQueue, interactive: [] } }),
    messages: ['prod: tenants[0] (agent-runtime).priorityClasses: none is admitted by its queue "interactive", which admits no class (admission.priorityClassesByQueue.interactive)'] },
  { what: 'a tenant in the release namespace', environment: withTenant(prod, 'workflows', { name: 'volcano-system' }),
    messages: ['prod: tenants[3] (volcano-system).name: "volcano-system" is the Volcano release\'s namespace (release.namespace) and cannot be a tenant'] },
];
