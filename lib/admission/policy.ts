import { MatchCondition, NamedRuleWithOperations, Validation, Variable } from '../../imports/admissionregistration.k8s.io';
import { ResolvedEnvironment } from '../config/model';
import { JudgedOnUpdate, UpdatableKind } from './cel';
import { PolicyName } from './policies/names';

/** Which objects a policy is about. Tenant policies are bound to tenant namespaces only. */
export type PolicyScope = 'tenant-namespaces' | 'cluster';

/**
 * One platform admission policy: the rules (rendered as a ValidatingAdmissionPolicy) and the text its
 * documentation page is generated from, so the page cannot drift from what is enforced.
 */
export interface PlatformPolicy {
  /** Short name, also the folder under `policies/`; the rendered objects are `volcano-platform-<name>`. */
  readonly name: PolicyName;
  /** One line: what the policy enforces. */
  readonly summary: string;
  /** Why the platform enforces it. */
  readonly rationale: string;
  /** How a tenant gets an exception or a change. */
  readonly exceptions: string;
  /** Tenant namespaces only, or every request. */
  readonly scope: PolicyScope;
  /** Whether the platform's own identities (settings `exemptions`) are left alone. */
  readonly exemptPlatformIdentities: boolean;
  /** The requests the policy applies to. */
  readonly resourceRules: readonly NamedRuleWithOperations[];
  /**
   * What the policy judges of each kind it matches on UPDATE (Jobs, PodGroups). An UPDATE is judged only
   * when one of those values changed, so objects admitted earlier are not locked (see `judgedFieldsChanged`
   * in `cel.ts`); a kind without an entry is judged on every UPDATE.
   */
  readonly judgedOnUpdate?: Readonly<Partial<Record<UpdatableKind, JudgedOnUpdate>>>;
  /** Extra conditions, after the exemptions, for the policy to apply at all. */
  readonly matchConditions?: readonly MatchCondition[];
  /** Named expressions shared by the validations. */
  readonly variables?: readonly Variable[];
  /** The rules; each has a `messageExpression` naming the object and a static `message` fallback. */
  readonly validations: readonly Validation[];
}

/** Builds a policy from the resolved environment (environment-wide facts are compiled into the CEL). */
export type PolicyFactory = (env: ResolvedEnvironment) => PlatformPolicy;
