import { RULES, SPEC, SPEC_VARIABLES, SUBJECT, TASK_NAME, TEMPLATE_KINDS, judgedJobSpec, specOf, strList } from '../../cel';
import { PolicyFactory } from '../../policy';

/** CEL: the tasks of Job spec `spec`. */
const tasks = (spec: string) => `(has(${spec}.tasks) ? ${spec}.tasks : [])`;
/** CEL: the replicas of every task of Job spec `spec`, in task order. */
const replicas = (spec: string) => `${tasks(spec)}.map(t, has(t.replicas) ? t.replicas : 0)`;
/** CEL: the minAvailable of every task of Job spec `spec`, in task order (-1 where it is not set). */
const taskMinAvailable = (spec: string) => `${tasks(spec)}.map(t, has(t.minAvailable) ? t.minAvailable : -1)`;

/** CEL: `minAvailable` of Job spec `spec` as written (missing is 0); a created Job has it filled in by `/jobs/mutate`. */
const writtenMinAvailable = (spec: string) => `(has(${spec}.minAvailable) ? ${spec}.minAvailable : 0)`;

/**
 * CEL: task `t`'s minAvailable as `/jobs/mutate` leaves it on a created Job (`pkg/webhooks/admission/jobs/mutate/mutate_job.go`):
 * as set (0 included), else `minPartitions * partitionSize` when the partition policy has `minPartitions > 0`, else its replicas.
 */
const CREATED_TASK_MIN_AVAILABLE = '(has(t.minAvailable) ? t.minAvailable '
  + ': has(t.partitionPolicy) && has(t.partitionPolicy.minPartitions) && t.partitionPolicy.minPartitions > 0 '
  + '? t.partitionPolicy.minPartitions * (has(t.partitionPolicy.partitionSize) ? t.partitionPolicy.partitionSize : 0) '
  + ': (has(t.replicas) ? t.replicas : 0))';

/**
 * CEL: `minAvailable` of the Jobs created from template spec `spec`: a CronJob's template and a JobTemplate are not mutated,
 * but every Job created from them is, so a missing or zero value becomes the sum of the tasks' (as `/jobs/mutate` fills them in).
 */
const createdMinAvailable = (spec: string) =>
  `(has(${spec}.minAvailable) && ${spec}.minAvailable != 0 ? ${spec}.minAvailable : ${tasks(spec)}.map(t, ${CREATED_TASK_MIN_AVAILABLE}).sum())`;

/** CEL: the judged minAvailable of Job, CronJob or JobTemplate `o` (object or oldObject), read from its judged spec `spec`. */
const minAvailableOf = (o: string, spec: string) => `(${o}.kind in ${strList(TEMPLATE_KINDS)} ? ${createdMinAvailable(spec)} : ${writtenMinAvailable(spec)})`;

