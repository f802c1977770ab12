import { RULES, SUBJECT, TASK_NAME } from '../../cel';
import { PolicyFactory } from '../../policy';
import { DEFAULT_MAX_RETRY } from '../../settings';

/** Rule 6: a Volcano Job retries at most the environment's limit. */
export const boundedRetries: PolicyFactory = (env) => {
  const limit = env.admission.maxRetry;
  return {
    name: 'bounded-retries',
    summary: `A Volcano Job's maxRetry is at most the environment's limit; a missing or zero maxRetry counts as Volcano's default of ${DEFAULT_MAX_RETRY}. `
      + 'A task\'s own maxRetry, when set (above 0), is bounded by the same limit.',
    rationale: 'A workflow engine such as Temporal retries failed activities itself. If the job it submits also restarts, every engine '
      + 'retry multiplies into several executions, with duplicate side effects and wasted capacity. The limit is the environment\'s '
      + '`admission.maxRetry`; Volcano fills in 3 for a missing or zero `maxRetry`, so those count as 3. Each task also has a '
      + '`maxRetry` (`spec.tasks[*].maxRetry`): an explicit value above the limit is denied the same way. A missing or zero task '
      + '`maxRetry` is allowed, although Volcano\'s webhook also fills in 3 there: counting it as 3 would deny every Job in an '
      + 'environment whose limit is below 3 unless each task repeats the setting, and the job-level bound still applies.',
    exceptions: 'Set `spec.maxRetry` to the limit or less. A tenant that needs more retries for a reason asks the platform team to '
      + 'raise `admission.maxRetry` in `stacks/environments/<env>.ts`; it applies to the whole environment.',
    scope: 'tenant-namespaces',
    exemptPlatformIdentities: true,
    resourceRules: [RULES.volcanoJobs],
    variables: [
      { name: 'subject', expression: SUBJECT },
      {
        name: 'tasksOverLimit',
        expression: `has(object.spec.tasks) ? object.spec.tasks.filter(t, has(t.maxRetry) && t.maxRetry > ${limit})`
          + `.map(t, "task " + ${TASK_NAME} + " maxRetry " + string(t.maxRetry)) : []`,
      },
      { name: 'maxRetry', expression: `!has(object.spec.maxRetry) || object.spec.maxRetry == 0 ? ${DEFAULT_MAX_RETRY} : object.spec.maxRetry` },
    ],
    validations: [{
      expression: `variables.maxRetry <= ${limit}`,
      messageExpression: 'variables.subject + ": " + (!has(object.spec.maxRetry) || object.spec.maxRetry == 0 '
        + `? "spec.maxRetry is not set, so Volcano retries ${DEFAULT_MAX_RETRY} times" : "spec.maxRetry " + string(object.spec.maxRetry) + " is too many") `
        + `+ "; at most ${limit} retries are allowed here, because the workflow engine retries too: set spec.maxRetry to ${limit} or less"`,
      message: `spec.maxRetry must be at most ${limit}`,
      reason: 'Invalid',
    }, {
      expression: 'size(variables.tasksOverLimit) == 0',
      messageExpression: 'variables.subject + ": " + variables.tasksOverLimit.join(", ") + " " + (size(variables.tasksOverLimit) == 1 ? "is" : "are") '
        + `+ " too many; at most ${limit} retries are allowed here, because the workflow engine retries too: set spec.tasks[*].maxRetry to ${limit} or less"`,
      message: `spec.tasks[*].maxRetry must be at most ${limit}`,
      reason: 'Invalid',
    }],
  };
};
