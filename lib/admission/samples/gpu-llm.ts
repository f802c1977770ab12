import { k8s } from 'cdk8s-plus-28';
import { Job } from '../../../imports/batch.volcano.sh';
import { allowedQueues } from '../../config/allowed-queues';
import { VOLCANO_SCHEDULER } from '../cel';
import { INTEGRATION_CONFIG_MAP } from '../integration';
import { SampleWorkload, numaAware, resources, sampleLabels, taskMaxRetry } from './common';

const LAB = 'lab-nlp';
/** The lab's read-only model store and its checkpoint volume: the lab's own PersistentVolumeClaims. */
const MODELS = { name: 'models', persistentVolumeClaim: { claimName: `${LAB}-models`, readOnly: true } };
const CHECKPOINTS = { name: 'checkpoints', persistentVolumeClaim: { claimName: `${LAB}-checkpoints` } };
/** NCCL and PyTorch data loaders exchange tensors through /dev/shm; the container default (64Mi) is far too small. */
const SHARED_MEMORY = (size: string) => ({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString(size) } });
const MOUNTS = [{ name: 'shm', mountPath: '/dev/shm' }, { name: 'models', mountPath: '/models', readOnly: true }];

/**
 * Large-model inference: a vLLM OpenAI-compatible server as a one-task Volcano Job that runs until it is
 * deleted. The svc plugin gives the pod a stable name behind a headless Service
 * (`llm-inference-server-0.llm-inference.<namespace>.svc`); its NetworkPolicy, which admits only the
 * job's own pods, is turned off because the clients are other workloads. Where the scheduler runs
 * `numa-aware`, the server's CPUs and GPUs are placed on one NUMA node, which needs whole CPUs and
 * requests equal to limits.
 */
export function llmInference(gpus = 2): SampleWorkload {
  const name = 'llm-inference';
  return {
    name,
    description: `Large-model inference: a long-running vLLM server on ${gpus} GPUs as a one-task Volcano Job behind the svc plugin's headless Service.`,
    tenant: LAB,
    queue: LAB,
    build(scope, env, tenant) {
      const container: k8s.Container = {
        name: 'vllm',
        image: 'registry.example.com/lab-nlp/vllm-openai:0.11.0',
        command: ['vllm', 'serve', '/models/llama-3.1-8b-instruct', '--tensor-parallel-size', String(gpus), '--port', '8000'],
        envFrom: [{ configMapRef: { name: INTEGRATION_CONFIG_MAP } }],
        ports: [{ name: 'http', containerPort: 8000 }],
        resources: resources({ cpu: '16', memory: '128Gi', 'nvidia.com/gpu': String(gpus) }, { cpu: '16', memory: '128Gi', 'nvidia.com/gpu': String(gpus) }),
        // Loading the weights takes minutes: readiness only once the server answers.
        startupProbe: { httpGet: { path: '/health', port: k8s.IntOrString.fromString('http') }, periodSeconds: 10, failureThreshold: 90 },
        readinessProbe: { httpGet: { path: '/health', port: k8s.IntOrString.fromString('http') }, periodSeconds: 10 },
        volumeMounts: MOUNTS,
      };
      new Job(scope, 'job', {
        metadata: { name, namespace: tenant.name, labels: sampleLabels(name, 'inference') },
        spec: {
          schedulerName: VOLCANO_SCHEDULER,
          queue: LAB,
          priorityClassName: 'volcano-normal',
          minAvailable: 1,
          maxRetry: Math.min(2, env.admission.maxRetry),
          plugins: { svc: ['--disable-network-policy=true'] },
          // Evicted (e.g. its borrowed GPUs reclaimed): queue again. No TaskCompleted policy: it serves until deleted.
          policies: [{ event: 'PodEvicted', action: 'RestartJob' }],
          tasks: [{
            name: 'server',
            replicas: 1,
            ...taskMaxRetry(env),
            ...(numaAware(env) ? { topologyPolicy: 'single-numa-node' as const } : {}),
            template: {
              metadata: { labels: sampleLabels(name, 'server') },
              spec: { restartPolicy: 'OnFailure', containers: [container], volumes: [SHARED_MEMORY('16Gi'), MODELS] },
            },
          }],
        },
      });
    },
    denial: {
      change: 'the container only limits GPUs (`resources.limits["nvidia.com/gpu"]`), as many vLLM examples do',
      apply: (objects) => {
        const job = objects.find((o) => o.kind === 'Job')!;
        job.spec.tasks[0].template.spec.containers[0].resources = { limits: { 'nvidia.com/gpu': String(gpus) } };
      },
      policy: 'resource-requests',
      deniedKind: 'Job',
      message: () => 'every container must request cpu and memory, so Volcano knows the gang\'s size before placing it; missing: task server container vllm (cpu, memory)',
      fix: 'Request cpu and memory next to the GPUs (`resources.requests`); with a NUMA topology policy, whole CPUs and requests equal to limits.',
    },
  };
}

