/**
 * Evaluates rendered ValidatingAdmissionPolicies (and optionally their bindings) against an admission
 * request, the way the API server does: match rules and the binding's namespace selector, then
 * `matchConditions` (all must be true), then `variables` (lazily, in declaration order) and each
 * validation; a false validation yields its `messageExpression` result, falling back to `message`.
 * An expression that errors is a failure under `failurePolicy: Fail`.
 */
import { Environment } from '@marcbachmann/cel-js';
import { kubernetesCelEnvironment, toCel } from './kubernetes-cel';

type Json = Record<string, any>;

/** The parts of an admission request a policy can see. */
export interface AdmissionInput {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
  /** The object as submitted (null on DELETE). */
  readonly object: Json | null;
  /** The stored object (UPDATE and DELETE). */
  readonly oldObject?: Json | null;
  /** The Namespace object of a namespaced request. */
  readonly namespace?: Json | null;
  /** Who sends the request. */
  readonly userInfo?: { readonly username: string; readonly groups?: readonly string[] };
}

/** One failed validation. */
export interface Violation {
  readonly message: string;
  readonly reason?: string;
}

/** What a policy decided about a request. */
export interface PolicyOutcome {
  /** False when the rules, the binding's selectors or a match condition left the request alone. */
  readonly applies: boolean;
  /** Why it did not apply, e.g. `matchCondition exclude-platform-identities`. */
  readonly skippedBecause?: string;
  /** Failed validations (and expression errors under `failurePolicy: Fail`). */
  readonly violations: readonly Violation[];
}

/** Plural resource of the kinds the platform's policies match. */
const RESOURCES: Record<string, string> = {
  'batch.volcano.sh/Job': 'jobs',
  'batch.volcano.sh/CronJob': 'cronjobs',
  'flow.volcano.sh/JobTemplate': 'jobtemplates',
  'scheduling.volcano.sh/PodGroup': 'podgroups',
  'scheduling.volcano.sh/Queue': 'queues',
  'bus.volcano.sh/Command': 'commands',
  '/Pod': 'pods',
  'batch/Job': 'jobs',
  'apps/Deployment': 'deployments',
};

let shared: Environment | undefined;
const environment = () => (shared ??= kubernetesCelEnvironment());
const parsed = new Map<string, ReturnType<Environment['parse']>>();

/** Parses (once) a CEL expression with the Kubernetes libraries; throws a ParseError for bad syntax. */
export function parseExpression(expression: string): ReturnType<Environment['parse']> {
  let program = parsed.get(expression);
  if (!program) {
    program = environment().parse(expression);
    parsed.set(expression, program);
  }
  return program;
}

/**
 * Type-checks an expression against the Kubernetes function library (the admission variables, each
 * dynamic, and no others): catches unknown variables, heterogeneous literals, calls to functions the API
 * server does not have, and wrong argument types where they are known.
 */
export function checkExpression(expression: string): { valid: boolean; error?: string } {
  const result = environment().check(expression);
  return { valid: result.valid, error: result.error?.message };
}

function groupVersion(apiVersion: string): [string, string] {
  const parts = apiVersion.split('/');
  return parts.length === 1 ? ['', parts[0]] : [parts[0], parts[1]];
}

function ruleMatches(rule: Json, group: string, version: string, resource: string, operation: string): boolean {
  const has = (list: string[] | undefined, value: string) => (list ?? []).some((v) => v === '*' || v === value);
  return has(rule.apiGroups, group) && has(rule.apiVersions, version) && has(rule.resources, resource) && has(rule.operations, operation);
}

function selectorMatches(selector: Json | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const present = e.key in labels;
    if (e.operator === 'Exists' && !present) return false;
    if (e.operator === 'DoesNotExist' && present) return false;
    if (e.operator === 'In' && !(present && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && present && e.values.includes(labels[e.key])) return false;
  }
  return true;
}

function matches(match: Json | undefined, input: AdmissionInput, target: Json, group: string, version: string, resource: string): boolean {
  if (!match) return true;
  if (match.resourceRules && !match.resourceRules.some((r: Json) => ruleMatches(r, group, version, resource, input.operation))) return false;
  if ((match.excludeResourceRules ?? []).some((r: Json) => ruleMatches(r, group, version, resource, input.operation))) return false;
  if (target.metadata?.namespace !== undefined && !selectorMatches(match.namespaceSelector, input.namespace?.metadata?.labels ?? {})) return false;
  return selectorMatches(match.objectSelector, target.metadata?.labels ?? {});
}

