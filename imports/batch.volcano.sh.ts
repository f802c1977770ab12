// Typed L1 binding for the Volcano `batch.volcano.sh/v1alpha1` Job, in the shape `cdk8s import`
// produces. Written for this project from the field list of the Volcano v1.15.1 CRD; only the fields
// the platform's sample workloads and policies use are typed. Pod templates reuse the Kubernetes types
// of cdk8s-plus-28.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** A lifecycle policy: what the job controller does on an event or exit code. */
export interface JobLifecyclePolicy {
  /** `AbortJob`, `RestartJob`, `RestartTask`, `RestartPod`, `TerminateJob`, `CompleteJob`, ... */
  readonly action: string;
  /** A single event, e.g. `PodFailed`, `PodEvicted`, `TaskCompleted`. */
  readonly event?: string;
  /** Several events. */
  readonly events?: string[];
  /** A container exit code (not 0); exclusive with events. */
  readonly exitCode?: number;
  /** How long to wait before acting, e.g. `5m`. */
  readonly timeout?: string;
}

/** One task (a group of identical pods) of a Volcano Job. */
export interface JobTask {
  /** Task name, a DNS-1123 label; pods are named `<job>-<task>-<index>`. */
  readonly name: string;
  /** Number of pods. */
  readonly replicas: number;
  /** Pods of this task that must be schedulable together. Default: `replicas`. */
  readonly minAvailable?: number;
  /** Restarts of this task before it fails. */
  readonly maxRetry?: number;
  /** The pods' template. */
  readonly template: k8s.PodTemplateSpec;
  /** Task-level lifecycle policies. */
  readonly policies?: JobLifecyclePolicy[];
  /**
   * NUMA placement of the task's pods for the scheduler's `numa-aware` plugin: `none`, `best-effort`,
   * `restricted` or `single-numa-node`. Any but `none` needs whole-CPU requests in every container.
   */
  readonly topologyPolicy?: 'none' | 'best-effort' | 'restricted' | 'single-numa-node';
  /** Tasks that must finish (or start) first. */
  readonly dependsOn?: { readonly name: string[]; readonly iteration?: 'any' | 'all' };
}

/** `spec` of a Volcano Job. */
export interface JobSpec {
  /** Scheduler of the job's pods; Volcano fills in `volcano` when empty. */
  readonly schedulerName?: string;
  /** Gang size: pods that must be schedulable together. Default: the sum of the tasks' minAvailable. */
  readonly minAvailable?: number;
  /** Volcano Queue; `default` when empty. */
  readonly queue?: string;
  /** PriorityClass of the job's PodGroup. */
  readonly priorityClassName?: string;
  /** Job restarts before it is `Failed`. Default 3. */
  readonly maxRetry?: number;
  /** Seconds after completion before the job is deleted. */
  readonly ttlSecondsAfterFinished?: number;
  /** Successful pods after which the job is complete. */
  readonly minSuccess?: number;
  /** Job plugins and their arguments: `svc`, `ssh`, `env`, `pytorch`, `mpi`, ... */
  readonly plugins?: { [plugin: string]: string[] };
  /** Job-level lifecycle policies. */
  readonly policies?: JobLifecyclePolicy[];
  /** The tasks; at least one. */
  readonly tasks: JobTask[];
}

/** Props of a Volcano Job. */
export interface JobProps {
  /** Object metadata. */
  readonly metadata?: ApiObjectMetadata;
  /** The Job's spec. */
  readonly spec: JobSpec;
}

/** A Volcano Job (namespaced): a gang of tasks scheduled together. */
export class Job extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'batch.volcano.sh/v1alpha1',
    kind: 'Job',
  };

  public constructor(scope: Construct, id: string, props: JobProps) {
    super(scope, id, { ...Job.GVK, ...props });
  }

  public override toJson(): any {
    const resolved = super.toJson();
    return { ...Job.GVK, ...toJson_JobProps(resolved) };
  }
}

/** Converts JobProps to the JSON the API server expects. */
export function toJson_JobProps(obj: JobProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) return undefined;
  const spec = obj.spec;
  const result = {
    metadata: obj.metadata,
    spec: spec === undefined ? undefined : {
      ...spec,
      tasks: spec.tasks?.map((task) => ({ ...task, template: k8s.toJson_PodTemplateSpec(task.template) })),
    },
  };
  return JSON.parse(JSON.stringify(result));
}
