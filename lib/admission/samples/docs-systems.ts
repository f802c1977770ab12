import { stringify } from 'yaml';
import { allowedQueues } from '../../config/allowed-queues';
import { ResolvedEnvironment } from '../../config/model';
import { integrationSettings } from '../integration';
import { DEFAULT_MAX_RETRY } from '../settings';
import { ARGO_EXECUTOR } from './argo';
import { INTERACTIVE_SLA, numaAware } from './common';

/** One system the platform serves, as the "Submitting work" page presents it. */
export interface SubmittingSystem {
  /** Section heading. */
  readonly title: string;
  /** The environment whose samples and settings the section shows. */
  readonly environment: string;
  /** Samples shown in full, by name; each one's `denial` is shown with it. */
  readonly samples: readonly string[];
  /** What the system is and how it submits. */
  readonly intro: (env: ResolvedEnvironment) => string;
  /** Rows of field, value in this environment, and why it matters. */
  readonly fields: (env: ResolvedEnvironment) => Array<[string, string, string]>;
  /** Anything else an operator needs, after the samples; `all` is every environment. */
  readonly notes?: (env: ResolvedEnvironment, all: readonly ResolvedEnvironment[]) => string;
}

const code = (values: readonly string[]) => (values.length === 0 ? 'none' : values.map((v) => `\`${v}\``).join(', '));
const tenantQueues = (env: ResolvedEnvironment, names: readonly string[]) =>
  env.tenants.filter((t) => names.includes(t.name)).map((t) => `${t.name}: ${code(allowedQueues(env, t))}`).join('; ');
const classesByQueue = (env: ResolvedEnvironment, queues: readonly string[]) =>
  queues.map((q) => `${q}: ${code(env.admission.priorityClassesByQueue[q] ?? [])}`).join('; ');
/** What an unset maxRetry means in the environment: Volcano's job webhook makes it 3. */
const retriesUnset = (env: ResolvedEnvironment) => (env.admission.maxRetry < DEFAULT_MAX_RETRY
  ? `; set both: Volcano fills in ${DEFAULT_MAX_RETRY} for each one left out`
  : `; one left out is Volcano's ${DEFAULT_MAX_RETRY}`);
const tenantsOf = (env: ResolvedEnvironment, queue: string) => env.tenants.filter((t) => allowedQueues(env, t).includes(queue)).map((t) => t.name);

const agentPlatform: SubmittingSystem = {
  title: 'The agent platform: jobs launched by Temporal workers',
  environment: 'prod',
  samples: ['campaign-phase'],
  intro: (env) => 'Temporal workers submit Volcano Jobs (gangs of tasks), PodGroups with pods, or plain Deployments scheduled by Volcano. '
    + 'A worker submits to Volcano only where `ENABLE_VOLCANO_SCHEDULER` is `true` (the environment\'s `admission.volcanoSchedulerEnabled`; '
    + `here: \`${env.admission.volcanoSchedulerEnabled}\`). `
    + `The other samples of this system are in \`examples/${env.name}/\`: session-start (PodGroup and pod), agent-directive (a gang with the svc plugin) and `
    + 'dispatch-workers (a Deployment).',
  fields: (env) => [
    ['`spec.schedulerName`', '`volcano`', 'Queues, gangs and preemption happen in the Volcano scheduler only.'],
    ['`spec.queue`', tenantQueues(env, ['agent-runtime', 'marketing-campaigns']), 'A queue is a share of the cluster; another team\'s queue spends their guarantee.'],
    ['`spec.priorityClassName`', classesByQueue(env, ['interactive', 'batch']), 'Priority decides who preempts whom; batch never outranks interactive.'],
    ['`spec.minAvailable`', 'at most the sum of the tasks\' replicas', 'The gang starts only when this many pods fit at once.'],
    ['`spec.maxRetry`, `spec.tasks[*].maxRetry`', `at most ${env.admission.maxRetry} (\`VOLCANO_MAX_RETRY\`)${retriesUnset(env)}`,
      'Temporal retries the activity itself; Volcano retries would multiply.'],
    [`annotation \`${Object.keys(INTERACTIVE_SLA)[0]}\``, `\`${Object.values(INTERACTIVE_SLA)[0]}\` on interactive Jobs and PodGroups only`,
      'Volcano\'s sla plugin pushes an overdue job past its queue\'s limits: batch must never carry it.'],
  ],
};

