import { execFileSync } from 'child_process';
import { renderSamples } from '../../lib/admission/samples';
import { ARGO_EXECUTOR } from '../../lib/admission/samples/argo';
import { ARGO_WORKFLOW_LABEL } from '../../lib/admission/testing/argo-pods';
import { prepareEnvironments } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { enabledSchedulerPlugins } from '../../lib/volcano/scheduler-derive';
import { ENVIRONMENTS } from '../../stacks/environments';
import { RenderedAdmission, admissionObjects, byName, submitterOf } from '../support/admission-environment';

type Json = Record<string, any>;
const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o));
const envs = prepareEnvironments(ENVIRONMENTS);
const admissionOf = new Map(envs.map((env) => [env.name, new RenderedAdmission(renderEnvironment(env).flatMap((m) => m.objects))]));
const requestsOf = (objects: readonly Json[], executor = ARGO_EXECUTOR as Json): Json[] => objects.flatMap((o) => admissionObjects(o, objects, executor));
const subject = (o: Json) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;

describe('each sample\'s documented mistake is denied by its policy alone, with the documented message', () => {
  const cases = envs.flatMap((env) => renderSamples(env).filter((s) => s.sample.denial).map((s) => [`${env.name}/${s.sample.name}`, env, s] as const));

  test('one per system: campaign phase, Argo pipeline, inference and fine-tuning', () => {
    expect(cases.map(([label]) => label)).toEqual(expect.arrayContaining([
      'prod/campaign-phase', 'prod/report-pipeline', 'dev/report-pipeline', 'gpu-lab/llm-inference', 'gpu-lab/llm-fine-tuning',
    ]));
  });

  test.each(cases)('%s', (_label, env, { sample, objects }) => {
    const denial = sample.denial!;
    const broken = clone(objects) as unknown as Json[];
    denial.apply(broken);
    const requests = requestsOf(broken).filter((o) => o.kind === denial.deniedKind);
    expect(requests.length).toBeGreaterThan(0);
    const enforcement = env.name === 'dev' ? 'Warn' : 'Deny';
    for (const request of requests) {
      const results = admissionOf.get(env.name)!.review({ operation: 'CREATE', object: request, userInfo: submitterOf(request) });
      const failing = results.filter((r) => r.outcome.violations.length > 0);
      expect(failing.map((r) => r.policy)).toEqual([`volcano-platform-${denial.policy}`]);
      expect(failing[0].outcome.violations.map((v) => v.message)).toEqual([`${subject(request)}: ${denial.message(env)}`]);
      expect(failing[0].actions).toContain(enforcement);
    }
  });
});

describe.each(['dev', 'prod'])('Argo pipeline in %s', (envName) => {
  const env = byName(envs, envName);
  const [pipeline] = renderSamples(env).filter((s) => s.sample.name === 'report-pipeline');
  const objects = pipeline.objects as unknown as Json[];
  const pods = requestsOf(objects);
  const admission = admissionOf.get(envName)!;

  test('one pod per stage, each with Argo\'s init and wait containers beside main', () => {
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.spec.initContainers.map((c: Json) => c.name)).toEqual(['init']);
      expect(pod.spec.containers.map((c: Json) => c.name)).toEqual(['wait', 'main']);
      expect(pod.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Workflow', controller: true })]);
    }
  });

  test('every pod carries the same scheduler, queue and priority class: Volcano builds the run\'s one PodGroup from whichever pod comes first', () => {
    // pkg/controllers/podgroup/pg_controller_handler.go (v1.15.1): the PodGroup is named after the pod's
    // controlling owner (here the Workflow), with that first pod's queue annotation and priority class.
    const settings = pods.map((p) => [p.spec.schedulerName, p.metadata.annotations['scheduling.volcano.sh/queue-name'], p.spec.priorityClassName]);
    expect(new Set(settings.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(settings[0]).toEqual(['volcano', 'batch', 'volcano-normal']);
    expect(new Set(pods.map((p) => p.metadata.labels[ARGO_WORKFLOW_LABEL])).size).toBe(1);
  });

  test('the pods are judged as the Argo controller submits them: it is not exempt', () => {
    for (const pod of pods) {
      const results = admission.review({ operation: 'CREATE', object: pod, userInfo: submitterOf(pod) });
      expect(submitterOf(pod).username).toContain(':argo:');
      expect(results.filter((r) => r.outcome.applies).map((r) => r.policy)).toEqual(expect.arrayContaining([
        'volcano-platform-allowed-queues', 'volcano-platform-resource-requests', 'volcano-platform-priority-classes', 'volcano-platform-gpu-queues',
      ]));
    }
  });

  test('without executor settings in the controller\'s ConfigMap, init and wait get the LimitRange defaults and are admitted', () => {
    const limitRange = renderEnvironment(env).flatMap((m) => m.objects).find((o) => o.kind === 'LimitRange' && o.metadata.namespace === 'workflows')!;
    for (const pod of requestsOf(objects, {})) {
      const input = { operation: 'CREATE' as const, object: pod, userInfo: submitterOf(pod) };
      const defaulted = admission.mutate(input).object!;
      for (const c of [defaulted.spec.initContainers[0], defaulted.spec.containers[0]]) {
        expect(c.resources).toEqual({ requests: limitRange.spec.limits[0].defaultRequest, limits: limitRange.spec.limits[0].default });
      }
      expect(admission.review(input).flatMap((r) => r.outcome.violations)).toEqual([]);
    }
  });

  test('with the executor settings the docs ask for, every container meets the restricted Pod Security level\'s container rules', () => {
    for (const c of pods.flatMap((p) => [...p.spec.initContainers, ...p.spec.containers])) {
      expect(c.securityContext).toEqual(expect.objectContaining({ allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } }));
    }
    expect(pods.every((p) => p.spec.securityContext.seccompProfile.type === 'RuntimeDefault')).toBe(true);
  });

  test('Argo retries a step at most the environment\'s maxRetry times', () => {
    const template = objects.find((o) => o.kind === 'WorkflowTemplate')!;
    const steps = template.spec.templates.filter((t: Json) => t.container);
    expect(steps.map((t: Json) => t.retryStrategy.limit)).toEqual(steps.map(() => env.admission.maxRetry));
  });
});

