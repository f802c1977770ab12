/**
 * CEL building blocks shared by the policies. Environment-wide facts are written into the expressions
 * as literals, so a reviewer sees them in the `dist/` diff; per-namespace facts are read from
 * `namespaceObject` annotations at admission time.
 */
import { MatchCondition, NamedRuleWithOperations, Variable } from '../../imports/admissionregistration.k8s.io';
import { ANNOTATIONS } from '../labels';

/** The scheduler name Volcano answers to (its `--scheduler-name` default). */
export const VOLCANO_SCHEDULER = 'volcano';
/** Pod annotation choosing the queue of a plain pod's PodGroup. */
export const POD_QUEUE_ANNOTATION = 'scheduling.volcano.sh/queue-name';

/** A CEL string literal. */
export function str(value: string): string {
  return JSON.stringify(value);
}

/** A CEL list of string literals. */
export function strList(values: readonly string[]): string {
  return `[${values.map(str).join(', ')}]`;
}

/** A CEL map from string to list of strings. */
export function strListMap(map: Readonly<Record<string, readonly string[]>>): string {
  return `{${Object.keys(map).sort().map((k) => `${str(k)}: ${strList(map[k])}`).join(', ')}}`;
}

/** `kind namespace/name` of the object under review, tolerating `generateName`. */
export const SUBJECT = `object.kind + " " + (has(object.metadata.namespace) ? object.metadata.namespace + "/" : "") + `
  + `(has(object.metadata.name) && object.metadata.name != "" ? object.metadata.name : `
  + `(has(object.metadata.generateName) ? object.metadata.generateName + "<generated>" : "<unnamed>"))`;

/** A comma-separated namespace annotation as a list, empty when the annotation is missing. */
export function namespaceList(annotation: string): string {
  return `has(namespaceObject.metadata.annotations) && ${str(annotation)} in namespaceObject.metadata.annotations`
    + ` ? namespaceObject.metadata.annotations[${str(annotation)}].split(",").map(v, v.trim()).filter(v, v != "") : []`;
}

/** The namespace's allowed queues (written by the tenant construct). */
export const ALLOWED_QUEUES = namespaceList(ANNOTATIONS.allowedQueues);
/** The namespace's allowed priority classes (written by the tenant construct). */
export const ALLOWED_PRIORITY_CLASSES = namespaceList(ANNOTATIONS.allowedPriorityClasses);

/**
 * CEL: the spec of the Jobs that Volcano CronJob `o` creates. Volcano's cronjob controller copies
 * `spec.jobTemplate.spec` into every Job it creates (`getJobFromTemplate` in
 * `pkg/controllers/cronjob/cronjob_controller_util.go`), as its own identity, which the tenant policies
 * exempt; so a CronJob is judged by its template when a tenant writes it. An empty map when the template
 * has no spec: its Jobs have no tasks, which `/jobs/validate` refuses.
 */
export function cronJobTemplateSpecOf(o: string): string {
  return `(has(${o}.spec.jobTemplate.spec) ? ${o}.spec.jobTemplate.spec : {})`;
}

/**
 * CEL: the spec of the Jobs that Volcano JobTemplate `o` (`flow.volcano.sh/v1alpha1`) stands for: its own `spec`,
 * a Volcano Job spec. Volcano's jobflow controller (on by default: the controller manager's `--controllers`
 * default is `*,-sharding-controller`, `cmd/controller-manager/app/options/options.go`) creates each Job of a
 * JobFlow with the named JobTemplate's spec as it is (`loadJobTemplateAndSetJob` in
 * `pkg/controllers/jobflow/jobflow_controller_action.go`; the CRD's `flows[].patch` is never read), as its own
 * identity, which the tenant policies exempt; so a JobTemplate is judged when a tenant writes it. An empty map
 * when it has no spec (the CRD does not require one): its Jobs have no tasks, which `/jobs/validate` refuses.
 */
export function jobTemplateSpecOf(o: string): string {
  return `(has(${o}.spec) ? ${o}.spec : {})`;
}

/**
 * The kinds whose spec is the template of Jobs that Volcano's exempt controllers create, which nothing mutates
 * until each Job is created from it: a CronJob (its `spec.jobTemplate.spec`) and a JobTemplate (its `spec`).
 * Their missing values are judged as `/jobs/mutate` will fill them in on each created Job.
 */
