import {
  ALLOWED_PRIORITY_CLASSES, ONLY_VOLCANO_PODS, POD_GROUP_ANNOTATION, QUEUE_KNOWN, REQUESTED_QUEUE, RULES, SUBJECT, queueOf, strListMap, tasksWithSpec,
} from '../../cel';
import { ANNOTATIONS } from '../../../labels';
import { PolicyFactory } from '../../policy';

/** CEL: the priority classes object `o` sets: its own `spec.priorityClassName` and, for a Job, its task templates'. */
const classesOf = (o: string) => `((has(${o}.spec.priorityClassName) && ${o}.spec.priorityClassName != "" ? [${o}.spec.priorityClassName] : []) + `
  + `(${o}.kind == "Job" && has(${o}.spec.tasks) ? ${tasksWithSpec(o)}.filter(t, has(t.template.spec.priorityClassName) && t.template.spec.priorityClassName != "")`
  + '.map(t, t.template.spec.priorityClassName) : []))';

/** Rule 4: a priority class, when set, is allowed for the namespace and for the queue. */
export const priorityClasses: PolicyFactory = (env) => ({
  name: 'priority-classes',
  summary: 'A priorityClassName, when set on a Volcano Job (or its task templates), a PodGroup or a Volcano pod, is one the namespace '
    + 'may use and one the environment allows for the workload\'s queue.',
  rationale: 'Priority decides who preempts whom. A batch job at `volcano-critical` would evict interactive sessions; a class meant for '
    + 'one queue used in another breaks the promises that queue makes. The namespace\'s classes come from its annotation '
    + `\`${ANNOTATIONS.allowedPriorityClasses}\`; the classes per queue are the environment's \`admission.priorityClassesByQueue\`. `
    + `A pod that names its PodGroup (annotation \`${POD_GROUP_ANNOTATION}\`) is checked against its namespace only: it runs in the PodGroup's `
    + 'queue, which the pod cannot see (its own queue annotation is ignored), and the PodGroup\'s class was checked against that queue '
    + 'when the PodGroup was written. The pod\'s class still counts: it is the pod\'s priority, by which Volcano orders a job\'s tasks '
    + 'and the kubelet chooses what to evict. '
    + 'On UPDATE only what the update changed is judged: a class the stored object already had is not judged again against the '
    + 'namespace, nor against the queue unless the queue changed. Volcano\'s `/jobs/validate` lets a Job\'s `spec.priorityClassName` '
    + 'change (nothing else the policy reads), so that change is judged; re-judging everything would lock a Job or PodGroup admitted '
    + 'earlier (under `Warn`, or before the namespace\'s classes were narrowed) against a label change, a scale or a finalizer removal.',
  exceptions: 'Pick a class the message lists, or leave `priorityClassName` out. To allow another class, ask the platform team to change '
    + 'the tenant\'s `priorityClasses` or `admission.priorityClassesByQueue` in `stacks/environments/<env>.ts`.',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs, RULES.podGroups, RULES.pods],
  judgedOnUpdate: {
    Job: { fields: '`spec.priorityClassName`, the task templates\' `priorityClassName`, `spec.queue`', values: (o) => [classesOf(o), queueOf(o)] },
    PodGroup: { fields: '`spec.priorityClassName`, `spec.queue`', values: (o) => [classesOf(o), queueOf(o)] },
  },
  matchConditions: [ONLY_VOLCANO_PODS],
  variables: [
    { name: 'subject', expression: SUBJECT },
    { name: 'queue', expression: REQUESTED_QUEUE },
    { name: 'queueKnown', expression: QUEUE_KNOWN },
    { name: 'classes', expression: classesOf('object') },
    // On UPDATE (Jobs and PodGroups only), what the stored object already had.
    { name: 'storedClasses', expression: `request.operation == "UPDATE" ? ${classesOf('oldObject')} : []` },
    { name: 'newClasses', expression: 'variables.classes.filter(c, !(c in variables.storedClasses))' },
    {
      name: 'queueJudgedClasses',
      expression: `request.operation == "UPDATE" && ${queueOf('oldObject')} == variables.queue ? variables.newClasses : variables.classes`,
    },
    { name: 'namespaceClasses', expression: ALLOWED_PRIORITY_CLASSES },
    { name: 'byQueue', expression: strListMap(env.admission.priorityClassesByQueue) },
    { name: 'queueClasses', expression: 'variables.queue in variables.byQueue ? variables.byQueue[variables.queue] : []' },
  ],
  validations: [
    {
      expression: 'variables.newClasses.all(c, c in variables.namespaceClasses)',
      messageExpression: 'variables.subject + ": priority class " + variables.newClasses.filter(c, !(c in variables.namespaceClasses)).join(", ") '
        + '+ " is not allowed in namespace " + namespaceObject.metadata.name + "; allowed: " '
        + '+ (size(variables.namespaceClasses) == 0 ? "none" : variables.namespaceClasses.join(", "))',
      message: `the priority class is not one this namespace may use (see the namespace annotation ${ANNOTATIONS.allowedPriorityClasses})`,
      reason: 'Forbidden',
    },
    {
      // Unknown queues are the allowed-queues policy's concern.
      expression: '!variables.queueKnown || !(variables.queue in variables.byQueue) || variables.queueJudgedClasses.all(c, c in variables.queueClasses)',
      messageExpression: 'variables.subject + ": priority class " + variables.queueJudgedClasses.filter(c, !(c in variables.queueClasses)).join(", ") '
        + '+ " is not allowed in queue " + variables.queue + "; queue " + variables.queue + " allows: " '
        + '+ (size(variables.queueClasses) == 0 ? "none" : variables.queueClasses.join(", "))',
      message: 'the priority class is not one the environment allows for this queue',
      reason: 'Forbidden',
    },
  ],
});
