import { POLICY_NAMES } from '../../lib/admission/policies/names';
import { FIXTURES } from '../../lib/admission/testing/all-fixtures';
import { FIXTURE_ENVIRONMENT } from '../../lib/admission/testing/fixture-environment';
import { PolicyFixture, TENANT_USER } from '../../lib/admission/testing/fixtures';
import { policyObjectName } from '../../lib/admission/admission-policies';
import { prepareEnvironment } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { evaluatePolicy } from '../support/admission';
import { afterMutatingAdmission } from '../support/limit-ranger';

const objects = renderEnvironment(prepareEnvironment(FIXTURE_ENVIRONMENT)).flatMap((m) => m.objects);
const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

function decide(policyName: string, fixture: PolicyFixture) {
  const name = policyObjectName(policyName);
  const target = fixture.object ?? fixture.oldObject!;
  const namespace = target.metadata.namespace === undefined ? null : find('Namespace', target.metadata.namespace);
  if (namespace === undefined) throw new Error(`fixture names namespace ${target.metadata.namespace}, which the fixture environment lacks`);
  // Created Pods are defaulted by the namespace's LimitRange (LimitRanger runs before validating policies).
  const input = afterMutatingAdmission({
    operation: fixture.operation ?? 'CREATE',
    object: fixture.object,
    oldObject: fixture.oldObject ?? null,
    namespace,
    userInfo: fixture.user ?? TENANT_USER,
  }, (ns) => objects.filter((o) => o.kind === 'LimitRange' && o.metadata.namespace === ns));
  return evaluatePolicy(find('ValidatingAdmissionPolicy', name)!, find('ValidatingAdmissionPolicyBinding', name), input);
}

describe.each(POLICY_NAMES.map((n) => [n]))('policy %s', (policyName) => {
  const fixtures = FIXTURES[policyName];

  test('has at least 3 admitted and 5 denied fixtures', () => {
    expect(fixtures.filter((f) => f.expect === 'admitted').length).toBeGreaterThanOrEqual(3);
    expect(fixtures.filter((f) => f.expect !== 'admitted').length).toBeGreaterThanOrEqual(5);
  });

  test.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const outcome = decide(policyName, fixture);
    const messages = outcome.violations.map((v) => v.message);
    if (fixture.expect === 'admitted') expect(messages).toEqual([]);
    else expect(messages).toEqual(fixture.expect.denied);
  });
});
