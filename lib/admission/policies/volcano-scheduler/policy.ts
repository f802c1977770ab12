import { RULES, SPEC, SPEC_VARIABLES, SUBJECT, TASKS_WITH_SPEC, TASK_NAME, VOLCANO_SCHEDULER, judgedJobSpec, str } from '../../cel';
import { PolicyFactory } from '../../policy';

/** Rule 7: Volcano Jobs, and the Jobs of Volcano CronJobs and JobTemplates, are scheduled by Volcano. */
export const volcanoScheduler: PolicyFactory = () => ({
  name: 'volcano-scheduler',
  summary: `A Volcano Job and its task templates (and a Volcano CronJob's job template or a JobTemplate) use schedulerName "${VOLCANO_SCHEDULER}" or leave it empty.`,
  rationale: 'Queues, gang scheduling, fair sharing and preemption happen in the Volcano scheduler. A job whose pods go to another '
    + 'scheduler bypasses all of them: its pods start one by one, outside every queue\'s capability. Volcano\'s job webhook fills in '
    + `"${VOLCANO_SCHEDULER}" for an empty \`spec.schedulerName\` before the policy sees the Job. A Volcano CronJob is judged by its `
    + '`spec.jobTemplate.spec`, on create and on every update that changes a scheduler name in it: Volcano\'s cronjob controller creates '
    + 'its Jobs under an identity every tenant policy exempts, and the webhook fills in an empty name on each of them. '
    + 'A Volcano JobTemplate (`flow.volcano.sh`) is judged by its `spec`, a Job spec, likewise: Volcano\'s jobflow controller creates each Job of a JobFlow with the named JobTemplate\'s spec as it is, under the same exempt identity (a JobFlow only names templates, so it needs no rule). '
    + 'An UPDATE is judged only when it changes a '
    + 'scheduler name, which Volcano\'s `/jobs/validate` refuses anyway, so Jobs are in effect judged once, when created: judging every '
    + 'update would only lock Jobs admitted earlier (under `Warn`) against a label change, a scale or a finalizer removal.',
  exceptions: `None: leave \`schedulerName\` empty (Volcano fills in "${VOLCANO_SCHEDULER}"). Work that must not be scheduled by Volcano `
    + 'is not a Volcano Job: use a Deployment or batch/v1 Job without the Volcano scheduler.',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs, RULES.jobTemplates],
  judgedOnUpdate: judgedJobSpec(
    (path) => `\`${path}.schedulerName\`, the task templates' \`schedulerName\``,
    (spec) => [`(has(${spec}.schedulerName) ? ${spec}.schedulerName : "")`,
      `(has(${spec}.tasks) ? ${spec}.tasks.map(t, has(t.template) && has(t.template.spec) && has(t.template.spec.schedulerName) ? t.template.spec.schedulerName : "") : [])`],
  ),
  variables: [
    ...SPEC_VARIABLES,
    { name: 'subject', expression: SUBJECT },
    { name: 'allowed', expression: `["", ${str(VOLCANO_SCHEDULER)}]` },
    {
      name: 'strayTasks',
      expression: `has(${SPEC}.tasks) ? ${TASKS_WITH_SPEC}.filter(t, has(t.template.spec.schedulerName) && !(t.template.spec.schedulerName in variables.allowed)) : []`,
    },
  ],
  validations: [
    {
      expression: `!has(${SPEC}.schedulerName) || ${SPEC}.schedulerName in variables.allowed`,
      messageExpression: `variables.subject + ": " + variables.specField + ".schedulerName \\"" + ${SPEC}.schedulerName + "\\" would bypass Volcano's queues and gang scheduling; use \\"${VOLCANO_SCHEDULER}\\" or leave it empty"`,
      message: `spec.schedulerName must be "${VOLCANO_SCHEDULER}" or empty`,
      reason: 'Forbidden',
    },
    {
      expression: 'size(variables.strayTasks) == 0',
      messageExpression: `variables.subject + ": " + (object.kind == "CronJob" ? "jobTemplate " : "") + "task templates name another scheduler: " + variables.strayTasks.map(t, ${TASK_NAME} + " (" + t.template.spec.schedulerName + ")").join(", ") + "; use \\"${VOLCANO_SCHEDULER}\\" or leave schedulerName empty"`,
      message: `every task template's schedulerName must be "${VOLCANO_SCHEDULER}" or empty`,
      reason: 'Forbidden',
    },
  ],
});
