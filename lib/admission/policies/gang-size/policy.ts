import { RULES, SUBJECT, TASK_NAME } from '../../cel';
import { PolicyFactory } from '../../policy';

/** Rule 2: a Volcano Job's gang can actually start: 1 <= minAvailable <= all its replicas. */
export const gangSize: PolicyFactory = () => ({
  name: 'gang-size',
  summary: 'A Volcano Job\'s minAvailable is at least 1 and at most the sum of its tasks\' replicas, and no task asks for more pods than it has.',
  rationale: 'Volcano starts a gang only when `minAvailable` pods fit at once. A larger `minAvailable` than the job has pods never starts '
    + 'and holds its place in the queue for ever; `0` turns gang scheduling off, so a half-started job holds resources while waiting for the rest.',
  exceptions: 'None: the rule describes jobs that can run. Leave `minAvailable` out to let Volcano use the sum of the tasks\' `minAvailable` '
    + '(which default to their replicas).',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs],
  variables: [
    { name: 'subject', expression: SUBJECT },
    { name: 'tasks', expression: 'has(object.spec.tasks) ? object.spec.tasks : []' },
    { name: 'replicas', expression: 'variables.tasks.map(t, has(t.replicas) ? t.replicas : 0).sum()' },
  ],
  validations: [
    {
      expression: '!has(object.spec.minAvailable) || object.spec.minAvailable >= 1',
      messageExpression: 'variables.subject + ": spec.minAvailable is " + string(object.spec.minAvailable) + "; a gang needs at least 1 pod '
        + '(leave it out to default to the sum of the tasks\' minAvailable)"',
      message: 'spec.minAvailable must be at least 1',
      reason: 'Invalid',
    },
    {
      expression: '!has(object.spec.minAvailable) || object.spec.minAvailable <= variables.replicas',
      messageExpression: 'variables.subject + ": spec.minAvailable " + string(object.spec.minAvailable) + " is more than the " '
        + '+ string(variables.replicas) + " replicas of all its tasks, so the gang could never start"',
      message: 'spec.minAvailable must be at most the sum of the tasks\' replicas',
      reason: 'Invalid',
    },
    {
      expression: 'variables.tasks.all(t, !has(t.minAvailable) || t.minAvailable <= (has(t.replicas) ? t.replicas : 0))',
      messageExpression: 'variables.subject + ": tasks ask for more pods than they have: " + variables.tasks'
        + `.filter(t, has(t.minAvailable) && t.minAvailable > (has(t.replicas) ? t.replicas : 0)).map(t, ${TASK_NAME} + " minAvailable " `
        + '+ string(t.minAvailable) + " > replicas " + string(has(t.replicas) ? t.replicas : 0)).join(", ")',
      message: 'a task\'s minAvailable must be at most its replicas',
      reason: 'Invalid',
    },
  ],
});
