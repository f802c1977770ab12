import { RULES, SPEC, SPEC_VARIABLES, SUBJECT, TASK_LABEL, judgedJobSpec } from '../../cel';
import { PolicyFactory } from '../../policy';
import { DEFAULT_MAX_RETRY } from '../../settings';

/** CEL: the retries of `field` of `owner` as Volcano counts them: a missing or zero maxRetry is its default. */
const retries = (owner: string, field = 'maxRetry') =>
  `(!has(${owner}.${field}) || ${owner}.${field} == 0 ? ${DEFAULT_MAX_RETRY} : ${owner}.${field})`;

/** CEL: the retries of every task of Job spec `spec`, in task order. */
const taskRetries = (spec: string) => `(has(${spec}.tasks) ? ${spec}.tasks.map(t, ${retries('t')}) : [])`;

/** Rule 6: a Volcano Job, and each Job a Volcano CronJob or JobTemplate creates, retries at most the environment's limit. */
export const boundedRetries: PolicyFactory = (env) => {
  const limit = env.admission.maxRetry;
  return {
    name: 'bounded-retries',
    summary: `A Volcano Job's maxRetry and each of its tasks' maxRetry are at most the environment's limit; Volcano fills in ${DEFAULT_MAX_RETRY} `
      + 'for every one that is missing or zero, so where the limit is lower, the Job and every task must set it. A Volcano CronJob\'s job template and a JobTemplate are judged the same way.',
    rationale: 'A workflow engine such as Temporal retries failed activities itself. If the job it submits also restarts, every engine '
      + 'retry multiplies into several executions, with duplicate side effects and wasted capacity. The limit is the environment\'s '
      + '`admission.maxRetry`. Volcano has two retry counts, the Job\'s `spec.maxRetry` and each task\'s `spec.tasks[*].maxRetry`, and its '
      + `job webhook (\`/jobs/mutate\`, which runs before any validating policy) sets each that is missing or zero to ${DEFAULT_MAX_RETRY} `
      + `(the Job CRD also defaults \`spec.maxRetry\` to ${DEFAULT_MAX_RETRY}). The policy sees the Job as the webhook leaves it and cannot tell `
      + `a value Volcano filled in from one written down, so it judges both counts, with a missing or zero one counted as ${DEFAULT_MAX_RETRY}: `
      + `where the limit is below ${DEFAULT_MAX_RETRY}, a Job is admitted only if it sets \`spec.maxRetry\` and every task's \`maxRetry\`. `
      + 'A Volcano CronJob is judged by its `spec.jobTemplate.spec`: Volcano\'s cronjob controller creates its Jobs under an identity every '
      + `tenant policy exempts, and \`/jobs/mutate\` then fills in ${DEFAULT_MAX_RETRY} for each count the template leaves missing or zero (the CronJob CRD `
      + `already defaults the template's \`maxRetry\` to ${DEFAULT_MAX_RETRY}), so the template's counts are judged as its Jobs will have them. `
      + 'A Volcano JobTemplate (`flow.volcano.sh`) is judged by its `spec`, a Job spec, likewise: Volcano\'s jobflow controller creates '
      + 'each Job of a JobFlow with the named JobTemplate\'s spec as it is, under the same exempt identity (a JobFlow only names templates, '
      + `so it needs no rule); its CRD defaults \`spec.maxRetry\` to ${DEFAULT_MAX_RETRY} as the Job CRD does, and \`/jobs/mutate\` fills in the rest on each Job. `
      + 'An UPDATE is judged only when it changes one of the counts, which Volcano\'s `/jobs/validate` refuses anyway for a Job (not for a '
      + 'CronJob\'s template or a JobTemplate, whose changes are judged): judging every update '
      + 'would only lock Jobs admitted earlier (under `Warn`, or before the limit was lowered) against a label change, a scale or a '
      + 'finalizer removal.',
    exceptions: `Set \`spec.maxRetry\` and every \`spec.tasks[*].maxRetry\` to the limit or less (\`VOLCANO_MAX_RETRY\` in the namespace's \`volcano-integration\` ConfigMap). `
      + 'A tenant that needs more retries for a reason asks the platform team to raise `admission.maxRetry` in `stacks/environments/<env>.ts`; '
      + 'it applies to the whole environment.',
    scope: 'tenant-namespaces',
    exemptPlatformIdentities: true,
    resourceRules: [RULES.volcanoJobs, RULES.jobTemplates],
    judgedOnUpdate: judgedJobSpec((path) => `\`${path}.maxRetry\`, \`${path}.tasks[*].maxRetry\``, (spec) => [retries(spec), taskRetries(spec)]),
    variables: [
      ...SPEC_VARIABLES,
      { name: 'subject', expression: SUBJECT },
      {
        name: 'overLimit',
        expression: `(${retries(SPEC)} > ${limit} ? [variables.specField + ".maxRetry " + string(${retries(SPEC)})] : []) + `
          + `(has(${SPEC}.tasks) ? ${SPEC}.tasks.filter(t, ${retries('t')} > ${limit})`
          + `.map(t, ${TASK_LABEL} + " maxRetry " + string(${retries('t')})) : [])`,
      },
    ],
    validations: [{
      expression: 'size(variables.overLimit) == 0',
      messageExpression: 'variables.subject + ": " + variables.overLimit.join(", ") + (size(variables.overLimit) == 1 ? " is" : " are") '
        + `+ " more than the limit of ${limit} here, because the workflow engine retries too (Volcano fills in ${DEFAULT_MAX_RETRY} for a maxRetry `
        + `that is not set): set " + variables.specField + ".maxRetry and " + variables.specField + ".tasks[*].maxRetry to ${limit} or less"`,
      message: `spec.maxRetry and every spec.tasks[*].maxRetry must be at most ${limit} (Volcano fills in ${DEFAULT_MAX_RETRY} for one that is not set)`,
      reason: 'Invalid',
    }],
  };
};