/** The CEL activation the API server builds for a request. */
function activation(input: AdmissionInput, policy: Json, group: string, version: string, resource: string, target: Json): Record<string, unknown> {
  const request = {
    kind: { group, version, kind: target.kind },
    resource: { group, version, resource },
    name: target.metadata?.name ?? '',
    namespace: target.metadata?.namespace ?? '',
    operation: input.operation,
    userInfo: { username: input.userInfo?.username ?? 'jane@example.com', groups: [...(input.userInfo?.groups ?? ['system:authenticated'])] },
    dryRun: false,
  };
  const context: Record<string, unknown> = {
    object: toCel(input.object ?? null),
    oldObject: toCel(input.oldObject ?? null),
    request: toCel(request),
    namespaceObject: target.metadata?.namespace !== undefined ? toCel(input.namespace ?? null) : null,
    params: null,
  };
  const variables: Record<string, unknown> = {};
  const cache = new Map<string, { value?: unknown; error?: unknown }>();
  for (const variable of policy.spec.variables ?? []) {
    Object.defineProperty(variables, variable.name, {
      enumerable: true,
      get: () => {
        if (!cache.has(variable.name)) {
          try {
            cache.set(variable.name, { value: parseExpression(variable.expression)(context) });
          } catch (error) {
            cache.set(variable.name, { error });
          }
        }
        const entry = cache.get(variable.name)!;
        if (entry.error) throw entry.error;
        return entry.value;
      },
    });
  }
  context.variables = variables;
  return context;
}

/** Evaluates one policy (with its binding's matchResources, when given) against a request. */
export function evaluatePolicy(policy: Json, binding: Json | undefined, input: AdmissionInput): PolicyOutcome {
  const target = input.object ?? input.oldObject;
  if (!target) throw new Error('a request needs an object or an oldObject');
  const [group, version] = groupVersion(target.apiVersion);
  const resource = RESOURCES[`${group}/${target.kind}`];
  if (!resource) throw new Error(`no resource known for ${target.apiVersion} ${target.kind}`);
  if (!matches(policy.spec.matchConstraints, input, target, group, version, resource)) return { applies: false, skippedBecause: 'matchConstraints', violations: [] };
  if (binding && !matches(binding.spec.matchResources, input, target, group, version, resource)) return { applies: false, skippedBecause: 'binding matchResources', violations: [] };
  const context = activation(input, policy, group, version, resource, target);
  const failClosed = (policy.spec.failurePolicy ?? 'Fail') === 'Fail';
  const violations: Violation[] = [];
  // A false condition skips the policy even when another condition errored; only then does an error count.
  let conditionError: string | undefined;
  for (const condition of policy.spec.matchConditions ?? []) {
    let result: unknown;
    try {
      result = parseExpression(condition.expression)(context);
    } catch (error) {
      conditionError ??= `matchCondition ${condition.name} failed: ${(error as Error).message}`;
      continue;
    }
    if (result !== true) return { applies: false, skippedBecause: `matchCondition ${condition.name}`, violations: [] };
  }
  if (conditionError !== undefined) {
    return failClosed ? { applies: true, violations: [{ message: conditionError }] } : { applies: false, skippedBecause: conditionError, violations: [] };
  }
  for (const validation of policy.spec.validations) {
    let passed: unknown;
    try {
      passed = parseExpression(validation.expression)(context);
    } catch (error) {
      if (failClosed) violations.push({ message: `expression failed: ${validation.expression}: ${(error as Error).message}`, reason: validation.reason });
      continue;
    }
    if (passed === true) continue;
    violations.push({ message: messageOf(validation, context), reason: validation.reason });
  }
  return { applies: true, violations };
}

/** The API server ignores a messageExpression result longer than this (celconfig.MaxEvaluatedMessageExpressionSizeBytes). */
export const MAX_MESSAGE_EXPRESSION_BYTES = 5 * 1024;

/** The API server's message: messageExpression if it yields a non-blank single line of at most 5 KiB, else message. */
function messageOf(validation: Json, context: Record<string, unknown>): string {
  if (validation.messageExpression) {
    try {
      const text = parseExpression(validation.messageExpression)(context);
      if (typeof text === 'string' && text.trim() !== '' && !text.includes('\n') && Buffer.byteLength(text, 'utf8') <= MAX_MESSAGE_EXPRESSION_BYTES) return text;
    } catch {
      // falls back to the static message, as the API server does
    }
  }
  return validation.message ?? `failed expression: ${validation.expression}`;
}
