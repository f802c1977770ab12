/**
 * What Volcano v1.15.1 does to its objects before a ValidatingAdmissionPolicy sees them, so that tests
 * judge Jobs and PodGroups in the shape the API server hands to validating admission, never in a shape
 * the cluster never sends. Validating admission (policies and webhooks) runs after every mutating step:
 *
 * 1. **CRD structural defaulting**, on every request and every read (`batch.volcano.sh_jobs.yaml`,
 *    `scheduling.volcano.sh_podgroups.yaml`): a Job without `spec.maxRetry` gets 3 and one without
 *    `spec.queue` gets `default`; a PodGroup without `spec.queue` gets `default`. (The CRDs' other defaults,
 *    inside `networkTopology`, `partitionPolicy` and `subGroupPolicy`, are left out: no policy reads them.)
 *    A CronJob (`batch.volcano.sh_cronjobs.yaml`) gets `concurrencyPolicy` `Allow`, `suspend` false, 1 failed
 *    and 3 successful Jobs of history, and, where it has `spec.jobTemplate.spec`, the Job CRD's two defaults
 *    there: `maxRetry` 3 and `queue` `default`. Nothing else mutates a CronJob: Volcano has no CronJob mutating
 *    webhook (only `/cronjobs/validate`, which checks the schedule), so its template reaches the policies
 *    without the `/jobs/mutate` patch, which the Jobs created from it get later ({@link jobFromCronJob}).
 *    A JobTemplate (`flow.volcano.sh_jobtemplates.yaml`, whose `spec` is a Job spec) gets, where it has `spec`, the
 *    same two defaults as a Job: `spec.maxRetry` 3 and `spec.queue` `default`. Nothing else mutates it either: no
 *    Volcano webhook matches `jobtemplates` (`/jobflows/validate` matches only `jobflows`), so it reaches the
 *    policies as written, and the Jobs a JobFlow creates from it get the `/jobs/mutate` patch later
 *    ({@link jobFromJobTemplate}).
 * 2. **The `/jobs/mutate` webhook**, on Job CREATE only (`pkg/webhooks/admission/jobs/mutate/mutate_job.go`,
 *    `createPatch`), in the chart's default `enabled_admissions`:
 *    - `spec.queue` `default` if empty; `spec.schedulerName` the webhook's first `--scheduler-name` if empty;
 *      `spec.maxRetry` 3 if 0;
 *    - per task `i`: `name` `default<i>` if empty; `template.spec.dnsPolicy` `ClusterFirstWithHostNet` if the
 *      template uses the host network and sets none; `minAvailable`, if not set (0 is kept), the partition
 *      policy's `minPartitions * partitionSize` when `minPartitions > 0`, else `replicas`; `maxRetry` 3 if 0;
 *    - `spec.minAvailable`, if 0, the sum of the tasks' `minAvailable` (after the step before);
 *    - `spec.plugins`, when set: `svc` added for `tensorflow`, `mpi`, `pytorch` or `ray`, `ssh` for `mpi`.
 *
 * A Job is stored as it leaves these steps, and an UPDATE sends the stored object back with its changes:
 * Volcano's `/jobs/validate` refuses an update that changes anything but `spec.minAvailable`,
 * `spec.priorityClassName`, the tasks' `replicas` and `minAvailable` (and volume claim names). So the Jobs
 * of UPDATE fixtures are written in the stored shape ({@link storedJob}), which {@link storedShapeProblems}
 * checks.
 */

type Json = Record<string, any>;

/** Volcano's default `maxRetry`, for the Job and each of its tasks. */
export const VOLCANO_DEFAULT_MAX_RETRY = 3;
/** The queue Volcano gives a Job or PodGroup that names none. */
export const VOLCANO_DEFAULT_QUEUE = 'default';
/** The webhook manager's `--scheduler-name` default (the chart's `custom.scheduler_name` when unset). */
export const VOLCANO_DEFAULT_SCHEDULER = 'volcano';
/** The admission path of the Job mutating webhook. */
export const JOBS_MUTATE = '/jobs/mutate';

