import { ALLOWED_PRIORITY_CLASSES, ONLY_VOLCANO_PODS, REQUESTED_QUEUE, RULES, SUBJECT, TASKS_WITH_SPEC, strListMap } from '../../cel';
import { ANNOTATIONS } from '../../../labels';
import { PolicyFactory } from '../../policy';

/** Rule 4: a priority class, when set, is allowed for the namespace and for the queue. */
export const priorityClasses: PolicyFactory = (env) => ({
  name: 'priority-classes',
  summary: 'A priorityClassName, when set on a Volcano Job (or its task templates), a PodGroup or a Volcano pod, is one the namespace '
    + 'may use and one the environment allows for the workload\'s queue.',
  rationale: 'Priority decides who preempts whom. A batch job at `volcano-critical` would evict interactive sessions; a class meant for '
    + 'one queue used in another breaks the promises that queue makes. The namespace\'s classes come from its annotation '
    + `\`${ANNOTATIONS.allowedPriorityClasses}\`; the classes per queue are the environment's \`admission.priorityClassesByQueue\`.`,
  exceptions: 'Pick a class the message lists, or leave `priorityClassName` out. To allow another class, ask the platform team to change '
    + 'the tenant\'s `priorityClasses` or `admission.priorityClassesByQueue` in `stacks/environments/<env>.ts`.',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs, RULES.podGroups, RULES.pods],
  matchConditions: [ONLY_VOLCANO_PODS],
  variables: [
    { name: 'subject', expression: SUBJECT },
    { name: 'queue', expression: REQUESTED_QUEUE },
    {
      name: 'classes',
      expression: '(has(object.spec.priorityClassName) && object.spec.priorityClassName != "" ? [object.spec.priorityClassName] : []) + '
        + `(object.kind == "Job" && has(object.spec.tasks) ? ${TASKS_WITH_SPEC}.filter(t, has(t.template.spec.priorityClassName) && t.template.spec.priorityClassName != "")`
        + '.map(t, t.template.spec.priorityClassName) : [])',
    },
    { name: 'namespaceClasses', expression: ALLOWED_PRIORITY_CLASSES },
    { name: 'byQueue', expression: strListMap(env.admission.priorityClassesByQueue) },
    { name: 'queueClasses', expression: 'variables.queue in variables.byQueue ? variables.byQueue[variables.queue] : []' },
  ],
  validations: [
    {
      expression: 'variables.classes.all(c, c in variables.namespaceClasses)',
      messageExpression: 'variables.subject + ": priority class " + variables.classes.filter(c, !(c in variables.namespaceClasses)).join(", ") '
        + '+ " is not allowed in namespace " + namespaceObject.metadata.name + "; allowed: " '
        + '+ (size(variables.namespaceClasses) == 0 ? "none" : variables.namespaceClasses.join(", "))',
      message: `the priority class is not one this namespace may use (see the namespace annotation ${ANNOTATIONS.allowedPriorityClasses})`,
      reason: 'Forbidden',
    },
    {
      // Unknown queues are the allowed-queues policy's concern.
      expression: '!(variables.queue in variables.byQueue) || variables.classes.all(c, c in variables.queueClasses)',
      messageExpression: 'variables.subject + ": priority class " + variables.classes.filter(c, !(c in variables.queueClasses)).join(", ") '
        + '+ " is not allowed in queue " + variables.queue + "; queue " + variables.queue + " allows: " '
        + '+ (size(variables.queueClasses) == 0 ? "none" : variables.queueClasses.join(", "))',
      message: 'the priority class is not one the environment allows for this queue',
      reason: 'Forbidden',
    },
  ],
});
