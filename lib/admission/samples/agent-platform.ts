import { k8s } from 'cdk8s-plus-28';
import { Job } from '../../../imports/batch.volcano.sh';
import { PodGroup } from '../../../imports/scheduling.volcano.sh-podgroup';
import { POD_GROUP_ANNOTATION, POD_QUEUE_ANNOTATION, VOLCANO_SCHEDULER } from '../cel';
import { INTERACTIVE_SLA, SampleWorkload, resources, sampleLabels, taskMaxRetry, workerContainer } from './common';

/** Owner annotation setting the PodGroup size of a Deployment's pods. */
const GROUP_MIN_MEMBER_ANNOTATION = 'scheduling.volcano.sh/group-min-member';
const IMAGE = 'registry.example.com/agent-platform/temporal-worker:1.0.0';

/**
 * Session start: one pod, latency-critical. It still gets its own PodGroup so that its priority and
 * queue are Volcano's to enforce (a PodGroup is Volcano's unit of priority and queueing).
 */
export const sessionStart: SampleWorkload = {
  name: 'session-start',
  description: 'Session start: one pod in the interactive queue, with its own PodGroup for priority.',
  tenant: 'agent-runtime',
  queue: 'interactive',
  build(scope, _env, tenant) {
    const labels = sampleLabels('session-start', 'session');
    new PodGroup(scope, 'group', {
      metadata: { name: 'session-start', namespace: tenant.name, labels, annotations: { ...INTERACTIVE_SLA } },
      spec: { minMember: 1, queue: 'interactive', priorityClassName: 'volcano-high', minResources: { cpu: '500m', memory: '512Mi' } },
    });
    new k8s.KubePod(scope, 'pod', {
      metadata: {
        name: 'session-start',
        namespace: tenant.name,
        labels,
        annotations: { [POD_GROUP_ANNOTATION]: 'session-start', [POD_QUEUE_ANNOTATION]: 'interactive' },
      },
      spec: {
        schedulerName: VOLCANO_SCHEDULER,
        priorityClassName: 'volcano-high',
        restartPolicy: 'Never',
        containers: [workerContainer('session', IMAGE, resources({ cpu: '500m', memory: '512Mi' }, { cpu: '1', memory: '1Gi' }), {
          args: ['session-start'],
        })],
      },
    });
  },
};

/** The tasks of a campaign phase. */
const CAMPAIGN_TASKS = ['content', 'design', 'analytics'] as const;

/** A marketing campaign phase: content, design and analytics workers start together or not at all. */
export const campaignPhase: SampleWorkload = {
  name: 'campaign-phase',
  description: 'Marketing campaign phase: a gang of three tasks (content, design, analytics) with minAvailable 3 in the batch queue.',
  tenant: 'marketing-campaigns',
  queue: 'batch',
  build(scope, env, tenant) {
    const task = (name: string, cpu: string, memory: string) => ({
      name,
      replicas: 1,
      ...taskMaxRetry(env),
      template: {
        metadata: { labels: sampleLabels('campaign-phase', name) },
        spec: {
          restartPolicy: 'OnFailure',
          containers: [workerContainer(name, `registry.example.com/campaigns/${name}-worker:2.3.0`, resources({ cpu, memory }, { cpu, memory }))],
        },
      },
    });
    new Job(scope, 'job', {
      metadata: { name: 'campaign-phase', namespace: tenant.name, labels: sampleLabels('campaign-phase', 'phase') },
      spec: {
        schedulerName: VOLCANO_SCHEDULER,
        queue: 'batch',
        priorityClassName: 'volcano-normal',
        minAvailable: 3,
        maxRetry: env.admission.maxRetry,
        ttlSecondsAfterFinished: 3600,
        policies: [{ event: 'PodEvicted', action: 'RestartJob' }],
        tasks: [task(CAMPAIGN_TASKS[0], '1', '2Gi'), task(CAMPAIGN_TASKS[1], '1', '2Gi'), task(CAMPAIGN_TASKS[2], '2', '4Gi')],
      },
    });
  },
  denial: {
    change: 'the Temporal activity submits the Job without `maxRetry` (neither `spec.maxRetry` nor the tasks\'), so Volcano\'s job webhook fills in 3 for each',
    apply: (objects) => {
      const job = objects.find((o) => o.kind === 'Job')!;
      delete job.spec.maxRetry;
      for (const task of job.spec.tasks) delete task.maxRetry;
    },
    policy: 'bounded-retries',
    deniedKind: 'Job',
    message: (env) => {
      const limit = env.admission.maxRetry;
      return `spec.maxRetry 3, ${CAMPAIGN_TASKS.map((t) => `task ${t} maxRetry 3`).join(', ')} are more than the limit of ${limit} here, `
        + `because the workflow engine retries too (Volcano fills in 3 for a maxRetry that is not set): set spec.maxRetry and spec.tasks[*].maxRetry to ${limit} or less`;
    },
    fix: 'Set `spec.maxRetry` and every task\'s `maxRetry` from `VOLCANO_MAX_RETRY` in the namespace\'s `volcano-integration` ConfigMap; '
      + 'Temporal\'s own activity retries do the rest.',
  },
};

