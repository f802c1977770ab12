// Typed L1 bindings for `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy and
// ValidatingAdmissionPolicyBinding, in the shape `cdk8s import` produces. cdk8s-plus-28 only ships the
// v1alpha1/v1beta1 versions; the v1 API (GA in Kubernetes 1.30) has the same fields. Only the fields
// this project emits are typed.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** A label selector (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  /** Labels that must all be present with these values. */
  readonly matchLabels?: { [key: string]: string };
  /** Set-based requirements, all of which must hold. */
  readonly matchExpressions?: Array<{
    /** Label key. */
    readonly key: string;
    /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    /** Values for `In` and `NotIn`. */
    readonly values?: string[];
  }>;
}

/** Which requests a rule matches: API groups, versions, resources and operations. */
export interface NamedRuleWithOperations {
  /** API groups; `""` is the core group. */
  readonly apiGroups: string[];
  /** API versions. */
  readonly apiVersions: string[];
  /** Resources (plural, lower case), optionally `resource/subresource`. */
  readonly resources: string[];
  /** `CREATE`, `UPDATE`, `DELETE`, `CONNECT` or `*`. */
  readonly operations: Array<'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT' | '*'>;
  /** `Namespaced`, `Cluster` or `*`. */
  readonly scope?: 'Namespaced' | 'Cluster' | '*';
  /** Names of the objects the rule is limited to. */
  readonly resourceNames?: string[];
}

/** Which requests a policy or binding applies to. */
export interface MatchResources {
  /** Namespaces, by label, whose objects are matched (cluster-scoped objects always pass). */
  readonly namespaceSelector?: LabelSelector;
  /** Objects, by label. */
  readonly objectSelector?: LabelSelector;
  /** The operations on resources that are matched. */
  readonly resourceRules?: NamedRuleWithOperations[];
  /** Operations on resources excluded even if matched above. */
  readonly excludeResourceRules?: NamedRuleWithOperations[];
  /** `Exact` or `Equivalent` (also matches the same resource under other versions). */
  readonly matchPolicy?: 'Exact' | 'Equivalent';
}

/** A named CEL condition a request must meet for the policy to be evaluated at all. */
export interface MatchCondition {
  /** Unique within the policy; shown in errors. */
  readonly name: string;
  /** CEL expression returning a bool. */
  readonly expression: string;
}

/** A CEL variable, available to later variables and validations as `variables.<name>`. */
export interface Variable {
  /** Variable name, a CEL identifier. */
  readonly name: string;
  /** CEL expression computing it. */
  readonly expression: string;
}

/** One rule of a policy. */
export interface Validation {
  /** CEL expression that must be true for the request to pass. */
  readonly expression: string;
  /** Static message returned when the expression is false. */
  readonly message?: string;
  /** CEL expression computing the message; `message` is the fallback if it fails. */
  readonly messageExpression?: string;
  /** HTTP reason: `Unauthorized`, `Forbidden`, `Invalid` or `RequestEntityTooLarge`. */
  readonly reason?: 'Unauthorized' | 'Forbidden' | 'Invalid' | 'RequestEntityTooLarge';
}

/** An audit annotation computed by CEL. */
export interface AuditAnnotation {
  /** Annotation key suffix (the policy name is prepended). */
  readonly key: string;
  /** CEL expression returning a string or null. */
  readonly valueExpression: string;
}

/** `spec` of a ValidatingAdmissionPolicy. */
export interface ValidatingAdmissionPolicySpec {
  /** The kind of the parameter resource, if the policy is parameterised. */
  readonly paramKind?: { readonly apiVersion: string; readonly kind: string };
  /** The requests the policy can apply to at all. */
  readonly matchConstraints: MatchResources;
  /** Conditions all of which must hold for the policy to be evaluated. */
  readonly matchConditions?: MatchCondition[];
  /** Named expressions shared by the validations. */
  readonly variables?: Variable[];
  /** The rules. */
  readonly validations: Validation[];
  /** Audit annotations. */
  readonly auditAnnotations?: AuditAnnotation[];
  /** What happens when an expression errors: `Fail` (reject) or `Ignore`. */
  readonly failurePolicy?: 'Fail' | 'Ignore';
}

/** Props of a ValidatingAdmissionPolicy. */
export interface ValidatingAdmissionPolicyProps {
  /** Object metadata; the name is what bindings refer to. */
  readonly metadata?: ApiObjectMetadata;
  /** The policy. */
  readonly spec: ValidatingAdmissionPolicySpec;
}

/** A ValidatingAdmissionPolicy (cluster-scoped): CEL rules the API server enforces. */
export class ValidatingAdmissionPolicy extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
  };

  public constructor(scope: Construct, id: string, props: ValidatingAdmissionPolicyProps) {
    super(scope, id, { ...ValidatingAdmissionPolicy.GVK, ...props });
  }

  public override toJson(): any {
    return withoutUndefined(super.toJson());
  }
}

/** `spec` of a ValidatingAdmissionPolicyBinding. */
export interface ValidatingAdmissionPolicyBindingSpec {
  /** Name of the ValidatingAdmissionPolicy bound. */
  readonly policyName: string;
  /** Narrows the requests the policy applies to. */
  readonly matchResources?: MatchResources;
  /** Parameter resource reference, for parameterised policies. */
  readonly paramRef?: { readonly name?: string; readonly namespace?: string; readonly parameterNotFoundAction?: 'Allow' | 'Deny' };
  /** What a failed validation does: `Deny`, `Warn` and/or `Audit` (never both `Deny` and `Warn`). */
  readonly validationActions: Array<'Deny' | 'Warn' | 'Audit'>;
}

/** Props of a ValidatingAdmissionPolicyBinding. */
export interface ValidatingAdmissionPolicyBindingProps {
  /** Object metadata. */
  readonly metadata?: ApiObjectMetadata;
  /** The binding. */
  readonly spec: ValidatingAdmissionPolicyBindingSpec;
}

/** A ValidatingAdmissionPolicyBinding (cluster-scoped): where and how strictly a policy applies. */
export class ValidatingAdmissionPolicyBinding extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
  };

  public constructor(scope: Construct, id: string, props: ValidatingAdmissionPolicyBindingProps) {
    super(scope, id, { ...ValidatingAdmissionPolicyBinding.GVK, ...props });
  }

  public override toJson(): any {
    return withoutUndefined(super.toJson());
  }
}

function withoutUndefined(value: unknown): any {
  return JSON.parse(JSON.stringify(value));
}