export const TEMPLATE_KINDS: readonly string[] = ['CronJob', 'JobTemplate'];

/** The kinds whose judged spec is a Volcano Job spec: Jobs and the {@link TEMPLATE_KINDS}. */
export const JOB_SPEC_KINDS: readonly string[] = ['Job', ...TEMPLATE_KINDS];

/**
 * CEL: the spec judged of `o` (object or oldObject): a CronJob's template spec ({@link cronJobTemplateSpecOf}),
 * a JobTemplate's spec ({@link jobTemplateSpecOf}), any other kind's `spec`.
 */
export function specOf(o: string): string {
  return `(${o}.kind == "CronJob" ? ${cronJobTemplateSpecOf(o)} : ${o}.kind == "JobTemplate" ? ${jobTemplateSpecOf(o)} : ${o}.spec)`;
}

/**
 * The variables `spec` (the judged spec of the object under review, {@link specOf}) and `specField` (where
 * it is written, for messages). Variables, unlike validations, are not type-checked against each matched
 * kind's schema, so one expression may read a Job's, a CronJob's and a JobTemplate's fields. Policies that judge Volcano
 * Jobs declare these first; {@link SPEC}, {@link REQUESTED_QUEUE} and {@link TASKS_WITH_SPEC} read them.
 */
export const SPEC_VARIABLES: readonly Variable[] = [
  { name: 'spec', expression: specOf('object') },
  { name: 'specField', expression: 'object.kind == "CronJob" ? "spec.jobTemplate.spec" : "spec"' },
];

/** The judged spec of the object under review (declared by {@link SPEC_VARIABLES}). */
export const SPEC = 'variables.spec';

/** CEL: the queue in Job or PodGroup spec `spec`; empty means Volcano's `default` queue. */
export function queueIn(spec: string): string {
  return `(has(${spec}.queue) && ${spec}.queue != "" ? ${spec}.queue : "default")`;
}

/**
 * The queue a Job, CronJob, JobTemplate, PodGroup or Volcano pod asks for; empty means Volcano's `default` queue.
 * Jobs, JobTemplates and PodGroups: `spec.queue`; CronJobs: `spec.jobTemplate.spec.queue` (needs {@link SPEC_VARIABLES});
 * pods: the `scheduling.volcano.sh/queue-name` annotation.
 */
export const REQUESTED_QUEUE = `object.kind == "Pod"`
  + ` ? (has(object.metadata.annotations) && ${str(POD_QUEUE_ANNOTATION)} in object.metadata.annotations && object.metadata.annotations[${str(POD_QUEUE_ANNOTATION)}] != ""`
  + ` ? object.metadata.annotations[${str(POD_QUEUE_ANNOTATION)}] : "default")`
  + ` : ${queueIn(SPEC)}`;

/** Every container and init container of the pod spec bound to `spec` (CEL has no flatten before 1.31). */
export function containersOf(spec: string): string {
  return `((has(${spec}.containers) ? ${spec}.containers : []) + (has(${spec}.initContainers) ? ${spec}.initContainers : []))`;
}

/** CEL: every container and init container of every task of Job spec `spec`, a list per task. */
export function taskContainersIn(spec: string): string {
  return `(has(${spec}.tasks) ? ${spec}.tasks.map(t, has(t.template) && has(t.template.spec) ? ${containersOf('t.template.spec')} : []) : [])`;
}