/**
 * Distributed fine-tuning, LLaMA-Factory style: a master and workers that start together (gang), find
 * the master through the svc plugin's host files and get their index from the env plugin. LLaMA-Factory
 * starts torchrun itself from NNODES, NODE_RANK, MASTER_ADDR and MASTER_PORT when FORCE_TORCHRUN is set.
 */
export function llmFineTuning(workers = 2, gpusPerNode = 4): SampleWorkload {
  const name = 'llm-fine-tuning';
  return {
    name,
    description: `Distributed fine-tuning (LLaMA-Factory): a master and ${workers} workers, ${gpusPerNode} GPUs each, as one gang with the svc and env plugins.`,
    tenant: LAB,
    queue: LAB,
    build(scope, env, tenant) {
      // The master is node rank 0; VC_TASK_INDEX (env plugin) counts from 0 within each task, so worker i is rank i + 1.
      const task = (taskName: string, replicas: number, nodeRank: string) => ({
        name: taskName,
        replicas,
        ...taskMaxRetry(env),
        template: {
          metadata: { labels: sampleLabels(name, taskName) },
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{
              name: 'trainer',
              image: 'registry.example.com/lab-nlp/llama-factory:0.9.3',
              // /etc/volcano/master.host comes from the svc plugin: the master pod's stable host name.
              command: ['sh', '-c', `export NODE_RANK=${nodeRank} MASTER_ADDR=$(head -n1 /etc/volcano/master.host) && exec llamafactory-cli train `
                + '--stage sft --do_train --finetuning_type lora --model_name_or_path /models/llama-3.1-8b '
                + '--dataset lab_instructions --template llama3 --output_dir /checkpoints/llama-3.1-8b-lora --bf16'],
              env: [
                { name: 'FORCE_TORCHRUN', value: '1' },
                { name: 'NNODES', value: String(workers + 1) },
                { name: 'NPROC_PER_NODE', value: String(gpusPerNode) },
                { name: 'MASTER_PORT', value: '29500' },
              ],
              envFrom: [{ configMapRef: { name: INTEGRATION_CONFIG_MAP } }],
              ports: [{ name: 'rendezvous', containerPort: 29500 }],
              resources: resources(
                { cpu: '16', memory: '128Gi', 'nvidia.com/gpu': String(gpusPerNode) },
                { cpu: '32', memory: '256Gi', 'nvidia.com/gpu': String(gpusPerNode) },
              ),
              volumeMounts: [...MOUNTS, { name: 'checkpoints', mountPath: '/checkpoints' }],
            }],
            volumes: [SHARED_MEMORY('32Gi'), MODELS, CHECKPOINTS],
          },
        },
      });
      new Job(scope, 'job', {
        metadata: { name, namespace: tenant.name, labels: sampleLabels(name, 'fine-tuning') },
        spec: {
          schedulerName: VOLCANO_SCHEDULER,
          queue: LAB,
          priorityClassName: 'volcano-normal',
          // All ranks or none: a partial torchrun group only holds GPUs while it waits.
          minAvailable: workers + 1,
          maxRetry: Math.min(2, env.admission.maxRetry),
          plugins: { svc: [], env: [] },
          // A lost rank breaks the whole group: restart every pod (training resumes from /checkpoints).
          policies: [{ event: 'PodEvicted', action: 'RestartJob' }, { event: 'PodFailed', action: 'RestartJob' }, { event: 'TaskCompleted', action: 'CompleteJob' }],
          tasks: [task('master', 1, '0'), task('worker', workers, '$((VC_TASK_INDEX + 1))')],
        },
      });
    },
    denial: {
      change: 'the job is copied from another lab and keeps its queue, `lab-vision`',
      apply: (objects) => {
        objects.find((o) => o.kind === 'Job')!.spec.queue = 'lab-vision';
      },
      policy: 'allowed-queues',
      deniedKind: 'Job',
      message: (env) => `spec.queue "lab-vision" is not allowed in namespace ${LAB}; allowed queues: ${allowedQueues(env, env.tenants.find((t) => t.name === LAB)!).join(', ')}`,
      fix: `Use your lab's queue (\`spec.queue: ${LAB}\`); to borrow idle GPUs there is nothing to do: the lab's queue borrows up to its capability by itself.`,
    },
  };
}
