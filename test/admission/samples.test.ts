import { execFileSync } from 'child_process';
import { App, Chart } from 'cdk8s';
import { renderSamples } from '../../lib/admission/samples';
import { agentDirective } from '../../lib/admission/samples/agent-platform';
import { prepareEnvironments } from '../../lib/config';
import { ResolvedEnvironment } from '../../lib/config/model';
import { renderEnvironment } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';
import { RenderedAdmission, admissionObjects, submitterOf, tenantServiceAccount } from '../support/admission-environment';

type Json = Record<string, any>;
const clone = (o: Json): Json => JSON.parse(JSON.stringify(o));
const isVolcanoJob = (o: Json) => o.apiVersion === 'batch.volcano.sh/v1alpha1' && o.kind === 'Job';
const podSpecs = (o: Json): Json[] => (isVolcanoJob(o) ? o.spec.tasks.map((t: Json) => t.template.spec) : o.kind === 'Pod' ? [o.spec] : []);
/** A pod that names its PodGroup: Volcano takes that PodGroup's queue (checked on the PodGroup), not the pod's annotation. */
const namesPodGroup = (o: Json) => o.kind === 'Pod' && !!o.metadata.annotations?.['scheduling.k8s.io/group-name'];

/** One wrong change to a workload: where it applies and how it breaks the object. */
interface Mutation {
  readonly name: string;
  /** The policy that must catch it. */
  readonly policy: string;
  readonly appliesTo: (o: Json, env: ResolvedEnvironment) => boolean;
  readonly mutate: (o: Json, env: ResolvedEnvironment) => void;
}

const MUTATIONS: readonly Mutation[] = [
  {
    name: 'queue left to Volcano\'s default', policy: 'allowed-queues',
    appliesTo: (o) => isVolcanoJob(o) || o.kind === 'PodGroup' || (o.kind === 'Pod' && !namesPodGroup(o)),
    mutate: (o) => (o.kind === 'Pod' ? delete o.metadata.annotations['scheduling.volcano.sh/queue-name'] : delete o.spec.queue),
  },
  {
    // Only Volcano Jobs: a Pod's missing requests are filled by the namespace's LimitRange before
    // validating policies run (tested below), but a Job's pod templates are not pods and are never defaulted.
    name: 'cpu request removed from the first container', policy: 'resource-requests',
    appliesTo: isVolcanoJob,
    mutate: (o) => delete podSpecs(o)[0].containers[0].resources.requests.cpu,
  },
  {
    name: 'maxRetry one above the limit', policy: 'bounded-retries',
    appliesTo: isVolcanoJob,
    mutate: (o, env) => (o.spec.maxRetry = env.admission.maxRetry + 1),
  },
  {
    // Volcano's job webhook fills in 3 for every task that sets none.
    name: 'the tasks\' maxRetry left out, where the limit is below Volcano\'s default of 3', policy: 'bounded-retries',
    appliesTo: (o, env) => isVolcanoJob(o) && env.admission.maxRetry < 3,
    mutate: (o) => o.spec.tasks.forEach((t: Json) => delete t.maxRetry),
  },
  { name: 'schedulerName default-scheduler', policy: 'volcano-scheduler', appliesTo: isVolcanoJob, mutate: (o) => (o.spec.schedulerName = 'default-scheduler') },
  {
    name: 'minAvailable above all replicas', policy: 'gang-size',
    appliesTo: isVolcanoJob,
    mutate: (o) => (o.spec.minAvailable = o.spec.tasks.reduce((n: number, t: Json) => n + t.replicas, 0) + 1),
  },
  {
    // Pods that name their PodGroup too: the namespace's classes bind the pod's own priority.
    name: 'priority class system-cluster-critical', policy: 'priority-classes',
    appliesTo: (o) => isVolcanoJob(o) || o.kind === 'PodGroup' || o.kind === 'Pod',
    mutate: (o) => (o.spec.priorityClassName = 'system-cluster-critical'),
  },
  {
    // Not for a pod that names its PodGroup: it runs in that PodGroup's queue, which the pod does not show.
    name: 'a GPU outside a GPU queue', policy: 'gpu-queues',
    appliesTo: (o, env) => podSpecs(o).length > 0 && !namesPodGroup(o)
      && !env.admission.gpuQueues.includes(o.spec.queue ?? o.metadata.annotations?.['scheduling.volcano.sh/queue-name']),
    mutate: (o) => (podSpecs(o)[0].containers[0].resources.limits['nvidia.com/gpu'] = '1'),
  },
  {
    name: 'a GPU in minResources outside a GPU queue', policy: 'gpu-queues',
    appliesTo: (o, env) => o.kind === 'PodGroup' && !env.admission.gpuQueues.includes(o.spec.queue),
    mutate: (o) => (o.spec.minResources = { ...o.spec.minResources, 'nvidia.com/gpu': '1' }),
  },
];

