import { ResolvedEnvironment } from '../../lib/config/model';
import { KubeObject } from '../../lib/synth/render';
import { AdmissionInput, PolicyOutcome, evaluatePolicy } from './admission';
import { afterMutatingAdmission } from './limit-ranger';
import { ARGO_EXECUTOR } from '../../lib/admission/samples/argo';
import { ARGO_WORKFLOW_LABEL, ArgoExecutorSettings, workflowPods } from '../../lib/admission/testing/argo-pods';
import { VolcanoAdmission, afterVolcanoMutation, volcanoAdmissionOf } from '../../lib/admission/testing/volcano-defaults';

type Json = Record<string, any>;

/** The admission objects of one rendered environment, and a way to run a request through all of them. */
export class RenderedAdmission {
  public readonly policies: KubeObject[];
  public readonly bindings: KubeObject[];
  private readonly namespaces: Map<string, KubeObject>;
  private readonly limitRanges: KubeObject[];
  /** Whether the environment's Volcano release mutates Jobs (`/jobs/mutate`), and with which scheduler name. */
  public readonly volcano: VolcanoAdmission;

  constructor(objects: readonly KubeObject[]) {
    this.policies = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy');
    this.bindings = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
    this.namespaces = new Map(objects.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata.name, o]));
    this.limitRanges = objects.filter((o) => o.kind === 'LimitRange');
    this.volcano = volcanoAdmissionOf(objects);
  }

  /**
   * The request as validating policies see it, after every mutating step: Volcano Jobs and PodGroups with
   * their CRD defaults, a created Job patched by Volcano's `/jobs/mutate` (where the release enables it),
   * a created Pod defaulted by its namespace's LimitRanges. An UPDATE of a Job that is not in the stored
   * shape throws (see `afterVolcanoMutation`).
   */
  public mutate(input: Omit<AdmissionInput, 'namespace'>): Omit<AdmissionInput, 'namespace'> {
    return afterMutatingAdmission(afterVolcanoMutation(input, this.volcano), (ns) => this.limitRanges.filter((lr) => lr.metadata.namespace === ns));
  }

  /**
   * Every policy's outcome for a request (after mutating admission), with the actions of the binding that
   * bound it; with `policyName`, only that policy's.
   */
  public review(submitted: Omit<AdmissionInput, 'namespace'>, policyName?: string): Array<{ policy: string; actions: string[]; outcome: PolicyOutcome }> {
    const input = this.mutate(submitted);
    const target = (input.object ?? input.oldObject)!;
    const ns = target.metadata.namespace;
    const namespace = ns === undefined ? null : this.namespaces.get(ns);
    if (namespace === undefined) throw new Error(`namespace ${ns} is not rendered in this environment`);
    const bindings = policyName === undefined ? this.bindings : this.bindings.filter((b) => b.spec.policyName === policyName);
    return bindings.map((binding) => {
      const policy = this.policies.find((p) => p.metadata.name === binding.spec.policyName);
      if (!policy) throw new Error(`binding ${binding.metadata.name} names a missing policy ${binding.spec.policyName}`);
      return { policy: policy.metadata.name, actions: binding.spec.validationActions, outcome: evaluatePolicy(policy, binding, { ...input, namespace }) };
    });
  }
}

/**
 * The admission requests a sample object leads to: Volcano Jobs, PodGroups and Pods as they are; for
 * Deployments and batch/v1 Jobs, the pod their controller creates from the template; for an Argo
 * Workflow, the pods the Argo controller creates for its steps (its WorkflowTemplate among `siblings`),
 * with the `executor` settings of the controller's ConfigMap. A WorkflowTemplate leads to no request the
 * policies judge: only the pods of a Workflow run.
 */
export function admissionObjects(object: Json, siblings: readonly Json[] = [], executor: ArgoExecutorSettings = ARGO_EXECUTOR): Json[] {
  if (object.apiVersion === 'argoproj.io/v1alpha1') {
    return object.kind === 'Workflow' ? workflowPods(object, siblings.filter((o) => o.kind === 'WorkflowTemplate'), executor) : [];
  }
  if (object.kind === 'Deployment' || (object.kind === 'Job' && object.apiVersion === 'batch/v1')) {
    const template = object.spec.template;
    return [{
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { generateName: `${object.metadata.name}-`, namespace: object.metadata.namespace, ...template.metadata },
      spec: template.spec,
    }];
  }
  return [object];
}

/** The Argo workflow controller's service account: it creates the pods of every Workflow, and is not exempt. */
export const ARGO_CONTROLLER = {
  username: 'system:serviceaccount:argo:argo-workflow-controller',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:argo', 'system:authenticated'],
};

/** Who creates an admission object of a sample: the Argo controller for Argo's pods, else the tenant's workload. */
export function submitterOf(object: Json): { username: string; groups: string[] } {
  return object.metadata.labels?.[ARGO_WORKFLOW_LABEL] !== undefined ? ARGO_CONTROLLER : tenantServiceAccount(object.metadata.namespace);
}

/** A tenant workload's service account, the identity that submits the samples. */
export function tenantServiceAccount(namespace: string): { username: string; groups: string[] } {
  return { username: `system:serviceaccount:${namespace}:default`, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'] };
}

/** Environments by name, for tests. */
export function byName(envs: readonly ResolvedEnvironment[], name: string): ResolvedEnvironment {
  const env = envs.find((e) => e.name === name);
  if (!env) throw new Error(`no environment ${name}`);
  return env;
}