/** Resource rules of the kinds the policies look at. */
export const RULES: Readonly<Record<'volcanoJobs' | 'jobTemplates' | 'podGroups' | 'pods' | 'queues' | 'commands', NamedRuleWithOperations>> = {
  // Volcano Jobs and the CronJobs that create them: the CronJob's Jobs come from Volcano's exempt controller.
  volcanoJobs: { apiGroups: ['batch.volcano.sh'], apiVersions: ['v1alpha1'], resources: ['jobs', 'cronjobs'], operations: ['CREATE', 'UPDATE'] },
  // JobTemplates, whose spec Volcano's exempt jobflow controller copies into the Jobs of a JobFlow. JobFlows
  // themselves need no rule: they only name JobTemplates of their own namespace and order them (`/jobflows/validate`
  // checks that the order is a DAG), and 1.15.1's controller ignores their `flows[].patch`, so a JobFlow adds
  // nothing the policies judge to the Jobs it causes.
  jobTemplates: { apiGroups: ['flow.volcano.sh'], apiVersions: ['v1alpha1'], resources: ['jobtemplates'], operations: ['CREATE', 'UPDATE'] },
  podGroups: { apiGroups: ['scheduling.volcano.sh'], apiVersions: ['v1beta1'], resources: ['podgroups'], operations: ['CREATE', 'UPDATE'] },
  pods: { apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] },
  queues: { apiGroups: ['scheduling.volcano.sh'], apiVersions: ['v1beta1'], resources: ['queues'], operations: ['CREATE', 'UPDATE', 'DELETE'] },
  // Volcano's bus Commands: the queue controller opens or closes the Queue a Command targets, whatever its namespace
  // (pkg/controllers/queue/queue_controller.go handleCommand), and deletes the Command; the chart's end-user role
  // vcjob-editor-role may create them.
  commands: { apiGroups: ['bus.volcano.sh'], apiVersions: ['v1alpha1'], resources: ['commands'], operations: ['CREATE'] },
};

/** Match condition: plain pods only when Volcano schedules them (Jobs and PodGroups always). */
export const ONLY_VOLCANO_PODS = {
  name: 'volcano-scheduled-pods-only',
  expression: `object.kind != "Pod" || (has(object.spec.schedulerName) && object.spec.schedulerName == ${str(VOLCANO_SCHEDULER)})`,
};

/** Pod annotation naming an existing PodGroup the pod belongs to; Volcano then takes the queue from that PodGroup. */
export const POD_GROUP_ANNOTATION = 'scheduling.k8s.io/group-name';

/**
 * Match condition: no pod that names its PodGroup. Such a pod's queue annotation is ignored (the
 * PodGroup's `spec.queue` counts, and PodGroups are checked when they are written).
 */
export const NOT_PODS_OF_NAMED_GROUPS = {
  name: 'pods-of-named-podgroups-excluded',
  expression: `object.kind != "Pod" || !(has(object.metadata.annotations) && ${str(POD_GROUP_ANNOTATION)} in object.metadata.annotations`
    + ` && object.metadata.annotations[${str(POD_GROUP_ANNOTATION)}] != "")`,
};

/**
 * CEL: whether the queue of the object under review is known to it: false for a pod that names its
 * PodGroup, whose queue is the PodGroup's and not the pod's annotation.
 */
export const QUEUE_KNOWN = NOT_PODS_OF_NAMED_GROUPS.expression;

/** Where the queue of the object under review is written, for messages. */
export const QUEUE_FIELD = `object.kind == "Pod" ? "annotation ${POD_QUEUE_ANNOTATION}" : object.kind == "CronJob" ? "spec.jobTemplate.spec.queue" : "spec.queue"`;

/** CEL: the tasks of Job spec `spec` that have a pod spec (the job webhook refuses others anyway). */
export function tasksWithSpecIn(spec: string): string {
  return `${spec}.tasks.filter(t, has(t.template) && has(t.template.spec))`;
}

/** The judged spec's tasks that have a pod spec (needs {@link SPEC_VARIABLES}). */
export const TASKS_WITH_SPEC = tasksWithSpecIn(SPEC);

/** A task's name for messages; Volcano names unnamed tasks `default<index>`. */
export const TASK_NAME = '(has(t.name) ? t.name : "<unnamed>")';

/** A task for messages: `task <name>` of a Job or JobTemplate, `jobTemplate task <name>` of a CronJob. */
export const TASK_LABEL = `(object.kind == "CronJob" ? "jobTemplate task " : "task ") + ${TASK_NAME}`;

/** CEL: metadata field `field` (labels or annotations) of `o`, an empty map when absent. */
const metadataMap = (o: string, field: string) => `(has(${o}.metadata.${field}) ? ${o}.metadata.${field} : {})`;

/**
 * Match condition of every policy: an UPDATE of an object that is already being deleted (the stored
 * object has `metadata.deletionTimestamp`) and that leaves its spec, labels and annotations as they were
 * is not judged. Such an update only removes finalizers: the garbage collector
 * (`system:serviceaccount:kube-system:generic-garbage-collector`) removing `foregroundDeletion` once the
 * dependents are gone (how `@pulumi/kubernetes` deletes by default) or `orphan`, or a controller removing
 * its own. Judging it would keep the object Terminating for ever, and the deploy waiting for it. An
 * update that changes anything else of an object being deleted is judged as usual: the API server
 * accepts such changes until the last finalizer is gone.
 */
