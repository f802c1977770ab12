import { ONLY_VOLCANO_PODS, QUEUE_FIELD, REQUESTED_QUEUE, RULES, SUBJECT, TASKS_WITH_SPEC, TASK_NAME, containersOf, strList } from '../../cel';
import { PolicyFactory } from '../../policy';

/** The extended resource name of NVIDIA GPUs. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/** CEL: whether resource list `list` (a CEL expression of a map, possibly absent) holds more than zero GPUs. */
function positiveGpu(owner: string, field: string): string {
  return `(has(${owner}.${field}) && "${GPU_RESOURCE}" in ${owner}.${field} && quantity(string(${owner}.${field}["${GPU_RESOURCE}"])).isGreaterThan(quantity("0")))`;
}

/** CEL: whether container `c` requests or limits GPUs. */
const USES_GPU = `(has(c.resources) && (${positiveGpu('c.resources', 'requests')} || ${positiveGpu('c.resources', 'limits')}))`;

/** Rule 5: GPUs only in the environment's GPU queues. */
export const gpuQueues: PolicyFactory = (env) => {
  const queues = env.admission.gpuQueues;
  return {
    name: 'gpu-queues',
    summary: `Workloads that request or limit ${GPU_RESOURCE} (Volcano Job containers, PodGroup minResources, Volcano pods) run only in the environment's GPU queues.`,
    rationale: 'GPUs are the scarcest resource and are shared between queues on purpose: only GPU queues have GPU guarantees and '
      + 'capabilities planned for them. A GPU job in a CPU queue either waits for ever or, where the queue has no GPU capability set, '
      + 'takes GPUs that the GPU queues were promised. Quantities are compared with quantity(), so "0" and "0.0" count as no GPU.',
    exceptions: 'Submit GPU work to a GPU queue your namespace may use. To make a queue a GPU queue, ask the platform team to add it to '
      + '`admission.gpuQueues` in `stacks/<env>.ts` (and to give it a GPU guarantee and capability).',
    scope: 'tenant-namespaces',
    exemptPlatformIdentities: true,
    resourceRules: [RULES.volcanoJobs, RULES.podGroups, RULES.pods],
    matchConditions: [ONLY_VOLCANO_PODS],
    variables: [
      { name: 'subject', expression: SUBJECT },
      { name: 'queue', expression: REQUESTED_QUEUE },
      { name: 'queueField', expression: QUEUE_FIELD },
      {
        name: 'gpuUsers',
        expression: `object.kind == "Job" ? (has(object.spec.tasks) ? ${TASKS_WITH_SPEC}.map(t, ${containersOf('t.template.spec')}`
          + `.filter(c, ${USES_GPU}).map(c, "task " + ${TASK_NAME} + " container " + c.name)) : []) `
          + `: object.kind == "PodGroup" ? (${positiveGpu('object.spec', 'minResources')} ? [["spec.minResources"]] : []) `
          + `: [${containersOf('object.spec')}.filter(c, ${USES_GPU}).map(c, "container " + c.name)]`,
      },
    ],
    validations: [{
      expression: `variables.queue in ${strList(queues)} || variables.gpuUsers.all(l, size(l) == 0)`,
      messageExpression: `variables.subject + ": uses ${GPU_RESOURCE} (" + variables.gpuUsers.filter(l, size(l) > 0).map(l, l.join(", ")).join(", ") `
        + '+ ") but " + variables.queueField + " \\"" + variables.queue + "\\" is not a GPU queue; GPU queues: " '
        + `+ ${JSON.stringify(queues.length === 0 ? 'none in this environment' : queues.join(', '))}`,
      message: `${GPU_RESOURCE} may only be used in the environment's GPU queues`,
      reason: 'Forbidden',
    }],
  };
};