const argo: SubmittingSystem = {
  title: 'The workflow service: Argo Workflows',
  environment: 'prod',
  samples: ['report-pipeline'],
  intro: (env) => 'Users submit a Workflow; Argo\'s workflow controller creates one pod per step in the workflow\'s namespace, and those pods '
    + 'are what the policies judge. Put everything Volcano needs into the WorkflowTemplate, so a submission is only a reference to it '
    + `(\`kubectl create -f\`, or \`argo submit --from workflowtemplate/report-pipeline -n workflows\`). Tenants on queue \`batch\` here: ${code(tenantsOf(env, 'batch'))}; `
    + 'a project that needs its own share gets its own tenant and queue in `stacks/environments/<env>.ts`.',
  fields: (env) => {
    const tenant = env.tenants.find((t) => t.name === 'workflows');
    const defaults = tenant === undefined ? 'the LimitRange defaults'
      : Object.entries(tenant.containerDefaults.request).map(([r, q]) => `${r} ${q}`).join(', ') + ' each';
    return [
      ['`spec.schedulerName` (or a template\'s `schedulerName`)', '`volcano`', 'Without it the pods go to the default scheduler: no queue, no gang, no policy.'],
      ['`spec.podMetadata.annotations["scheduling.volcano.sh/queue-name"]`', tenant ? code(allowedQueues(env, tenant)) : 'none',
        'Volcano builds one PodGroup per run from its first pod, so set the queue workflow-wide; every pod is checked.'],
      ['`spec.podPriorityClassName`', tenant ? code(tenant.priorityClasses) : 'none', 'Same: the run\'s PodGroup takes the first pod\'s class.'],
      ['`templates[].container.resources.requests`', 'cpu and memory', 'The PodGroup\'s size is the first pod\'s requests.'],
      ['`templates[].container.command`', 'set explicitly', 'Otherwise Argo\'s emissary executor looks the entrypoint up in the image registry.'],
      ['the controller\'s `executor` settings', 'see below', `Argo adds \`init\` and \`wait\` to every pod; without settings they request ${defaults} from the LimitRange.`],
      ['`templates[].retryStrategy.limit`', `at most ${env.admission.maxRetry}`, 'Each retry is a new pod; keep it within the platform\'s retry limit.'],
    ];
  },
  notes: () => '### What the Argo installation must do\n\n'
    + 'The workflow controller\'s ConfigMap sets the image, resources and security context of the `init` and `wait` containers. Use '
    + 'Argo\'s `-nonroot` executor image (user 8737; the default image is kept root for compatibility). These are the settings the tests '
    + 'admit the sample\'s pods with, and what the `restricted` Pod Security level of the agent platform\'s namespaces needs:\n\n'
    + `\`\`\`yaml\n${stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'workflow-controller-configmap', namespace: 'argo' }, data: { executor: stringify(ARGO_EXECUTOR) } }, { lineWidth: 0 })}\`\`\`\n\n`
    + '- Never add the controller\'s service account, or its namespace\'s group, to `admission.exemptions`: it creates every workflow pod, '
    + 'so exempting it exempts every tenant\'s Argo work.\n'
    + '- Pods run as the workflow\'s `serviceAccountName` (`default` if unset), which needs the executor permissions Argo documents '
    + '(writing `workflowtaskresults`).\n'
    + '- One PodGroup per run, `minMember` 1: Volcano\'s PodGroup controller names it after the pod\'s owner, the Workflow, so steps are '
    + 'scheduled one pod at a time, never as a gang. Work whose pods must start together belongs in a Volcano Job (create it from a '
    + '`resource` template). To size the group yourself, create a PodGroup first and name it in '
    + '`podMetadata.annotations["scheduling.k8s.io/group-name"]`: the PodGroup\'s queue then counts, checked when the PodGroup is written.\n'
    + '- A denied pod is not retried as a transient error: the step goes to `Error` with the API server\'s message (see `argo get`), and a '
    + '`retryStrategy` with `retryPolicy: OnError` or `Always` tries again, denied the same way. An exceeded ResourceQuota is different: the '
    + 'step stays `Pending` until there is room.\n'
    + '- Where the policies only warn (dev), the warnings go to the Argo controller (its log), not to the user; the `Audit` action also '
    + 'records them in the API server\'s audit log.\n',
};

