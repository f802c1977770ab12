import { RULES, SUBJECT, TASK_NAME } from '../../cel';
import { PolicyFactory } from '../../policy';

/** CEL: `spec.minAvailable` of Job `o` as Volcano reads it (missing is 0). */
const minAvailable = (o: string) => `(has(${o}.spec.minAvailable) ? ${o}.spec.minAvailable : 0)`;
/** CEL: the tasks of Job `o`. */
const tasks = (o: string) => `(has(${o}.spec.tasks) ? ${o}.spec.tasks : [])`;
/** CEL: the replicas of every task of Job `o`, in task order. */
const replicas = (o: string) => `${tasks(o)}.map(t, has(t.replicas) ? t.replicas : 0)`;
/** CEL: the minAvailable of every task of Job `o`, in task order (-1 where it is not set). */
const taskMinAvailable = (o: string) => `${tasks(o)}.map(t, has(t.minAvailable) ? t.minAvailable : -1)`;

/** Rule 2: a Volcano Job's gang can actually start: 1 <= minAvailable <= all its replicas. */
export const gangSize: PolicyFactory = () => ({
  name: 'gang-size',
  summary: 'A Volcano Job\'s minAvailable is at least 1 and at most the sum of its tasks\' replicas, and no task asks for more pods than it has.',
  rationale: 'Volcano starts a gang only when `minAvailable` pods fit at once. A larger `minAvailable` than the job has pods never starts '
    + 'and holds its place in the queue for ever; `0` turns gang scheduling off, so a half-started job holds resources while waiting for the rest. '
    + 'When a Job is created, Volcano\'s job webhook (`/jobs/mutate`, before any validating policy) fills in each task\'s missing `minAvailable` '
    + 'with its replicas and a missing or zero `spec.minAvailable` with the sum of the tasks\', so the policy judges those values. '
    + 'These fields are the ones an update may change (Volcano\'s `/jobs/validate` lets `spec.minAvailable` and the tasks\' `replicas` '
    + 'and `minAvailable` change, nothing else of the gang), so on UPDATE each rule judges only what the update changed: '
    + '`spec.minAvailable` against 1 when it changed, against the replicas when either changed, and only the tasks that are not exactly '
    + 'as stored. A Job admitted earlier (under `Warn`) is not locked by a value it already had.',
  exceptions: 'None: the rule describes jobs that can run. Leave `minAvailable` out to let Volcano use the sum of the tasks\' `minAvailable` '
    + '(which default to their replicas).',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs],
  judgedOnUpdate: {
    Job: {
      fields: '`spec.minAvailable`, `spec.tasks[*].replicas`, `spec.tasks[*].minAvailable`',
      values: (o) => [minAvailable(o), replicas(o), taskMinAvailable(o)],
    },
  },
  variables: [
    { name: 'subject', expression: SUBJECT },
    { name: 'tasks', expression: tasks('object') },
    { name: 'minAvailable', expression: minAvailable('object') },
    { name: 'replicas', expression: `${replicas('object')}.sum()` },
    { name: 'minAvailableChanged', expression: `oldObject == null || variables.minAvailable != ${minAvailable('oldObject')}` },
    { name: 'replicasChanged', expression: `oldObject == null || variables.replicas != ${replicas('oldObject')}.sum()` },
    // A task exactly as stored was judged when it was written.
    { name: 'judgedTasks', expression: `oldObject == null ? variables.tasks : variables.tasks.filter(t, !(t in ${tasks('oldObject')}))` },
  ],
  validations: [
    {
      expression: '!variables.minAvailableChanged || variables.minAvailable >= 1',
      messageExpression: 'variables.subject + ": spec.minAvailable is " + string(variables.minAvailable) + ", which turns gang scheduling off; '
        + 'set it to at least 1 (when a Job is created without it, Volcano uses the sum of the tasks\' minAvailable, each its replicas unless set)"',
      message: 'spec.minAvailable must be at least 1',
      reason: 'Invalid',
    },
    {
      expression: '!(variables.minAvailableChanged || variables.replicasChanged) || variables.minAvailable <= variables.replicas',
      messageExpression: 'variables.subject + ": spec.minAvailable " + string(variables.minAvailable) + " is more than the " '
        + '+ string(variables.replicas) + " replicas of all its tasks, so the gang could never start"',
      message: 'spec.minAvailable must be at most the sum of the tasks\' replicas',
      reason: 'Invalid',
    },
    {
      expression: 'variables.judgedTasks.all(t, !has(t.minAvailable) || t.minAvailable <= (has(t.replicas) ? t.replicas : 0))',
      messageExpression: 'variables.subject + ": tasks ask for more pods than they have: " + variables.judgedTasks'
        + `.filter(t, has(t.minAvailable) && t.minAvailable > (has(t.replicas) ? t.replicas : 0)).map(t, ${TASK_NAME} + " minAvailable " `
        + '+ string(t.minAvailable) + " > replicas " + string(has(t.replicas) ? t.replicas : 0)).join(", ")',
      message: 'a task\'s minAvailable must be at most its replicas',
      reason: 'Invalid',
    },
  ],
});
