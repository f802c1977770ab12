import {
  JOB_SPEC_KINDS, NOT_PODS_OF_NAMED_GROUPS, ONLY_VOLCANO_PODS, POD_GROUP_ANNOTATION, POD_QUEUE_ANNOTATION, QUEUE_FIELD, REQUESTED_QUEUE, RULES, SPEC, SPEC_VARIABLES, SUBJECT,
  TASKS_WITH_SPEC, TASK_LABEL, containersOf, judgedJobSpec, queueIn, strList, taskContainersIn,
} from '../../cel';
import { GPU_RESOURCES } from '../../../config/resources';
import { PolicyFactory } from '../../policy';

// GPU_RESOURCES are checked in every environment: a workload asking for them in a CPU queue is wrong
// whatever the cluster allows.

/** CEL: the GPU resources that resource list `owner.field` (possibly absent) holds more than zero of. */
function positiveGpus(owner: string, field: string): string {
  return `(has(${owner}.${field}) ? ${strList(GPU_RESOURCES)}.filter(g, g in ${owner}.${field} `
    + `&& quantity(string(${owner}.${field}[g])).isGreaterThan(quantity("0"))) : [])`;
}

/** CEL: the GPU resources container `c` requests or limits. */
const GPUS_OF_C = `(has(c.resources) ? ${strList(GPU_RESOURCES)}.filter(g, g in ${positiveGpus('c.resources', 'requests')} || g in ${positiveGpus('c.resources', 'limits')}) : [])`;

/** Rule 5: GPUs only in the environment's GPU queues. */
export const gpuQueues: PolicyFactory = (env) => {
  const queues = env.admission.gpuQueues;
  return {
    name: 'gpu-queues',
    summary: `Workloads that request or limit GPUs (${GPU_RESOURCES.join(', ')}; the containers of Volcano Jobs, of Volcano CronJobs' job templates and of JobTemplates, PodGroup minResources, Volcano pods) `
      + 'run only in the environment\'s GPU queues.',
    rationale: 'GPUs are the scarcest resource and are shared between queues on purpose: only GPU queues have GPU guarantees and '
      + 'capabilities planned for them. A GPU job in a CPU queue either waits for ever or, where the queue has no GPU capability set, '
      + 'takes GPUs that the GPU queues were promised. Quantities are compared with quantity(), so "0" and "0.0" count as no GPU. '
      + `A pod that names its PodGroup (annotation \`${POD_GROUP_ANNOTATION}\`) is not checked: Volcano schedules it in that PodGroup's queue, `
      + `whatever its own \`${POD_QUEUE_ANNOTATION}\` annotation says, and the pod cannot see that queue. The PodGroup is checked when it is `
      + 'written, through its `minResources`: give a PodGroup whose pods use GPUs its GPUs in `minResources` (Volcano enqueues it by them), '
      + 'or the policy has nothing to judge it by. '
      + 'A Volcano CronJob is judged by its `spec.jobTemplate.spec` (queue and task containers): its Jobs are created by Volcano\'s exempt '
      + 'cronjob controller, so the template is judged when the tenant writes the CronJob, on create and on every update that changes them. '
      + 'A Volcano JobTemplate (`flow.volcano.sh`) is judged by its `spec`, a Job spec, likewise: Volcano\'s jobflow controller creates each Job of a JobFlow with the named JobTemplate\'s spec as it is, under the same exempt identity (a JobFlow only names templates, so it needs no rule). '
      + 'An UPDATE of a Job or PodGroup is judged only when it changes the queue or what the policy reads of the GPUs (a Job\'s task '
      + 'containers, a PodGroup\'s `minResources`). Volcano\'s `/jobs/validate` refuses an update that changes a Job\'s queue or pod '
      + 'templates, so Jobs are in effect judged once, when created; judging every update would only lock what was admitted earlier '
      + '(under `Warn`) against a label change, a scale or a finalizer removal.',
    exceptions: 'Submit GPU work to a GPU queue your namespace may use. A queue is a GPU queue when its guarantee, deserved or capability '
      + 'in `stacks/environments/<env>.ts` gives it GPUs: ask the platform team for a GPU capability on the queue.',
    scope: 'tenant-namespaces',
    exemptPlatformIdentities: true,
    resourceRules: [RULES.volcanoJobs, RULES.jobTemplates, RULES.podGroups, RULES.pods],
    judgedOnUpdate: {
      ...judgedJobSpec((path) => `\`${path}.queue\`, the containers of \`${path}.tasks\``, (spec) => [queueIn(spec), taskContainersIn(spec)]),
      PodGroup: { fields: '`spec.queue`, `spec.minResources`', values: (o) => [queueIn(`${o}.spec`), `(has(${o}.spec.minResources) ? ${o}.spec.minResources : {})`] },
    },
    matchConditions: [ONLY_VOLCANO_PODS, NOT_PODS_OF_NAMED_GROUPS],
    variables: [
      ...SPEC_VARIABLES,
      { name: 'subject', expression: SUBJECT },
      { name: 'queue', expression: REQUESTED_QUEUE },
      { name: 'queueField', expression: QUEUE_FIELD },
      {
        name: 'gpuUsers',
        expression: `object.kind in ${strList(JOB_SPEC_KINDS)} ? (has(${SPEC}.tasks) ? ${TASKS_WITH_SPEC}.map(t, ${containersOf('t.template.spec')}`
          + `.filter(c, size(${GPUS_OF_C}) > 0).map(c, ${TASK_LABEL} + " container " + c.name + ": " + ${GPUS_OF_C}.join(" + "))) : []) `
          + `: object.kind == "PodGroup" ? (size(${positiveGpus('object.spec', 'minResources')}) > 0 `
          + `? [["spec.minResources: " + ${positiveGpus('object.spec', 'minResources')}.join(" + ")]] : []) `
          + `: [${containersOf('object.spec')}.filter(c, size(${GPUS_OF_C}) > 0).map(c, "container " + c.name + ": " + ${GPUS_OF_C}.join(" + "))]`,
      },
    ],
    validations: [{
      expression: `variables.queue in ${strList(queues)} || variables.gpuUsers.all(l, size(l) == 0)`,
      messageExpression: `variables.subject + ": uses GPUs (" + variables.gpuUsers.filter(l, size(l) > 0).map(l, l.join(", ")).join(", ") `
        + '+ ") but " + variables.queueField + " \\"" + variables.queue + "\\" is not a GPU queue; GPU queues: " '
        + `+ ${JSON.stringify(queues.length === 0 ? 'none in this environment' : queues.join(', '))}`,
      message: 'GPUs may only be used in the environment\'s GPU queues',
      reason: 'Forbidden',
    }],
  };
};
