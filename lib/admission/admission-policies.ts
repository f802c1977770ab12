import { Construct } from 'constructs';
import {
  MatchCondition,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingAdmissionPolicySpec,
} from '../../imports/admissionregistration.k8s.io';
import { ResolvedEnvironment } from '../config/model';
import { ANNOTATIONS, LABELS } from '../labels';
import { NOT_FINALIZING_DELETED, judgedFieldsChanged, strList } from './cel';
import { PlatformPolicy } from './policy';
import { AdmissionExemptions, ValidationAction } from './settings';

/** Name of the rendered policy and binding of a platform policy. */
export function policyObjectName(name: string): string {
  return `volcano-platform-${name}`;
}

/** Name of the match condition that leaves the platform's identities alone. */
export const EXEMPTION_CONDITION = 'exclude-platform-identities';

/** The match condition exempting the given users and groups; undefined when there are none. */
export function exemptionCondition(exemptions: Required<AdmissionExemptions>): MatchCondition | undefined {
  const parts: string[] = [];
  if (exemptions.users.length > 0) parts.push(`!(request.userInfo.username in ${strList(exemptions.users)})`);
  if (exemptions.groups.length > 0) {
    parts.push(`!(has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ${strList(exemptions.groups)}))`);
  }
  return parts.length === 0 ? undefined : { name: EXEMPTION_CONDITION, expression: parts.join(' && ') };
}

/**
 * The ValidatingAdmissionPolicy spec of a platform policy in an environment. Its match conditions, in
 * order: the exemptions (where the policy has them); for every policy, no UPDATE that only finalizes an
 * object being deleted; where the policy says what it judges on UPDATE, no UPDATE that leaves that
 * alone; then the policy's own.
 */
export function policySpec(policy: PlatformPolicy, env: ResolvedEnvironment): ValidatingAdmissionPolicySpec {
  const exemption = policy.exemptPlatformIdentities ? exemptionCondition(env.admission.exemptions) : undefined;
  const matchConditions = [
    ...(exemption ? [exemption] : []),
    NOT_FINALIZING_DELETED,
    ...(policy.judgedOnUpdate ? [judgedFieldsChanged(policy.judgedOnUpdate)] : []),
    ...(policy.matchConditions ?? []),
  ];
  return {
    failurePolicy: 'Fail',
    matchConstraints: { resourceRules: policy.resourceRules.map((r) => ({ ...r, apiGroups: [...r.apiGroups], apiVersions: [...r.apiVersions], resources: [...r.resources], operations: [...r.operations] })) },
    matchConditions,
    variables: policy.variables && [...policy.variables],
    validations: [...policy.validations],
  };
}

/** The namespace selector of tenant-scoped bindings: namespaces the platform labelled as tenants. */
export const TENANT_NAMESPACE_SELECTOR = { matchExpressions: [{ key: LABELS.tenant, operator: 'Exists' as const }] };

/** Props of {@link AdmissionPolicy}. */
export interface AdmissionPolicyProps {
  /** The platform policy. */
  readonly policy: PlatformPolicy;
  /** The environment (exemptions, and the facts compiled into the policy). */
  readonly environment: ResolvedEnvironment;
  /** The binding's actions. */
  readonly actions: readonly ValidationAction[];
}

/** A platform policy rendered as a ValidatingAdmissionPolicy and its binding. */
export class AdmissionPolicy extends Construct {
  constructor(scope: Construct, id: string, props: AdmissionPolicyProps) {
    super(scope, id);
    const { policy } = props;
    const name = policyObjectName(policy.name);
    const annotations = { [ANNOTATIONS.description]: policy.summary };
    new ValidatingAdmissionPolicy(this, 'policy', { metadata: { name, annotations }, spec: policySpec(policy, props.environment) });
    new ValidatingAdmissionPolicyBinding(this, 'binding', {
      metadata: { name, annotations },
      spec: {
        policyName: name,
        validationActions: [...props.actions],
        matchResources: policy.scope === 'tenant-namespaces' ? { namespaceSelector: TENANT_NAMESPACE_SELECTOR } : undefined,
      },
    });
  }
}
