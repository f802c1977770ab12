// Typed L1 bindings for the Argo Workflows `argoproj.io/v1alpha1` WorkflowTemplate and Workflow, in the
// shape `cdk8s import` produces. Written for this project from the field list of the Argo Workflows
// v3.7 CRDs; only the fields the platform's samples use are typed. Containers reuse the Kubernetes types
// of cdk8s-plus-28.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Labels and annotations Argo copies onto the pods it creates. */
export interface WorkflowPodMetadata {
  /** Pod labels. */
  readonly labels?: { [key: string]: string };
  /** Pod annotations. */
  readonly annotations?: { [key: string]: string };
}

/** A named parameter of a workflow or template. */
export interface WorkflowParameter {
  /** Parameter name, referenced as `{{workflow.parameters.<name>}}` or `{{inputs.parameters.<name>}}`. */
  readonly name: string;
  /** Literal value (a string; Argo substitutes it as text). */
  readonly value?: string;
  /** Value used when the caller passes none. */
  readonly default?: string;
}

/** Parameters passed to the entrypoint or to a step. */
export interface WorkflowArguments {
  /** The parameters. */
  readonly parameters?: WorkflowParameter[];
}

/** One task of a DAG template. */
export interface WorkflowDagTask {
  /** Task name, unique in the DAG. */
  readonly name: string;
  /** The template it runs. */
  readonly template: string;
  /** Tasks that must succeed first. */
  readonly dependencies?: string[];
  /** Arguments for the template's inputs. */
  readonly arguments?: WorkflowArguments;
}

/** How Argo retries a failed step (each retry is a new pod). */
export interface WorkflowRetryStrategy {
  /** Retries after the first attempt (int-or-string in the CRD). */
  readonly limit?: number;
  /** `Always`, `OnFailure`, `OnError` or `OnTransientError`. */
  readonly retryPolicy?: string;
}

/** A template: a container step or a DAG of other templates. */
export interface WorkflowTemplateStep {
  /** Template name, referenced by `entrypoint` and DAG tasks. */
  readonly name: string;
  /** Inputs the template takes. */
  readonly inputs?: { readonly parameters?: WorkflowParameter[] };
  /** A container step: Argo runs it as the `main` container of one pod. */
  readonly container?: k8s.Container;
  /** A DAG of tasks; runs no pod of its own. */
  readonly dag?: { readonly tasks: WorkflowDagTask[] };
  /** Labels and annotations for this template's pod (merged over `spec.podMetadata`). */
  readonly metadata?: WorkflowPodMetadata;
  /** Scheduler of this template's pod; overrides `spec.schedulerName`. */
  readonly schedulerName?: string;
  /** PriorityClass of this template's pod; overrides `spec.podPriorityClassName`. */
  readonly priorityClassName?: string;
  /** Retries of this step. */
  readonly retryStrategy?: WorkflowRetryStrategy;
  /** Seconds the step may run (int-or-string in the CRD). */
  readonly activeDeadlineSeconds?: number;
}

/** `spec` of a Workflow or WorkflowTemplate. */
export interface WorkflowSpec {
  /** The template the workflow starts with. */
  readonly entrypoint?: string;
  /** The templates. */
  readonly templates?: WorkflowTemplateStep[];
  /** Parameters of the entrypoint, global as `{{workflow.parameters.<name>}}`. */
  readonly arguments?: WorkflowArguments;
  /** Runs the templates of this WorkflowTemplate (same namespace) instead of `templates`. */
  readonly workflowTemplateRef?: { readonly name: string; readonly clusterScope?: boolean };
  /** Scheduler of every pod unless a template names its own. */
  readonly schedulerName?: string;
  /** PriorityClass of every pod unless a template names its own. */
  readonly podPriorityClassName?: string;
  /** Labels and annotations of every pod of the workflow. */
  readonly podMetadata?: WorkflowPodMetadata;
  /** Service account of the pods. */
  readonly serviceAccountName?: string;
  /** Pod-level security context of every pod unless a template sets its own. */
  readonly securityContext?: k8s.PodSecurityContext;
  /** Seconds the whole workflow may run. */
  readonly activeDeadlineSeconds?: number;
  /** When finished workflows are deleted. */
  readonly ttlStrategy?: { readonly secondsAfterCompletion?: number; readonly secondsAfterSuccess?: number; readonly secondsAfterFailure?: number };
  /** When the workflow's pods are deleted, e.g. `{ strategy: 'OnPodSuccess' }`. */
  readonly podGC?: { readonly strategy?: string };
}

/** Props of a WorkflowTemplate or Workflow. */
export interface WorkflowProps {
  /** Object metadata (a Workflow may use `generateName`). */
  readonly metadata?: ApiObjectMetadata;
  /** The spec. */
  readonly spec: WorkflowSpec;
}

/** Converts WorkflowProps to the JSON the API server expects. */
export function toJson_WorkflowProps(obj: WorkflowProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) return undefined;
  const spec = obj.spec;
  const result = {
    metadata: obj.metadata,
    spec: spec === undefined ? undefined : {
      ...spec,
      securityContext: spec.securityContext === undefined ? undefined : k8s.toJson_PodSecurityContext(spec.securityContext),
      templates: spec.templates?.map((t) => ({ ...t, container: t.container === undefined ? undefined : k8s.toJson_Container(t.container) })),
    },
  };
  const json = JSON.parse(JSON.stringify(result));
  // cdk8s names every object; an object submitted with `generateName` must not carry that name too.
  if (json.metadata?.generateName !== undefined) delete json.metadata.name;
  return json;
}

/** An Argo WorkflowTemplate (namespaced): a reusable workflow definition that Workflows reference. */
export class WorkflowTemplate extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate' };

  public constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id, { ...WorkflowTemplate.GVK, ...props });
  }

  public override toJson(): any {
    return { ...WorkflowTemplate.GVK, ...toJson_WorkflowProps(super.toJson()) };
  }
}

/** An Argo Workflow (namespaced): one run; the workflow controller creates a pod per container step. */
export class Workflow extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' };

  public constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id, { ...Workflow.GVK, ...props });
  }

  public override toJson(): any {
    return { ...Workflow.GVK, ...toJson_WorkflowProps(super.toJson()) };
  }
}
