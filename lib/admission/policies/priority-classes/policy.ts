import {
  ALLOWED_PRIORITY_CLASSES, JOB_SPEC_KINDS, ONLY_VOLCANO_PODS, POD_GROUP_ANNOTATION, QUEUE_KNOWN, REQUESTED_QUEUE, RULES, SPEC, SPEC_VARIABLES, SUBJECT, judgedJobSpec,
  queueIn, specOf, strList, strListMap, tasksWithSpecIn,
} from '../../cel';
import { ANNOTATIONS } from '../../../labels';
import { PolicyFactory } from '../../policy';

/** CEL: the priority class spec `spec` sets itself, as a list of none or one. */
const ownClassIn = (spec: string) => `(has(${spec}.priorityClassName) && ${spec}.priorityClassName != "" ? [${spec}.priorityClassName] : [])`;

/** CEL: the priority classes the task templates of Job spec `spec` set. */
const taskClassesIn = (spec: string) => `(has(${spec}.tasks) ? ${tasksWithSpecIn(spec)}`
  + '.filter(t, has(t.template.spec.priorityClassName) && t.template.spec.priorityClassName != "").map(t, t.template.spec.priorityClassName) : [])';

/**
 * CEL: the priority classes object `o` sets, read from its judged spec `spec`: the spec's own and, for a Job
 * CronJob or JobTemplate (whose Job spec a created Job copies), its task templates'.
 */
const classesOf = (o: string, spec: string) => `(${ownClassIn(spec)} + (${o}.kind in ${strList(JOB_SPEC_KINDS)} ? ${taskClassesIn(spec)} : []))`;

/** Rule 4: a priority class, when set, is allowed for the namespace and for the queue. */
export const priorityClasses: PolicyFactory = (env) => ({
  name: 'priority-classes',
  summary: 'A priorityClassName, when set on a Volcano Job (or its task templates), a Volcano CronJob\'s job template, a JobTemplate, a PodGroup or a Volcano pod, is one the namespace '
    + 'may use and one the environment allows for the workload\'s queue.',
  rationale: 'Priority decides who preempts whom. A batch job at `volcano-critical` would evict interactive sessions; a class meant for '
    + 'one queue used in another breaks the promises that queue makes. The namespace\'s classes come from its annotation '
    + `\`${ANNOTATIONS.allowedPriorityClasses}\`; the classes per queue are the environment's \`admission.priorityClassesByQueue\`. `
    + `A pod that names its PodGroup (annotation \`${POD_GROUP_ANNOTATION}\`) is checked against its namespace only: it runs in the PodGroup's `
    + 'queue, which the pod cannot see (its own queue annotation is ignored), and the PodGroup\'s class was checked against that queue '
    + 'when the PodGroup was written. The pod\'s class still counts: it is the pod\'s priority, by which Volcano orders a job\'s tasks '
    + 'and the kubelet chooses what to evict. '
    + 'A Volcano CronJob is judged by its `spec.jobTemplate.spec` (its classes and queue), on create and on every update that changes them: '
    + 'Volcano\'s cronjob controller creates its Jobs from the template under an identity every tenant policy exempts. '
    + 'A Volcano JobTemplate (`flow.volcano.sh`) is judged by its `spec`, a Job spec, likewise: Volcano\'s jobflow controller creates each Job of a JobFlow with the named JobTemplate\'s spec as it is, under the same exempt identity (a JobFlow only names templates, so it needs no rule). '
    + 'On UPDATE only what the update changed is judged: a class the stored object already had is not judged again against the '
    + 'namespace, nor against the queue unless the queue changed. Volcano\'s `/jobs/validate` lets a Job\'s `spec.priorityClassName` '
    + 'change (nothing else the policy reads), so that change is judged; re-judging everything would lock a Job or PodGroup admitted '
    + 'earlier (under `Warn`, or before the namespace\'s classes were narrowed) against a label change, a scale or a finalizer removal.',
  exceptions: 'Pick a class the message lists, or leave `priorityClassName` out. To allow another class, ask the platform team to change '
    + 'the tenant\'s `priorityClasses` or `admission.priorityClassesByQueue` in `stacks/environments/<env>.ts`.',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs, RULES.jobTemplates, RULES.podGroups, RULES.pods],
  judgedOnUpdate: {
    ...judgedJobSpec(
      (path) => `\`${path}.priorityClassName\`, the task templates' \`priorityClassName\`, \`${path}.queue\``,
      (spec) => [`(${ownClassIn(spec)} + ${taskClassesIn(spec)})`, queueIn(spec)],
    ),
    PodGroup: { fields: '`spec.priorityClassName`, `spec.queue`', values: (o) => [ownClassIn(`${o}.spec`), queueIn(`${o}.spec`)] },
  },
  matchConditions: [ONLY_VOLCANO_PODS],
  variables: [
    ...SPEC_VARIABLES,
    { name: 'subject', expression: SUBJECT },
    { name: 'queue', expression: REQUESTED_QUEUE },
    { name: 'queueKnown', expression: QUEUE_KNOWN },
    { name: 'classes', expression: classesOf('object', SPEC) },
    // On UPDATE (Jobs, CronJobs, JobTemplates and PodGroups only), the stored object's judged spec and what it already had.
    { name: 'storedSpec', expression: `request.operation == "UPDATE" ? ${specOf('oldObject')} : {}` },
    { name: 'storedClasses', expression: `request.operation == "UPDATE" ? ${classesOf('oldObject', 'variables.storedSpec')} : []` },
    { name: 'newClasses', expression: 'variables.classes.filter(c, !(c in variables.storedClasses))' },
    {
      name: 'queueJudgedClasses',
      expression: `request.operation == "UPDATE" && ${queueIn('variables.storedSpec')} == variables.queue ? variables.newClasses : variables.classes`,
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