/** Rule 2: a Volcano Job's gang can actually start: 1 <= minAvailable <= all its replicas. */
export const gangSize: PolicyFactory = () => ({
  name: 'gang-size',
  summary: 'A Volcano Job\'s minAvailable (and that of the Jobs a Volcano CronJob or JobTemplate creates) is at least 1 and at most the sum of its tasks\' replicas, '
    + 'and no task asks for more pods than it has.',
  rationale: 'Volcano starts a gang only when `minAvailable` pods fit at once. A larger `minAvailable` than the job has pods never starts '
    + 'and holds its place in the queue for ever; `0` turns gang scheduling off, so a half-started job holds resources while waiting for the rest. '
    + 'When a Job is created, Volcano\'s job webhook (`/jobs/mutate`, before any validating policy) fills in each task\'s missing `minAvailable` '
    + 'with its replicas and a missing or zero `spec.minAvailable` with the sum of the tasks\', so the policy judges those values. '
    + 'These fields are the ones an update may change (Volcano\'s `/jobs/validate` lets `spec.minAvailable` and the tasks\' `replicas` '
    + 'and `minAvailable` change, nothing else of the gang), so on UPDATE each rule judges only what the update changed: '
    + '`spec.minAvailable` against 1 when it changed, against the replicas when either changed, and only the tasks that are not exactly '
    + 'as stored. A Job admitted earlier (under `Warn`) is not locked by a value it already had. '
    + 'A Volcano CronJob is judged by its `spec.jobTemplate.spec`, the same way and on every update that changes those fields: Volcano\'s '
    + 'cronjob controller creates its Jobs under an identity every tenant policy exempts. The template itself is not mutated, but each Job '
    + 'created from it is, so a template\'s missing or zero `minAvailable` is judged as the sum the webhook will fill in. '
    + 'A Volcano JobTemplate (`flow.volcano.sh`) is judged by its `spec`, a Job spec, likewise: Volcano\'s jobflow controller creates each Job of a JobFlow with the named JobTemplate\'s spec as it is, under the same exempt identity (a JobFlow only names templates, so it needs no rule); a JobTemplate is not mutated either, so its missing or zero `spec.minAvailable` is judged as that sum too.',
  exceptions: 'None: the rule describes jobs that can run. Leave `minAvailable` out to let Volcano use the sum of the tasks\' `minAvailable` '
    + '(which default to their replicas).',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs, RULES.jobTemplates],
  judgedOnUpdate: {
    ...judgedJobSpec(
      (path) => `\`${path}.minAvailable\`, \`${path}.tasks[*].replicas\`, \`${path}.tasks[*].minAvailable\``,
      (spec) => [writtenMinAvailable(spec), replicas(spec), taskMinAvailable(spec)],
    ),
  },
  variables: [
    ...SPEC_VARIABLES,
    { name: 'subject', expression: SUBJECT },
    { name: 'tasks', expression: tasks(SPEC) },
    { name: 'minAvailable', expression: minAvailableOf('object', SPEC) },
    { name: 'replicas', expression: `${replicas(SPEC)}.sum()` },
    // On UPDATE, the stored object's judged spec (the kind does not change).
    { name: 'storedSpec', expression: `oldObject == null ? {} : ${specOf('oldObject')}` },
    { name: 'minAvailableChanged', expression: `oldObject == null || variables.minAvailable != ${minAvailableOf('oldObject', 'variables.storedSpec')}` },
    { name: 'replicasChanged', expression: `oldObject == null || variables.replicas != ${replicas('variables.storedSpec')}.sum()` },
    // A task exactly as stored was judged when it was written.
    { name: 'judgedTasks', expression: `oldObject == null ? variables.tasks : variables.tasks.filter(t, !(t in ${tasks('variables.storedSpec')}))` },
  ],
  validations: [
    {
      expression: '!variables.minAvailableChanged || variables.minAvailable >= 1',
      messageExpression: 'variables.subject + ": " + variables.specField + ".minAvailable is " + string(variables.minAvailable) + ", which turns gang scheduling off; '
        + 'set it to at least 1 (when a Job is created without it, Volcano uses the sum of the tasks\' minAvailable, each its replicas unless set)"',
      message: 'spec.minAvailable must be at least 1',
      reason: 'Invalid',
    },
    {
      expression: '!(variables.minAvailableChanged || variables.replicasChanged) || variables.minAvailable <= variables.replicas',
      messageExpression: 'variables.subject + ": " + variables.specField + ".minAvailable " + string(variables.minAvailable) + " is more than the " '
        + '+ string(variables.replicas) + " replicas of all its tasks, so the gang could never start"',
      message: 'spec.minAvailable must be at most the sum of the tasks\' replicas',
      reason: 'Invalid',
    },
    {
      expression: 'variables.judgedTasks.all(t, !has(t.minAvailable) || t.minAvailable <= (has(t.replicas) ? t.replicas : 0))',
      messageExpression: 'variables.subject + ": " + (object.kind == "CronJob" ? "jobTemplate " : "") + "tasks ask for more pods than they have: " + variables.judgedTasks'
        + `.filter(t, has(t.minAvailable) && t.minAvailable > (has(t.replicas) ? t.replicas : 0)).map(t, ${TASK_NAME} + " minAvailable " `
        + '+ string(t.minAvailable) + " > replicas " + string(has(t.replicas) ? t.replicas : 0)).join(", ")',
      message: 'a task\'s minAvailable must be at most its replicas',
      reason: 'Invalid',
    },
  ],
});
