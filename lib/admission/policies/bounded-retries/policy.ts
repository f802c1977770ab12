import { RULES, SUBJECT } from '../../cel';
import { PolicyFactory } from '../../policy';
import { DEFAULT_MAX_RETRY } from '../../settings';

/** Rule 6: a Volcano Job retries at most the environment's limit. */
export const boundedRetries: PolicyFactory = (env) => {
  const limit = env.admission.maxRetry;
  return {
    name: 'bounded-retries',
    summary: `A Volcano Job's maxRetry is at most the environment's limit; a missing or zero maxRetry counts as Volcano's default of ${DEFAULT_MAX_RETRY}.`,
    rationale: 'A workflow engine such as Temporal retries failed activities itself. If the job it submits also restarts, every engine '
      + 'retry multiplies into several executions, with duplicate side effects and wasted capacity. The limit is the environment\'s '
      + '`admission.maxRetry`; Volcano fills in 3 for a missing or zero `maxRetry`, so those count as 3.',
    exceptions: 'Set `spec.maxRetry` to the limit or less. A tenant that needs more retries for a reason asks the platform team to '
      + 'raise `admission.maxRetry` in `stacks/<env>.ts`; it applies to the whole environment.',
    scope: 'tenant-namespaces',
    exemptPlatformIdentities: true,
    resourceRules: [RULES.volcanoJobs],
    variables: [
      { name: 'subject', expression: SUBJECT },
      { name: 'maxRetry', expression: `!has(object.spec.maxRetry) || object.spec.maxRetry == 0 ? ${DEFAULT_MAX_RETRY} : object.spec.maxRetry` },
    ],
    validations: [{
      expression: `variables.maxRetry <= ${limit}`,
      messageExpression: 'variables.subject + ": " + (!has(object.spec.maxRetry) || object.spec.maxRetry == 0 '
        + `? "spec.maxRetry is not set, so Volcano retries ${DEFAULT_MAX_RETRY} times" : "spec.maxRetry " + string(object.spec.maxRetry) + " is too many") `
        + `+ "; at most ${limit} retries are allowed here, because the workflow engine retries too: set spec.maxRetry to ${limit} or less"`,
      message: `spec.maxRetry must be at most ${limit}`,
      reason: 'Invalid',
    }],
  };
};
