import { JOB_SPEC_KINDS, ONLY_VOLCANO_PODS, RULES, SPEC, SPEC_VARIABLES, SUBJECT, TASKS_WITH_SPEC, TASK_LABEL, containersOf, judgedJobSpec, strList, taskContainersIn } from '../../cel';
import { PolicyFactory } from '../../policy';

/** CEL: the resources among cpu and memory that container `c` does not request. */
const MISSING = '["cpu", "memory"].filter(r, !(has(c.resources) && has(c.resources.requests) && r in c.resources.requests))';

/** Rule 3: every container of a Volcano Job's tasks (a CronJob's job template's, a JobTemplate's) and of a Volcano pod requests cpu and memory. */
export const resourceRequests: PolicyFactory = () => ({
  name: 'resource-requests',
  summary: 'Every container and init container of a Volcano Job\'s tasks (and of a Volcano CronJob\'s job template or a JobTemplate), and of a pod scheduled by Volcano, requests cpu and memory.',
  rationale: 'Volcano decides whether a whole gang fits, and how much of a queue it uses, from the requests in the templates. A container '
    + 'without requests counts as free: the gang is admitted to a queue that cannot hold it, and the queue\'s capability stops meaning '
    + 'anything. Plain pods are different: every tenant namespace has a LimitRange with default requests, and the LimitRanger '
    + 'mutating admission step fills in what a created Pod\'s containers leave out before any validating policy runs, so a Pod in a '
    + 'tenant namespace is admitted with those defaults and this policy only denies one if the namespace\'s LimitRange was removed '
    + 'or no longer defaults cpu and memory. A Volcano Job\'s pod templates are not pods: LimitRanger never fills them in, and '
    + 'Volcano plans the gang with them as written, so the Job check is the one that matters. '
    + 'A Volcano CronJob is judged by the task containers of its `spec.jobTemplate.spec`, on create and on every update that changes them: '
    + 'its Jobs are created by Volcano\'s cronjob controller, whose identity every tenant policy exempts. '
    + 'A Volcano JobTemplate (`flow.volcano.sh`) is judged by its `spec`, a Job spec, likewise: Volcano\'s jobflow controller creates each Job of a JobFlow with the named JobTemplate\'s spec as it is, under the same exempt identity (a JobFlow only names templates, so it needs no rule). '
    + 'An UPDATE of a Job is judged only when it changes the tasks\' containers, which Volcano\'s `/jobs/validate` refuses anyway, so '
    + 'Jobs are in effect judged once, when created: judging every update would only lock Jobs admitted earlier (under `Warn`) against a '
    + 'label change, a scale or a finalizer removal.',
  exceptions: 'None: add `resources.requests.cpu` and `resources.requests.memory` to every container of a Volcano Job; measure the '
    + 'workload or start from the namespace\'s LimitRange defaults. Plain pods get those defaults automatically.',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs, RULES.jobTemplates, RULES.pods],
  judgedOnUpdate: judgedJobSpec((path) => `the containers of \`${path}.tasks\``, (spec) => [taskContainersIn(spec)]),
  matchConditions: [ONLY_VOLCANO_PODS],
  variables: [
    ...SPEC_VARIABLES,
    { name: 'subject', expression: SUBJECT },
    {
      name: 'missing',
      expression: `object.kind in ${strList(JOB_SPEC_KINDS)} ? (has(${SPEC}.tasks) ? ${TASKS_WITH_SPEC}.map(t, ${containersOf('t.template.spec')}`
        + `.filter(c, size(${MISSING}) > 0).map(c, ${TASK_LABEL} + " container " + c.name + " (" + ${MISSING}.join(", ") + ")")) : []) `
        + `: [${containersOf('object.spec')}.filter(c, size(${MISSING}) > 0).map(c, "container " + c.name + " (" + ${MISSING}.join(", ") + ")")]`,
    },
  ],
  validations: [{
    expression: 'variables.missing.all(l, size(l) == 0)',
    messageExpression: 'variables.subject + ": every container must request cpu and memory, so Volcano knows the gang\'s size before '
      + 'placing it; missing: " + variables.missing.filter(l, size(l) > 0).map(l, l.join(", ")).join(", ")',
    message: 'every container must request cpu and memory',
    reason: 'Invalid',
  }],
});