const envs = prepareEnvironments(ENVIRONMENTS);
/** The admission requests of a rendered sample's objects. */
const requestsOf = (objects: readonly Json[]): Json[] => objects.flatMap((o) => admissionObjects(o, objects));

describe.each(envs.map((env) => [env.name, env] as const))('sample workloads of %s', (_name, env) => {
  const admission = new RenderedAdmission(renderEnvironment(env).flatMap((m) => m.objects));
  const samples = renderSamples(env);
  const requests = samples.flatMap((s) => requestsOf(s.objects).map((object) => ({ sample: s.sample.name, object })));

  test('there are samples', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  test.each(requests.map((r) => [`${r.sample}: ${r.object.kind} ${r.object.metadata.name ?? r.object.metadata.generateName}`, r.object] as const))(
    '%s is admitted by every policy',
    (_label, object) => {
      const results = admission.review({ operation: 'CREATE', object, userInfo: submitterOf(object) });
      expect(results.flatMap((r) => r.outcome.violations.map((v) => `${r.policy}: ${v.message}`))).toEqual([]);
      // The sample really went through the tenant policies, not around them (a pod that names its PodGroup
      // leaves queue and GPUs to the PodGroup: resource-requests and priority-classes judge it).
      expect(results.filter((r) => r.outcome.applies).length).toBeGreaterThanOrEqual(namesPodGroup(object) ? 2 : 3);
    },
  );

  const mutated = requests.flatMap((r) => MUTATIONS.filter((m) => m.appliesTo(r.object, env)).map((m) => [`${r.sample}: ${r.object.kind} with ${m.name}`, r.object, m] as const));
  test.each(mutated)('%s is denied', (_label, original, mutation) => {
    const object = clone(original);
    mutation.mutate(object, env);
    const results = admission.review({ operation: 'CREATE', object, userInfo: submitterOf(object) });
    const failing = results.filter((r) => r.outcome.violations.length > 0);
    expect(failing.map((r) => r.policy)).toContain(`volcano-platform-${mutation.policy}`);
    const enforcement = env.name === 'dev' ? 'Warn' : 'Deny';
    for (const r of failing) expect(r.actions).toContain(enforcement);
  });
});

describe.each(envs.map((env) => [env.name, env] as const))('sample pods of %s without requests', (_name, env) => {
  const objects = renderEnvironment(env).flatMap((m) => m.objects);
  const admission = new RenderedAdmission(objects);
  const pods = renderSamples(env).flatMap((s) => requestsOf(s.objects)).filter((o) => o.kind === 'Pod');

  test.each(pods.map((p) => [p.metadata.name ?? p.metadata.generateName, p] as const))(
    '%s is admitted with the LimitRange defaults, as LimitRanger runs before validating policies',
    (_label, original) => {
      const pod = clone(original);
      for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) delete c.resources;
      const input = { operation: 'CREATE' as const, object: pod, userInfo: submitterOf(pod) };
      const limitRange = objects.find((o) => o.kind === 'LimitRange' && o.metadata.namespace === pod.metadata.namespace)!;
      const defaulted = admission.mutate(input).object!;
      for (const c of [...defaulted.spec.containers, ...(defaulted.spec.initContainers ?? [])]) {
        expect(c.resources).toEqual({ requests: limitRange.spec.limits[0].defaultRequest, limits: limitRange.spec.limits[0].default });
      }
      expect(admission.review(input).flatMap((r) => r.outcome.violations)).toEqual([]);
    },
  );
});