describe('GPU cluster: inference and fine-tuning', () => {
  const lab = byName(envs, 'gpu-lab');
  const jobOf = (name: string): Json => (renderSamples(lab).find((s) => s.sample.name === name)!.objects as unknown as Json[]).find((o) => o.kind === 'Job')!;

  test('inference: one task, svc plugin without its NetworkPolicy (clients are other pods), no CompleteJob policy', () => {
    const job = jobOf('llm-inference');
    expect(job.spec.tasks.map((t: Json) => [t.name, t.replicas])).toEqual([['server', 1]]);
    expect(job.spec.plugins).toEqual({ svc: ['--disable-network-policy=true'] });
    expect(job.spec.policies.map((p: Json) => p.action)).not.toContain('CompleteJob');
  });

  test('inference: a NUMA topology policy exactly where the scheduler runs numa-aware, with whole CPUs (the job webhook refuses others)', () => {
    // pkg/webhooks/admission/jobs/validate/admit_job.go (v1.15.1, validateTaskTopoPolicy): integer cpu requests.
    const [task] = jobOf('llm-inference').spec.tasks;
    expect(enabledSchedulerPlugins(lab)).toContain('numa-aware');
    expect(task.topologyPolicy).toBe('single-numa-node');
    for (const c of task.template.spec.containers) {
      expect(Number.isInteger(Number(c.resources.requests.cpu))).toBe(true);
      expect(c.resources.requests).toEqual(c.resources.limits);
    }
  });

  test('fine-tuning: one gang of master and workers, and a distinct node rank per pod (evaluated by a real shell)', () => {
    const job = jobOf('llm-fine-tuning');
    const replicas = job.spec.tasks.reduce((n: number, t: Json) => n + t.replicas, 0);
    expect(job.spec.minAvailable).toBe(replicas);
    expect(Object.keys(job.spec.plugins).sort()).toEqual(['env', 'svc']);
    const rank = (t: Json, index: number) => {
      const command: string = t.template.spec.containers[0].command[2];
      const expression = /NODE_RANK=(\$\(\(.*?\)\)|\S+)/.exec(command)![1];
      return Number(execFileSync('sh', ['-c', `echo ${expression}`], { env: { VC_TASK_INDEX: String(index) } }).toString().trim());
    };
    const ranks = (job.spec.tasks as Json[]).flatMap((t) => Array.from({ length: t.replicas }, (_, i) => rank(t, i)));
    expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: replicas }, (_, i) => i));
    const nnodes = job.spec.tasks[0].template.spec.containers[0].env.find((e: Json) => e.name === 'NNODES').value;
    expect(Number(nnodes)).toBe(replicas);
  });
});
