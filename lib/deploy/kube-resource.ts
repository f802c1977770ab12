import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { KubeObject } from '../synth/render';

type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Typed provider classes for the built-in kinds the platform renders. Everything else is a custom resource. */
const BUILT_IN_KINDS: Readonly<Record<string, ResourceClass>> = {
  'v1/Namespace': k8s.core.v1.Namespace,
  'v1/ResourceQuota': k8s.core.v1.ResourceQuota,
  'v1/LimitRange': k8s.core.v1.LimitRange,
  'v1/ConfigMap': k8s.core.v1.ConfigMap,
  'v1/Secret': k8s.core.v1.Secret,
  'v1/Service': k8s.core.v1.Service,
  'v1/ServiceAccount': k8s.core.v1.ServiceAccount,
  'scheduling.k8s.io/v1/PriorityClass': k8s.scheduling.v1.PriorityClass,
  'policy/v1/PodDisruptionBudget': k8s.policy.v1.PodDisruptionBudget,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': k8s.admissionregistration.v1.ValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding,
  'rbac.authorization.k8s.io/v1/Role': k8s.rbac.v1.Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': k8s.rbac.v1.RoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRole': k8s.rbac.v1.ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': k8s.rbac.v1.ClusterRoleBinding,
};

/** The Pulumi logical name of a rendered object: kind, namespace and name, stable across runs. */
export function logicalName(object: KubeObject): string {
  const namespace = object.metadata.namespace ? `${object.metadata.namespace}-` : '';
  return `${object.kind.toLowerCase()}-${namespace}${object.metadata.name}`;
}

/**
 * A Pulumi resource for a rendered object, with the object's content as its inputs. Built-in kinds use
 * their typed class; custom resources (Volcano, prometheus-operator) use `CustomResource`.
 */
export function kubeResource(object: KubeObject, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const Class = BUILT_IN_KINDS[`${object.apiVersion}/${object.kind}`];
  if (Class) return new Class(logicalName(object), object, opts);
  if (!object.apiVersion.includes('.')) {
    throw new Error(`no Pulumi class registered for built-in kind ${object.apiVersion} ${object.kind}: add it to lib/deploy/kube-resource.ts`);
  }
  return new k8s.apiextensions.CustomResource(logicalName(object), object as k8s.apiextensions.CustomResourceArgs, opts);
}
