import { k8s } from 'cdk8s-plus-28';
import { Job } from '../../../imports/batch.volcano.sh';
import { POD_QUEUE_ANNOTATION, VOLCANO_SCHEDULER } from '../cel';
import { SampleWorkload, resources, sampleLabels, taskMaxRetry } from './common';
import { INTEGRATION_CONFIG_MAP } from '../integration';

/** GPUs per training worker; the job asks for `workers * GPUS_PER_WORKER` in all. */
const GPUS_PER_WORKER = '2';

/** Distributed PyTorch training: a master and workers with GPUs, wired by the svc, ssh and env plugins. */
export function pytorchTraining(workers = 3): SampleWorkload {
  return {
    name: 'pytorch-training',
    description: `Distributed PyTorch training: a master and ${workers} GPU workers (svc, ssh and env plugins) in a lab's GPU queue.`,
    tenant: 'lab-vision',
    queue: 'lab-vision',
    build(scope, env, tenant) {
      // torchrun needs a distinct node rank per pod: the master is rank 0, and since VC_TASK_INDEX
      // counts from 0 within each task, worker i is rank i + 1.
      const task = (name: string, replicas: number, nodeRank: string) => ({
        name,
        replicas,
        ...taskMaxRetry(env),
        template: {
          metadata: { labels: sampleLabels('pytorch-training', name) },
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{
              name: 'pytorch',
              image: 'registry.example.com/lab-vision/resnet-train:2024.10',
              // VC_MASTER_HOSTS comes from the svc plugin, VC_TASK_INDEX from the env plugin.
              command: ['sh', '-c', `torchrun --nnodes=$((VC_WORKER_NUM + 1)) --node-rank=${nodeRank} `
                + `--nproc-per-node=${GPUS_PER_WORKER} --rdzv-endpoint=$(head -n1 /etc/volcano/master.host):23456 train.py`],
              envFrom: [{ configMapRef: { name: INTEGRATION_CONFIG_MAP } }],
              ports: [{ name: 'rendezvous', containerPort: 23456 }],
              resources: resources(
                { cpu: '8', memory: '64Gi', 'nvidia.com/gpu': GPUS_PER_WORKER },
                { cpu: '16', memory: '64Gi', 'nvidia.com/gpu': GPUS_PER_WORKER },
              ),
            }],
          },
        },
      });
      new Job(scope, 'job', {
        metadata: { name: 'pytorch-training', namespace: tenant.name, labels: sampleLabels('pytorch-training', 'training') },
        spec: {
          schedulerName: VOLCANO_SCHEDULER,
          queue: 'lab-vision',
          priorityClassName: 'volcano-normal',
          minAvailable: workers + 1,
          maxRetry: Math.min(2, env.admission.maxRetry),
          plugins: { svc: [], ssh: [], env: [] },
          policies: [{ event: 'PodEvicted', action: 'RestartJob' }, { event: 'TaskCompleted', action: 'CompleteJob' }],
          tasks: [task('master', 1, '0'), task('worker', workers, '$((VC_TASK_INDEX + 1))')],
        },
      });
    },
  };
}

/** A course assignment run as a plain batch/v1 Job that Volcano schedules through annotations. */
export const courseAssignment: SampleWorkload = {
  name: 'course-assignment',
  description: 'Course assignment: a plain batch/v1 Job scheduled by Volcano via schedulerName and the queue annotation (CPU only).',
  tenant: 'teaching',
  queue: 'teaching',
  build(scope, _env, tenant) {
    const labels = sampleLabels('course-assignment', 'grading');
    new k8s.KubeJob(scope, 'job', {
      metadata: { name: 'course-assignment', namespace: tenant.name, labels, annotations: { 'scheduling.volcano.sh/group-min-member': '4' } },
      spec: {
        parallelism: 4,
        completions: 40,
        backoffLimit: 2,
        template: {
          metadata: { labels, annotations: { [POD_QUEUE_ANNOTATION]: 'teaching' } },
          spec: {
            schedulerName: VOLCANO_SCHEDULER,
            restartPolicy: 'Never',
            containers: [{
              name: 'grader',
              image: 'registry.example.com/teaching/grader:1.4.0',
              envFrom: [{ configMapRef: { name: INTEGRATION_CONFIG_MAP } }],
              resources: resources({ cpu: '1', memory: '2Gi' }, { cpu: '2', memory: '4Gi' }),
            }],
          },
        },
      },
    });
  },
};