/** A JSON copy, not structuredClone: under jest that yields arrays of another realm, which CEL refuses. */
const copy = (o: Json): Json => JSON.parse(JSON.stringify(o));
/** Go's zero value test of an int32 field, where JSON may leave it out. */
const unset = (v: unknown) => v === undefined || v === null || v === 0;

/**
 * The Job CRD's structural defaults on a Job spec, in place: `maxRetry` 3 and `queue` `default` when absent.
 * A Job's `spec`, a CronJob's `spec.jobTemplate.spec` and a JobTemplate's `spec` all carry them; a spec that is
 * not there gets none (structural defaulting fills fields of existing objects only).
 */
function defaultJobSpec(spec: Json | undefined | null): void {
  if (spec === undefined || spec === null) return;
  if (spec.maxRetry === undefined) spec.maxRetry = VOLCANO_DEFAULT_MAX_RETRY;
  if (spec.queue === undefined) spec.queue = VOLCANO_DEFAULT_QUEUE;
}

/** A Volcano Job after the API server's CRD defaulting (`spec.maxRetry` 3, `spec.queue` `default` when absent). */
export function jobCrdDefaults(job: Json): Json {
  const result = copy(job);
  result.spec ??= {};
  defaultJobSpec(result.spec);
  return result;
}

/**
 * A Volcano CronJob after the API server's CRD defaulting (see the file comment). Structural defaulting fills
 * a field only where its parent object exists, so a template without `spec` stays without one.
 */
export function cronJobCrdDefaults(cronJob: Json): Json {
  const result = copy(cronJob);
  result.spec ??= {};
  const spec = result.spec;
  spec.concurrencyPolicy ??= 'Allow';
  spec.suspend ??= false;
  spec.failedJobsHistoryLimit ??= 1;
  spec.successfulJobsHistoryLimit ??= 3;
  defaultJobSpec(spec.jobTemplate?.spec);
  return result;
}

/**
 * The Job Volcano's cronjob controller creates from a stored CronJob, before admission: the template's labels
 * and annotations, a name from the CronJob's and the schedule time, the CronJob's namespace and the template's
 * spec as it is (`getJobFromTemplate`, `pkg/controllers/cronjob/cronjob_controller_util.go`). `minute` stands
 * for the schedule time in minutes since the epoch.
 */
export function jobFromCronJob(cronJob: Json, minute = 29_000_000): Json {
  const template = cronJobCrdDefaults(cronJob).spec.jobTemplate ?? {};
  return {
    apiVersion: 'batch.volcano.sh/v1alpha1',
    kind: 'Job',
    metadata: {
      name: `${cronJob.metadata.name}-${minute}`,
      namespace: cronJob.metadata.namespace,
      ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
    },
    spec: copy(template.spec ?? {}),
  };
}

/**
 * A Volcano JobTemplate after the API server's CRD defaulting: the Job CRD's `spec.maxRetry` 3 and `spec.queue`
 * `default`, the only defaults of `flow.volcano.sh_jobtemplates.yaml` outside `networkTopology`, `partitionPolicy`
 * and pod templates. A JobTemplate without `spec` stays without one (structural defaulting fills fields of existing
 * objects only; the CRD does not require `spec`).
 */
export function jobTemplateCrdDefaults(jobTemplate: Json): Json {
  const result = copy(jobTemplate);
  defaultJobSpec(result.spec);
  return result;
}

/**
 * The Job Volcano's jobflow controller creates, before admission, from a stored JobTemplate for the flow of
 * JobFlow `jobFlowName` that names it (`loadJobTemplateAndSetJob`, `pkg/controllers/jobflow/jobflow_controller_action.go`):
 * named `<jobflow>-<template>` (`getJobName`), in the JobFlow's namespace (the only one it looks the template up in),
 * labelled and annotated with the template and the flow that created it, with the template's spec as it is. The
 * flow's `patch` is not applied: 1.15.1's controller never reads it.
 */
