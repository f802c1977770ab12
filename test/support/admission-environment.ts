import { ResolvedEnvironment } from '../../lib/config/model';
import { KubeObject } from '../../lib/synth/render';
import { AdmissionInput, PolicyOutcome, evaluatePolicy } from './admission';
import { afterMutatingAdmission } from './limit-ranger';

type Json = Record<string, any>;

/** The admission objects of one rendered environment, and a way to run a request through all of them. */
export class RenderedAdmission {
  public readonly policies: KubeObject[];
  public readonly bindings: KubeObject[];
  private readonly namespaces: Map<string, KubeObject>;
  private readonly limitRanges: KubeObject[];

  constructor(objects: readonly KubeObject[]) {
    this.policies = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy');
    this.bindings = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
    this.namespaces = new Map(objects.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata.name, o]));
    this.limitRanges = objects.filter((o) => o.kind === 'LimitRange');
  }

  /** The request as validating policies see it: a created Pod already defaulted by its namespace's LimitRanges. */
  public mutate(input: Omit<AdmissionInput, 'namespace'>): Omit<AdmissionInput, 'namespace'> {
    return afterMutatingAdmission(input, (ns) => this.limitRanges.filter((lr) => lr.metadata.namespace === ns));
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
 * Deployments and batch/v1 Jobs, the pod their controller creates from the template.
 */
export function admissionObjects(object: Json): Json[] {
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
