import { RULES } from '../../cel';
import { PolicyFactory } from '../../policy';

/** CEL: the resources of map `a` also in `b` where `a` is more than `b`, as "r (a > b)" texts. */
function excess(a: string, b: string): string {
  return `variables.${a}.filter(r, r in variables.${b} && isQuantity(string(variables.${a}[r])) && isQuantity(string(variables.${b}[r])) `
    + `&& quantity(string(variables.${a}[r])).isGreaterThan(quantity(string(variables.${b}[r]))))`
    + `.map(r, r + " (" + string(variables.${a}[r]) + " > " + string(variables.${b}[r]) + ")")`;
}

/**
 * CEL: a Queue's resource lists as the policy reads them, `{}` for each one absent, over `o` (object or oldObject).
 * The CRD does not require `spec`: reading a field of an absent one would be an evaluation error, which fails the request.
 */
const RESOURCE_LISTS = {
  capability: (o: string) => `has(${o}.spec) && has(${o}.spec.capability) ? ${o}.spec.capability : {}`,
  deserved: (o: string) => `has(${o}.spec) && has(${o}.spec.deserved) ? ${o}.spec.deserved : {}`,
  guarantee: (o: string) => `has(${o}.spec) && has(${o}.spec.guarantee) && has(${o}.spec.guarantee.resource) ? ${o}.spec.guarantee.resource : {}`,
} as const;
/** The lists' names, which are also the names of the variables holding them. */
const LISTS = Object.keys(RESOURCE_LISTS) as ReadonlyArray<keyof typeof RESOURCE_LISTS>;

/** guarantee <= deserved <= capability on every Queue create, and on every update that changes one of them. */
export const queueResourceOrder: PolicyFactory = () => ({
  name: 'queue-resource-order',
  summary: 'On every Queue create, and every update that changes its capability, deserved or guarantee, each resource\'s quantities are valid and ordered: guarantee <= deserved <= capability (and guarantee <= capability), '
    + 'and every guaranteed resource has a deserved quantity.',
  rationale: 'A guarantee above the deserved share, or a share above the hard capability, is a promise the scheduler cannot keep; Volcano '
    + 'then reclaims or refuses in ways nobody planned. Like Volcano\'s queue webhook, a guaranteed resource must also have a deserved '
    + 'quantity. Volcano\'s own ValidatingAdmissionPolicies check the same in the API server: where the release enables them '
    + '(`release.admission.validatingAdmissionPolicies`) this policy is `off` by default, elsewhere it keeps the rule in force even when '
    + 'the Volcano webhook is down or does not see the request (set it explicitly in `admission.policies` to override). '
    + 'Quantities are compared with quantity(), never as strings, so 1Gi and 1024Mi are equal.',
  exceptions: 'None: fix the numbers. Platform queues are checked before they are rendered, so this only stops hand-made changes.',
  scope: 'cluster',
  exemptPlatformIdentities: false,
  resourceRules: [{ ...RULES.queues, operations: ['CREATE', 'UPDATE'] }],
  // A queue stored out of order (made before the policy, or while it warned) stays updatable: Flux relabelling
  // it, Pulumi annotating it or a deployer changing its weight is not refused for numbers the update leaves alone.
  judgedOnUpdate: {
    Queue: { fields: '`spec.capability`, `spec.deserved`, `spec.guarantee.resource`', values: (o) => LISTS.map((list) => `(${RESOURCE_LISTS[list](o)})`) },
  },
  variables: [
    ...LISTS.map((name) => ({ name, expression: RESOURCE_LISTS[name]('object') })),
    {
      name: 'invalid',
      expression: LISTS
        .map((f) => `variables.${f}.filter(r, !isQuantity(string(variables.${f}[r]))).map(r, "${f}." + r)`).join(' + '),
    },
  ],
  validations: [
    {
      expression: 'size(variables.invalid) == 0',
      messageExpression: '"Queue " + object.metadata.name + ": not Kubernetes quantities: " + variables.invalid.join(", ")',
      message: 'every capability, deserved and guarantee value must be a Kubernetes quantity',
      reason: 'Invalid',
    },
    {
      expression: 'variables.guarantee.all(r, r in variables.deserved)',
      messageExpression: '"Queue " + object.metadata.name + ": guarantee without deserved for " '
        + '+ variables.guarantee.filter(r, !(r in variables.deserved)).join(", ") + "; every guaranteed resource needs a deserved quantity at least as large"',
      message: 'every guaranteed resource needs a deserved quantity',
      reason: 'Invalid',
    },
    {
      expression: `size(${excess('guarantee', 'deserved')}) == 0`,
      messageExpression: `"Queue " + object.metadata.name + ": guarantee exceeds deserved for " + ${excess('guarantee', 'deserved')}.join(", ")`,
      message: 'guarantee must not exceed deserved',
      reason: 'Invalid',
    },
    {
      expression: `size(${excess('deserved', 'capability')}) == 0`,
      messageExpression: `"Queue " + object.metadata.name + ": deserved exceeds capability for " + ${excess('deserved', 'capability')}.join(", ")`,
      message: 'deserved must not exceed capability',
      reason: 'Invalid',
    },
    {
      expression: `size(${excess('guarantee', 'capability')}) == 0`,
      messageExpression: `"Queue " + object.metadata.name + ": guarantee exceeds capability for " + ${excess('guarantee', 'capability')}.join(", ")`,
      message: 'guarantee must not exceed capability',
      reason: 'Invalid',
    },
  ],
});