export function jobFromJobTemplate(jobTemplate: Json, jobFlowName = 'pipeline'): Json {
  const stored = jobTemplateCrdDefaults(jobTemplate);
  const namespace = jobTemplate.metadata.namespace;
  const createdBy = {
    'volcano.sh/createdByJobTemplate': `${namespace}.${jobTemplate.metadata.name}`,
    'volcano.sh/createdByJobFlow': `${namespace}.${jobFlowName}`,
  };
  return {
    apiVersion: 'batch.volcano.sh/v1alpha1',
    kind: 'Job',
    metadata: { name: `${jobFlowName}-${jobTemplate.metadata.name}`, namespace, labels: { ...createdBy }, annotations: { ...createdBy } },
    spec: copy(stored.spec ?? {}),
  };
}

/** A PodGroup after the API server's CRD defaulting (`spec.queue` `default` when absent). */
export function podGroupCrdDefaults(podGroup: Json): Json {
  const result = copy(podGroup);
  result.spec ??= {};
  if (result.spec.queue === undefined) result.spec.queue = VOLCANO_DEFAULT_QUEUE;
  return result;
}

/**
 * A Volcano Job as created: CRD defaulting, then the `/jobs/mutate` webhook's patch (see the file comment).
 * `schedulerName` is the webhook's first `--scheduler-name`. Idempotent, so a stored Job comes out unchanged.
 */
export function mutateJobOnCreate(job: Json, schedulerName: string = VOLCANO_DEFAULT_SCHEDULER): Json {
  const result = jobCrdDefaults(job);
  const spec = result.spec;
  if (!spec.queue) spec.queue = VOLCANO_DEFAULT_QUEUE;
  if (!spec.schedulerName) spec.schedulerName = schedulerName;
  if (unset(spec.maxRetry)) spec.maxRetry = VOLCANO_DEFAULT_MAX_RETRY;
  const tasks: Json[] = Array.isArray(spec.tasks) ? spec.tasks : [];
  tasks.forEach((task, index) => {
    if (!task.name) task.name = `default${index}`;
    const podSpec = task.template?.spec;
    if (podSpec?.hostNetwork === true && !podSpec.dnsPolicy) podSpec.dnsPolicy = 'ClusterFirstWithHostNet';
    if (task.minAvailable === undefined || task.minAvailable === null) {
      const partitions = task.partitionPolicy?.minPartitions ?? 0;
      task.minAvailable = partitions > 0 ? partitions * (task.partitionPolicy?.partitionSize ?? 0) : (task.replicas ?? 0);
    }
    if (unset(task.maxRetry)) task.maxRetry = VOLCANO_DEFAULT_MAX_RETRY;
  });
  if (unset(spec.minAvailable)) spec.minAvailable = tasks.reduce((sum, t) => sum + t.minAvailable, 0);
  if (spec.plugins !== undefined && spec.plugins !== null) {
    const plugins: Json = spec.plugins;
    if (['tensorflow', 'mpi', 'pytorch', 'ray'].some((p) => p in plugins) && !('svc' in plugins)) plugins.svc = [];
    if ('mpi' in plugins && !('ssh' in plugins)) plugins.ssh = [];
  }
  return result;
}

/** A Volcano Job as the API server stores it after CREATE: what an UPDATE's `oldObject` is, and what its `object` starts from. */
export function storedJob(job: Json, schedulerName: string = VOLCANO_DEFAULT_SCHEDULER): Json {
  return mutateJobOnCreate(job, schedulerName);
}

/**
 * What makes a Job unlike any the API server stores: a field the webhook always fills in (queue, schedulerName,
 * maxRetry, each task's name and maxRetry) left empty. Empty when the Job is in the stored shape.
 */