const gpuCluster: SubmittingSystem = {
  title: 'The university GPU cluster: inference and fine-tuning',
  environment: 'gpu-lab',
  samples: ['llm-inference', 'llm-fine-tuning'],
  intro: (env) => 'Each lab has a namespace and a queue of its own under `labs`; it may borrow idle GPUs up to its queue\'s capability, and '
    + 'gives them back when the owning lab needs them (its pods are then evicted: `PodEvicted: RestartJob` queues the job again). '
    + `Distributed PyTorch training is in \`examples/${env.name}/pytorch-training.yaml\`.`,
  fields: (env) => [
    ['`spec.queue`', tenantQueues(env, env.tenants.map((t) => t.name)), 'Your lab\'s share; another lab\'s queue is refused.'],
    ['`resources["nvidia.com/gpu"]`', `only in GPU queues: ${code(env.admission.gpuQueues)}`, 'Only those queues have GPU guarantees planned.'],
    ['`resources.requests.cpu`, `.memory`', 'on every container', 'Volcano sizes the gang from them; GPU-only limits are refused.'],
    ['`spec.minAvailable`', 'every rank of a training job', 'A partial torchrun group holds GPUs and does nothing.'],
    ['`spec.plugins.svc`', '`[]`; `["--disable-network-policy=true"]` for servers', 'A headless Service named after the job and `/etc/volcano/<task>.host` files; '
      + 'its NetworkPolicy admits only the job\'s own pods.'],
    ['`spec.plugins.env`', '`[]`', '`VC_TASK_INDEX` in each pod: the node rank of a worker is that index plus one.'],
    ['`spec.tasks[].topologyPolicy`', numaAware(env) ? '`single-numa-node` for latency-bound serving' : 'leave it out (no `numa-aware` here)',
      'NUMA placement by Volcano\'s `numa-aware` plugin; needs whole CPUs.'],
    ['`spec.maxRetry`, `spec.tasks[*].maxRetry`', `at most ${env.admission.maxRetry}${retriesUnset(env)}`, 'Bounded like everywhere.'],
  ],
  notes: (env, all) => '### NUMA-aware placement\n\n'
    + 'An environment enables it with `release.scheduler.gpu.numaAware: true` in `stacks/environments/<env>.ts`, which adds the `numa-aware` plugin to '
    + `the scheduler configuration in \`dist/<env>/00-volcano-release.yaml\` (on now in: ${code(all.filter(numaAware).map((e) => e.name))}). The GPU nodes `
    + 'must publish their NUMA layout as `Numatopology` objects (Volcano\'s resource exporter) and run the kubelet\'s topology manager with a '
    + 'matching policy. A job opts in per task with `topologyPolicy` (`best-effort`, `restricted` or `single-numa-node`; plain pods use the '
    + 'annotation `volcano.sh/numa-topology-policy`). Volcano\'s job webhook refuses a topology policy unless every container requests '
    + 'whole CPUs; requests equal to limits make the pod Guaranteed, which the kubelet\'s CPU manager needs to pin CPUs.\n\n'
    + '### Reaching the inference server\n\n'
    + 'Volcano names each pod `<job>-<task>-<index>`, and the svc plugin makes that its host name under a headless Service named after the '
    + 'job: the sample serves at `http://llm-inference-server-0.llm-inference.lab-nlp.svc:8000/v1`, a name that resolves once the readiness '
    + 'probe passes (the plugin\'s `--publish-not-ready-addresses=true` would publish it earlier). It holds its GPUs until the Job is deleted '
    + `(\`kubectl delete vcjob llm-inference -n lab-nlp\`). \`VOLCANO_ALLOWED_QUEUES\` of lab-nlp: \`${labSetting(env, 'VOLCANO_ALLOWED_QUEUES')}\`.\n`,
};

function labSetting(env: ResolvedEnvironment, key: string): string {
  const tenant = env.tenants.find((t) => t.name === 'lab-nlp');
  return tenant === undefined ? 'n/a' : integrationSettings(env, tenant)[key];
}

/** The systems, in page order. */
export const SYSTEMS: readonly SubmittingSystem[] = [agentPlatform, argo, gpuCluster];
