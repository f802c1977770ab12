import { Workflow, WorkflowTemplate } from '../../../imports/argoproj.io';
import { allowedQueues } from '../../config/allowed-queues';
import { POD_QUEUE_ANNOTATION, VOLCANO_SCHEDULER } from '../cel';
import { RESTRICTED_CONTAINER, SampleWorkload, resources, sampleLabels, workerContainer } from './common';

/**
 * The `executor` settings the platform asks of the Argo workflow controller (its ConfigMap), which Argo
 * gives the `init` and `wait` containers it adds to every pod: Argo's non-root executor image (user
 * 8737), requests small enough not to inflate each step's PodGroup, and the container fields the
 * `restricted` Pod Security level demands. Without resources the containers get the namespace's
 * LimitRange defaults.
 */
export const ARGO_EXECUTOR = {
  image: 'quay.io/argoproj/argoexec:v3.7.18-nonroot',
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  securityContext: { ...RESTRICTED_CONTAINER, runAsUser: 8737 },
} as const;

const NAME = 'report-pipeline';
/** The stages of the pipeline, each a pod; a stage starts when the one before it succeeded. */
const STAGES = ['extract', 'transform', 'publish'] as const;

/**
 * An Argo Workflows pipeline on Volcano: the WorkflowTemplate carries everything Volcano and the policies
 * look at (scheduler, queue annotation, priority class, requests), so the Workflow that submits it is
 * only a reference. Argo creates one pod per stage, owned by the Workflow; Volcano's PodGroup controller
 * then puts every pod of the run into one PodGroup named after the Workflow's uid, with the queue and
 * priority class of the first pod, so both are set workflow-wide in `podMetadata` and `podPriorityClassName`.
 */
export const reportPipeline: SampleWorkload = {
  name: NAME,
  description: 'Argo Workflows pipeline: a WorkflowTemplate of three stages scheduled by Volcano in the batch queue, and the Workflow that runs it.',
  tenant: 'workflows',
  queue: 'batch',
  build(scope, env, tenant) {
    const labels = sampleLabels(NAME, 'pipeline');
    new WorkflowTemplate(scope, 'template', {
      metadata: { name: NAME, namespace: tenant.name, labels },
      spec: {
        entrypoint: 'pipeline',
        schedulerName: VOLCANO_SCHEDULER,
        podPriorityClassName: 'volcano-normal',
        // Read by Volcano's PodGroup controller on each pod; checked by the allowed-queues policy on each pod.
        podMetadata: { labels, annotations: { [POD_QUEUE_ANNOTATION]: 'batch' } },
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        activeDeadlineSeconds: 3600,
        ttlStrategy: { secondsAfterCompletion: 86400 },
        podGC: { strategy: 'OnPodSuccess' },
        templates: [
          {
            name: 'pipeline',
            dag: {
              tasks: STAGES.map((stage, i) => ({
                name: stage,
                template: 'stage',
                ...(i === 0 ? {} : { dependencies: [STAGES[i - 1]] }),
                arguments: { parameters: [{ name: 'stage', value: stage }] },
              })),
            },
          },
          {
            name: 'stage',
            inputs: { parameters: [{ name: 'stage' }] },
            // Argo retries a failed step with a new pod: bounded like a Volcano Job's retries.
            retryStrategy: { limit: env.admission.maxRetry, retryPolicy: 'OnError' },
            container: workerContainer('stage', 'registry.example.com/workflows/report-stage:1.2.0',
              resources({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '2Gi' }), {
                // An explicit command: otherwise Argo's emissary executor looks the image's entrypoint up in the registry.
                command: ['report-stage'],
                args: ['{{inputs.parameters.stage}}'],
                securityContext: RESTRICTED_CONTAINER,
              }),
          },
        ],
      },
    });
    new Workflow(scope, 'run', {
      metadata: { generateName: `${NAME}-`, namespace: tenant.name, labels: sampleLabels(NAME, 'run') },
      spec: { workflowTemplateRef: { name: NAME } },
    });
  },
  denial: {
    change: 'the WorkflowTemplate sets `schedulerName: volcano` but leaves the queue annotation out of `podMetadata`',
    apply: (objects) => {
      const template = objects.find((o) => o.kind === 'WorkflowTemplate')!;
      delete template.spec.podMetadata.annotations[POD_QUEUE_ANNOTATION];
    },
    policy: 'allowed-queues',
    deniedKind: 'Pod',
    deniedName: `${NAME}-<run>-stage-<hash>`,
    message: (env) => {
      const tenant = env.tenants.find((t) => t.name === 'workflows')!;
      return `annotation ${POD_QUEUE_ANNOTATION} names no queue, which means Volcano's "default" queue in namespace workflows; allowed queues: ${allowedQueues(env, tenant).join(', ')}`;
    },
    fix: `Put a queue the namespace allows in \`spec.podMetadata.annotations["${POD_QUEUE_ANNOTATION}"]\` (the \`VOLCANO_ALLOWED_QUEUES\` `
      + 'setting of the namespace\'s `volcano-integration` ConfigMap lists them). Every step\'s pod is denied, so the Workflow fails at its first step.',
  },
};