/** Parallel agents of one multi-agent directive; change it for the directive's fan-out. */
export const DIRECTIVE_AGENTS = 4;

/** A multi-agent directive: a coordinator and N agents that find each other through the svc plugin. */
export function agentDirective(agents: number = DIRECTIVE_AGENTS): SampleWorkload {
  return {
    name: 'agent-directive',
    description: `Multi-agent directive: a coordinator and ${agents} parallel agents as one gang in the interactive queue.`,
    tenant: 'agent-runtime',
    queue: 'interactive',
    build(scope, env, tenant) {
      const task = (name: string, replicas: number, cpu: string, memory: string) => ({
        name,
        replicas,
        ...taskMaxRetry(env),
        template: {
          metadata: { labels: sampleLabels('agent-directive', name) },
          spec: {
            restartPolicy: 'Never',
            containers: [workerContainer(name, IMAGE, resources({ cpu, memory }, { cpu, memory }), { args: [name] })],
          },
        },
      });
      new Job(scope, 'job', {
        metadata: { name: 'agent-directive', namespace: tenant.name, labels: sampleLabels('agent-directive', 'directive'), annotations: { ...INTERACTIVE_SLA } },
        spec: {
          schedulerName: VOLCANO_SCHEDULER,
          queue: 'interactive',
          priorityClassName: 'volcano-high',
          minAvailable: agents + 1,
          maxRetry: env.admission.maxRetry,
          ttlSecondsAfterFinished: 600,
          // svc: a headless Service and host lists so agents reach the coordinator; env: each pod's task index.
          plugins: { svc: [], env: [] },
          policies: [{ event: 'TaskCompleted', action: 'CompleteJob' }],
          tasks: [task('coordinator', 1, '500m', '1Gi'), task('agent', agents, '500m', '1Gi')],
        },
      });
    },
  };
}

/** Unified dispatch: a plain Deployment handed to Volcano through annotations only. */
export const dispatchWorkers: SampleWorkload = {
  name: 'dispatch-workers',
  description: 'Unified dispatch: a plain Deployment scheduled by Volcano via schedulerName and the queue annotation.',
  tenant: 'agent-runtime',
  queue: 'batch',
  build(scope, _env, tenant) {
    const labels = sampleLabels('dispatch-workers', 'dispatch');
    new k8s.KubeDeployment(scope, 'deployment', {
      metadata: {
        name: 'dispatch-workers',
        namespace: tenant.name,
        labels,
        // Copied to the ReplicaSet; Volcano sizes the pods' PodGroup from it.
        annotations: { [GROUP_MIN_MEMBER_ANNOTATION]: '1' },
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: { [POD_QUEUE_ANNOTATION]: 'batch' } },
          spec: {
            schedulerName: VOLCANO_SCHEDULER,
            priorityClassName: 'volcano-normal',
            containers: [workerContainer('dispatch', IMAGE, resources({ cpu: '250m', memory: '512Mi' }, { cpu: '1', memory: '1Gi' }), {
              args: ['dispatch'],
            })],
          },
        },
      },
    });
  },
};
