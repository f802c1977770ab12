/**
 * The pods the Argo Workflows controller (v3.7) creates for a Workflow, as the API server's admission
 * sees them, so the tenant policies can be tested against Argo's pod shape. Read from
 * argoproj/argo-workflows `workflow/controller/workflowpod.go` (v3.7.18, `createWorkflowPod`,
 * `newExecContainer`, `addSchedulingConstraints`, `addMetadata`):
 *
 * - one pod per container step, owned (`controller: true`) by the Workflow, `restartPolicy: Never`;
 * - an `init` init container and a `wait` container (both `argoexec`, the executor image), whose
 *   resources and security context are the controller configuration's `executor` settings, and nothing
 *   when those are unset; the user's container is renamed `main` and comes after `wait`;
 * - `spec.schedulerName` and `spec.priorityClassName` from the template, else from the workflow spec
 *   (`schedulerName`, `podPriorityClassName`); pod labels and annotations from `spec.podMetadata`, then
 *   the template's `metadata`; pod-level `securityContext` from the template, else the workflow spec.
 *
 * Left out because no policy reads them: the executor's environment variables and the emissary rewriting
 * of `main`'s command. A Workflow that references a WorkflowTemplate runs the template's spec with the
 * Workflow's own fields on top (the controller's "execWf").
 */

type Json = Record<string, any>;

/** The `executor` section of Argo's workflow-controller ConfigMap that shapes the `init` and `wait` containers. */
export interface ArgoExecutorSettings {
  /** The executor image. Default: {@link ARGO_EXECUTOR_IMAGE}. */
  readonly image?: string;
  /** Resources of `init` and `wait`; unset means none (the namespace's LimitRange then fills them in). */
  readonly resources?: Json;
  /** Security context of `init` and `wait`. */
  readonly securityContext?: Json;
}

/** The executor image of the Argo release the samples are written for. */
export const ARGO_EXECUTOR_IMAGE = 'quay.io/argoproj/argoexec:v3.7.18';
/** Label Argo puts on every pod of a workflow. */
export const ARGO_WORKFLOW_LABEL = 'workflows.argoproj.io/workflow';
const VAR_RUN_ARGO = { name: 'var-run-argo', mountPath: '/var/run/argo' };

function executorContainer(name: 'init' | 'wait', executor: ArgoExecutorSettings): Json {
  return {
    name,
    image: executor.image ?? ARGO_EXECUTOR_IMAGE,
    command: ['argoexec', name],
    volumeMounts: [VAR_RUN_ARGO],
    ...(executor.resources === undefined ? {} : { resources: executor.resources }),
    ...(executor.securityContext === undefined ? {} : { securityContext: executor.securityContext }),
  };
}

/** One Argo pod: the workflow it belongs to, the container step, and the spec fields that shape the pod. */
export interface ArgoPodInput {
  /** The Workflow's namespace (Argo creates its pods there). */
  readonly namespace: string;
  /** The Workflow's name (a `generateName` run gets a generated one). */
  readonly workflowName: string;
  /** The node (step) name, e.g. `<workflow>.<task>`; the pod name's suffix is derived from it. */
  readonly nodeName: string;
  /** The template (`container`, and optionally `metadata`, `schedulerName`, `priorityClassName`, `securityContext`). */
  readonly template: Json;
  /** The workflow spec after the WorkflowTemplate was applied. */
  readonly spec?: Json;
  /** The controller's `executor` settings. Default: none. */
  readonly executor?: ArgoExecutorSettings;
}

/** The pod Argo creates for one container step. */
export function argoPod(input: ArgoPodInput): Json {
  const { template, spec = {}, executor = {} } = input;
  if (!template.container) throw new Error(`template ${template.name} has no container: Argo runs no pod for it`);
  const annotations = { 'workflows.argoproj.io/node-name': input.nodeName, 'kubectl.kubernetes.io/default-container': 'main',
    ...spec.podMetadata?.annotations, ...template.metadata?.annotations };
  const labels = { [ARGO_WORKFLOW_LABEL]: input.workflowName, 'workflows.argoproj.io/completed': 'false',
    ...spec.podMetadata?.labels, ...template.metadata?.labels };
  const schedulerName = template.schedulerName || spec.schedulerName;
  const priorityClassName = template.priorityClassName || spec.podPriorityClassName;
  const securityContext = template.securityContext ?? spec.securityContext;
  const main = { ...template.container, name: 'main', volumeMounts: [...(template.container.volumeMounts ?? []), VAR_RUN_ARGO] };
  return JSON.parse(JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${input.workflowName}-${template.name}-${stableSuffix(input.nodeName)}`,
      namespace: input.namespace,
      labels,
      annotations,
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: input.workflowName, uid: '00000000-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      restartPolicy: 'Never',
      ...(schedulerName ? { schedulerName } : {}),
      ...(priorityClassName ? { priorityClassName } : {}),
      ...(securityContext ? { securityContext } : {}),
      ...(spec.serviceAccountName ? { serviceAccountName: spec.serviceAccountName } : {}),
      volumes: [{ name: 'var-run-argo', emptyDir: {} }],
      initContainers: [executorContainer('init', executor)],
      containers: [executorContainer('wait', executor), main],
    },
  }));
}

/**
 * Every pod of a Workflow: the container steps reached from the entrypoint (through DAG tasks), with
 * its `workflowTemplateRef` resolved among `workflowTemplates` of the same namespace.
 */
export function workflowPods(workflow: Json, workflowTemplates: readonly Json[], executor: ArgoExecutorSettings = {}): Json[] {
  const namespace = workflow.metadata.namespace;
  const ref = workflow.spec.workflowTemplateRef?.name;
  const base = ref === undefined ? undefined : workflowTemplates.find((t) => t.metadata.name === ref && t.metadata.namespace === namespace);
  if (ref !== undefined && base === undefined) throw new Error(`Workflow ${workflow.metadata.generateName ?? workflow.metadata.name} references a missing WorkflowTemplate ${namespace}/${ref}`);
  const own = { ...workflow.spec };
  delete own.workflowTemplateRef;
  const spec: Json = { ...(base?.spec ?? {}), ...own };
  if (base?.spec.podMetadata && own.podMetadata) {
    spec.podMetadata = {
      labels: { ...base.spec.podMetadata.labels, ...own.podMetadata.labels },
      annotations: { ...base.spec.podMetadata.annotations, ...own.podMetadata.annotations },
    };
  }
  const templates = new Map<string, Json>((spec.templates ?? []).map((t: Json) => [t.name, t]));
  const workflowName = workflow.metadata.name ?? `${workflow.metadata.generateName}x7k2p`;
  const pods: Json[] = [];
  const visit = (templateName: string, nodeName: string, depth: number): void => {
    const template = templates.get(templateName);
    if (!template) throw new Error(`workflow ${workflowName}: template ${templateName} does not exist`);
    if (depth > 20) throw new Error(`workflow ${workflowName}: templates nest too deep at ${templateName}`);
    if (template.container) pods.push(argoPod({ namespace, workflowName, nodeName, template, spec, executor }));
    for (const task of template.dag?.tasks ?? []) visit(task.template, `${nodeName}.${task.name}`, depth + 1);
  };
  visit(spec.entrypoint, workflowName, 0);
  return pods;
}

/** A short, stable stand-in for the hash Argo puts at the end of pod names. */
function stableSuffix(text: string): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return String(hash % 10_000_000_000).padStart(10, '0');
}