export function storedShapeProblems(job: Json): string[] {
  const spec = job.spec ?? {};
  const problems: string[] = [];
  if (!spec.queue) problems.push('spec.queue is empty');
  if (!spec.schedulerName) problems.push('spec.schedulerName is empty');
  if (unset(spec.maxRetry)) problems.push('spec.maxRetry is 0');
  ((spec.tasks ?? []) as Json[]).forEach((task, i) => {
    if (!task.name) problems.push(`spec.tasks[${i}].name is empty`);
    if (unset(task.maxRetry)) problems.push(`spec.tasks[${i}].maxRetry is 0`);
  });
  return problems;
}

/** Where Volcano's admission stands in a rendered environment. */
export interface VolcanoAdmission {
  /** Whether `/jobs/mutate` is among the release's enabled admission paths. */
  readonly jobsMutate: boolean;
  /** The webhook's first `--scheduler-name`. */
  readonly schedulerName: string;
}

/** The Volcano admission of a rendered environment, read from its Volcano HelmRelease (the chart's defaults without one). */
export function volcanoAdmissionOf(objects: readonly Json[]): VolcanoAdmission {
  const release = objects.find((o) => o.kind === 'HelmRelease' && o.spec?.chart?.spec?.chart === 'volcano');
  const custom: Json = release?.spec?.values?.custom ?? {};
  const enabled = typeof custom.enabled_admissions === 'string' ? custom.enabled_admissions.split(',').map((p: string) => p.trim()) : [JOBS_MUTATE];
  const names = custom.scheduler_name;
  const first = Array.isArray(names) ? names[0] : typeof names === 'string' ? names.split(',')[0] : undefined;
  return { jobsMutate: enabled.includes(JOBS_MUTATE), schedulerName: first || VOLCANO_DEFAULT_SCHEDULER };
}

const isVolcanoJob = (o: Json | null | undefined): o is Json => o?.apiVersion === 'batch.volcano.sh/v1alpha1' && o.kind === 'Job';
const isPodGroup = (o: Json | null | undefined): o is Json => o?.apiVersion === 'scheduling.volcano.sh/v1beta1' && o.kind === 'PodGroup';
const isCronJob = (o: Json | null | undefined): o is Json => o?.apiVersion === 'batch.volcano.sh/v1alpha1' && o.kind === 'CronJob';
const isJobTemplate = (o: Json | null | undefined): o is Json => o?.apiVersion === 'flow.volcano.sh/v1alpha1' && o.kind === 'JobTemplate';

/**
 * An admission request as validating admission sees it, as far as Volcano's objects go: CRD defaults on
 * every Job, CronJob, JobTemplate and PodGroup, the `/jobs/mutate` patch on a created Job (where the release enables it). Throws
 * when an UPDATE's Job is not in the stored shape, since the cluster never sends one: write it with
 * {@link storedJob}.
 */
export function afterVolcanoMutation<T extends { operation: string; object: Json | null; oldObject?: Json | null }>(input: T, volcano: VolcanoAdmission): T {
  const defaults = (o: Json | null | undefined): Json | null | undefined => (isVolcanoJob(o) ? jobCrdDefaults(o) : isPodGroup(o) ? podGroupCrdDefaults(o)
    : isCronJob(o) ? cronJobCrdDefaults(o) : isJobTemplate(o) ? jobTemplateCrdDefaults(o) : o);
  if (input.operation === 'CREATE') {
    const object = isVolcanoJob(input.object) && volcano.jobsMutate ? mutateJobOnCreate(input.object, volcano.schedulerName) : defaults(input.object);
    return { ...input, object: object ?? null };
  }
  const result = { ...input, object: defaults(input.object) ?? null, oldObject: defaults(input.oldObject) };
  if (volcano.jobsMutate) {
    for (const [which, job] of [['object', result.object], ['oldObject', result.oldObject]] as const) {
      const problems = isVolcanoJob(job) ? storedShapeProblems(job) : [];
      if (problems.length > 0) {
        throw new Error(`the ${which} of this ${input.operation} is a Job the API server never stores (${problems.join('; ')}): Volcano's /jobs/mutate `
          + 'filled those in when it was created; build it with storedJob()');
      }
    }
  }
  return result;
}