export const NOT_FINALIZING_DELETED: MatchCondition = {
  name: 'finalizing-deleted-objects-excluded',
  expression: 'request.operation != "UPDATE" || !has(oldObject.metadata.deletionTimestamp) || !('
    + 'has(object.spec) == has(oldObject.spec) && (!has(object.spec) || object.spec == oldObject.spec)'
    + ` && ${metadataMap('object', 'labels')} == ${metadataMap('oldObject', 'labels')}`
    + ` && ${metadataMap('object', 'annotations')} == ${metadataMap('oldObject', 'annotations')})`,
};

/** The kinds whose UPDATEs a policy may judge only when what it judges changed. */
export type UpdatableKind = 'Job' | 'CronJob' | 'JobTemplate' | 'PodGroup' | 'Queue';

/** What a policy judges of one kind of object on UPDATE. */
export interface JudgedOnUpdate {
  /** The fields, for the documentation (e.g. "`spec.queue`"). */
  readonly fields: string;
  /** CEL values over `o` (object or oldObject); the policy judges an UPDATE only when one differs. */
  readonly values: (o: string) => readonly string[];
  /**
   * CEL over `o`: whether the values can be read at all (a CronJob's template or a JobTemplate may have no spec). An UPDATE that
   * adds or removes what they are read from is judged; without it, the values are always readable.
   */
  readonly readable?: (o: string) => string;
}

/**
 * Match condition: an UPDATE of a Job, CronJob, JobTemplate, PodGroup or Queue is judged only when one of the values the policy judges
 * differs between `oldObject` and `object`. What was admitted before (under `Warn`, or before an
 * environment narrowed a tenant's queues) is then not locked: a label change, a finalizer removal or a
 * scale of its replicas goes through, while a change to what the policy judges is judged. Kinds without
 * an entry are judged on every UPDATE.
 */
export function judgedFieldsChanged(judged: Readonly<Partial<Record<UpdatableKind, JudgedOnUpdate>>>): MatchCondition {
  const kinds = (Object.keys(judged) as UpdatableKind[]).sort();
  const changed = kinds.map((kind) => {
    const { values, readable } = judged[kind]!;
    const differs = values('object').map((v, i) => `${v} != ${values('oldObject')[i]}`).join(' || ');
    if (!readable) return `(object.kind == ${str(kind)} && (${differs}))`;
    return `(object.kind == ${str(kind)} && (${readable('object')} != ${readable('oldObject')} || ${readable('object')} && (${differs})))`;
  });
  return {
    name: 'updates-changing-judged-fields-only',
    expression: `request.operation != "UPDATE" || !(object.kind in ${strList(kinds)}) || ${changed.join(' || ')}`,
  };
}

/**
 * What a policy judges on UPDATE of a Volcano Job, a CronJob and a JobTemplate, written once over the Job spec:
 * `fields(path)` names the fields under `path` (`spec`, or `spec.jobTemplate.spec` for a CronJob), and
 * `values(spec)` are CEL values over the spec. A CronJob's template matters on every UPDATE: Volcano's
 * `/cronjobs/validate` checks only the schedule and name (`pkg/webhooks/admission/cronjobs/validate/admit_cronjob.go`),
 * and the controller creates the next Jobs from the template as it is then. So does a JobTemplate's spec: no
 * Volcano webhook looks at JobTemplates, and the jobflow controller reads the template from its cache each time it
 * creates a JobFlow's Job (`loadJobTemplateAndSetJob`), so a later JobFlow (or a later step of a running one) gets
 * the updated spec.
 */
export function judgedJobSpec(
  fields: (path: string) => string,
  values: (spec: string) => readonly string[],
): Readonly<Record<'Job' | 'CronJob' | 'JobTemplate', JudgedOnUpdate>> {
  return {
    Job: { fields: fields('spec'), values: (o) => values(`${o}.spec`) },
    CronJob: { fields: fields('spec.jobTemplate.spec'), values: (o) => values(`${o}.spec.jobTemplate.spec`), readable: (o) => `has(${o}.spec.jobTemplate.spec)` },
    JobTemplate: { fields: fields('spec'), values: (o) => values(`${o}.spec`), readable: (o) => `has(${o}.spec)` },
  };
}
