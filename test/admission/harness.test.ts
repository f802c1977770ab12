import { volcanoJob } from '../../lib/admission/testing/fixtures';
import { checkExpression, evaluatePolicy } from '../support/admission';

// A hand-made policy and binding exercise the evaluation order of the API server.
const policy = {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name: 'p' },
  spec: {
    failurePolicy: 'Fail',
    matchConstraints: { resourceRules: [{ apiGroups: ['batch.volcano.sh'], apiVersions: ['v1alpha1'], resources: ['jobs'], operations: ['CREATE'] }] },
    matchConditions: [
      { name: 'errors-on-missing-label', expression: 'object.metadata.labels["team"] != ""' },
      { name: 'only-queued', expression: 'has(object.spec.queue)' },
    ],
    variables: [{ name: 'never', expression: 'object.spec.missing' }, { name: 'queue', expression: 'object.spec.queue' }],
    validations: [
      { expression: 'variables.queue != "batch"', messageExpression: '"queue " + variables.queue', message: 'static' },
      { expression: 'false', messageExpression: '"two\\nlines"', message: 'fallback for a multi-line message' },
      { expression: 'false', messageExpression: 'variables.never', message: 'fallback when messageExpression fails' },
      { expression: 'false', messageExpression: 'object.metadata.annotations.note', message: 'fallback when the message exceeds 5 KiB' },
      { expression: 'false', messageExpression: 'object.metadata.annotations.note.substring(1)', message: 'static, never used: 5 KiB exactly is allowed' },
    ],
  },
};
const binding = { spec: { policyName: 'p', validationActions: ['Deny'], matchResources: { namespaceSelector: { matchExpressions: [{ key: 'tenant', operator: 'Exists' }] } } } };
const tenantNs = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { tenant: 'team-a' } } };

describe('admission evaluation order', () => {
  test('a false match condition skips the policy even when an earlier condition errored', () => {
    const outcome = evaluatePolicy(policy, binding, { operation: 'CREATE', object: volcanoJob({ spec: { queue: undefined } }), namespace: tenantNs });
    expect(outcome).toEqual({ applies: false, skippedBecause: 'matchCondition only-queued', violations: [] });
  });

  test('an erroring match condition fails closed under failurePolicy Fail', () => {
    const outcome = evaluatePolicy(policy, binding, { operation: 'CREATE', object: volcanoJob(), namespace: tenantNs });
    expect(outcome.violations.map((v) => v.message)).toEqual([expect.stringMatching(/^matchCondition errors-on-missing-label failed/)]);
  });

  test('messages: messageExpression, else message when it has line breaks or fails; unused failing variables do not matter', () => {
    // One byte over the API server's 5 KiB limit for a messageExpression result.
    const note = 'y'.repeat(5121);
    const outcome = evaluatePolicy(policy, binding, { operation: 'CREATE', object: volcanoJob({ metadata: { labels: { team: 'a' }, annotations: { note } } }), namespace: tenantNs });
    expect(outcome.violations.map((v) => v.message)).toEqual(['queue batch', 'fallback for a multi-line message', 'fallback when messageExpression fails',
      'fallback when the message exceeds 5 KiB', 'y'.repeat(5120)]);
  });

  test('the binding\'s namespace selector and the policy\'s operations decide whether it applies at all', () => {
    const object = volcanoJob({ metadata: { labels: { team: 'a' } } });
    const otherNs = { ...tenantNs, metadata: { name: 'team-a', labels: {} } };
    expect(evaluatePolicy(policy, binding, { operation: 'CREATE', object, namespace: otherNs }).skippedBecause).toBe('binding matchResources');
    expect(evaluatePolicy(policy, binding, { operation: 'UPDATE', object, oldObject: object, namespace: tenantNs }).skippedBecause).toBe('matchConstraints');
  });
});

describe('expression checks', () => {
  test.each([
    'noSuchFunction(1)', 'quantity("1").isBigger(quantity("2"))', '"a".noSuchMethod()', 'quantity(1)',
    // Only the admission variables exist: a typo is an error, not a dynamic value.
    'namespaceObjet.metadata.name', 'has(objects.spec)',
    // Kubernetes enables homogeneous aggregate literals.
    '[1, "a"]', '{"a": 1, "b": "x"}', '{"a": 1, 2: 1}',
    // sum() only for int, uint, double and duration lists.
    '["a", "b"].sum()', '[true].sum()', '[quantity("1")].sum()',
  ])(
    '%s is refused: no such function or overload, as the API server would refuse it', (expression) => {
      expect(checkExpression(expression).valid).toBe(false);
    },
  );
  test.each([
    'quantity("1").isLessThan(quantity("2"))', 'object.spec.tasks.map(t, t.replicas).sum()', '"a,b".split(",").join(", ")',
    'namespaceObject.metadata.name', 'oldObject == null', 'request.userInfo.username', 'params == null', 'variables.x',
    '[1, 2].sum() == 3', '[1u].sum() == 1u', '[0.5].sum() == 0.5', '[duration("1s"), duration("2s")].sum() == duration("3s")',
    '[dyn(1), dyn("a")].size() == 2',
  ])(
    '%s type-checks', (expression) => {
      expect(checkExpression(expression)).toEqual({ valid: true, error: undefined });
    },
  );
});
