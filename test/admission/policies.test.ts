import { POLICY_NAMES } from '../../lib/admission/policies/names';
import { FIXTURES } from '../../lib/admission/testing/all-fixtures';
import { FIXTURE_ENVIRONMENT } from '../../lib/admission/testing/fixture-environment';
import { PolicyFixture, TENANT_USER } from '../../lib/admission/testing/fixtures';
import { policyObjectName } from '../../lib/admission/admission-policies';
import { prepareEnvironment } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { RenderedAdmission } from '../support/admission-environment';

const admission = new RenderedAdmission(renderEnvironment(prepareEnvironment(FIXTURE_ENVIRONMENT)).flatMap((m) => m.objects));

/** The outcome of the one policy under test for a fixture's request (every policy is bound in the fixture environment). */
function decide(policyName: string, fixture: PolicyFixture) {
  const reviews = admission.review({
    operation: fixture.operation ?? 'CREATE',
    object: fixture.object,
    oldObject: fixture.oldObject ?? null,
    userInfo: fixture.user ?? TENANT_USER,
  }, policyObjectName(policyName));
  expect(reviews.map((r) => r.policy)).toEqual([policyObjectName(policyName)]);
  return reviews[0].outcome;
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