describe('the multi-agent directive scales with its parameter', () => {
  const prod = envs.find((e) => e.name === 'prod')!;
  const admission = new RenderedAdmission(renderEnvironment(prod).flatMap((m) => m.objects));

  test.each([1, 8, 32])('%i agents: one gang of coordinator plus agents, admitted', (agents) => {
    const chart = new Chart(new App(), 'directive', { disableResourceNameHashes: true });
    const sample = agentDirective(agents);
    sample.build(chart, prod, prod.tenants.find((t) => t.name === sample.tenant)!);
    const [job] = chart.toJson() as Json[];
    expect(job.spec.minAvailable).toBe(agents + 1);
    expect(job.spec.tasks.map((t: Json) => t.replicas)).toEqual([1, agents]);
    const results = admission.review({ operation: 'CREATE', object: job, userInfo: tenantServiceAccount('agent-runtime') });
    expect(results.flatMap((r) => r.outcome.violations)).toEqual([]);
  });
});

describe('per-job SLA: only interactive work has one', () => {
  // The sla plugin force-enqueues an overdue job past its queue's limits, so batch must never carry it.
  const groupOwners = (objects: readonly Json[]) => objects.filter((o) => o.kind === 'PodGroup' || (o.kind === 'Job' && o.apiVersion === 'batch.volcano.sh/v1alpha1'));
  const all = envs.flatMap((env) => renderSamples(env));

  test.each(all.map((s) => [`${s.environment}/${s.sample.name}`, s] as const))('%s', (_label, { sample, objects }) => {
    const owners = groupOwners(objects as unknown as Json[]);
    const slas = owners.map((o) => o.metadata.annotations?.['volcano.sh/sla-waiting-time']);
    if (sample.queue === 'interactive') {
      expect(owners.length).toBeGreaterThan(0);
      expect(slas.every((v) => v === '2m')).toBe(true);
    } else {
      expect(slas.filter((v) => v !== undefined)).toEqual([]);
    }
    for (const o of objects as unknown as Json[]) {
      if (sample.queue !== 'interactive') expect(JSON.stringify(o)).not.toContain('sla-waiting-time');
    }
  });
});

describe('distributed PyTorch: every pod gets its own torchrun node rank', () => {
  const lab = envs.find((e) => e.name === 'gpu-lab')!;
  const [training] = renderSamples(lab).filter((s) => s.sample.name === 'pytorch-training');
  const job = (training.objects as unknown as Json[]).find((o) => o.kind === 'Job')!;

  /** The rank a pod of `task` with VC_TASK_INDEX `index` computes, evaluated by a real shell. */
  const rank = (task: Json, index: number): number => {
    const command: string = task.template.spec.containers[0].command[2];
    const expression = /--node-rank=(\$\(\(.*?\)\)|\S+)/.exec(command)![1];
    return Number(execFileSync('sh', ['-c', `echo ${expression}`], { env: { VC_TASK_INDEX: String(index) } }).toString().trim());
  };

  test('master is rank 0, workers 1..N, no duplicates', () => {
    const ranks = (job.spec.tasks as Json[]).flatMap((t) => Array.from({ length: t.replicas }, (_, i) => rank(t, i)));
    const pods = (job.spec.tasks as Json[]).reduce((n, t) => n + t.replicas, 0);
    expect(rank(job.spec.tasks.find((t: Json) => t.name === 'master'), 0)).toBe(0);
    expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: pods }, (_, i) => i));
  });
});
