import { policyObjectName } from '../../lib/admission/admission-policies';
import { RULES } from '../../lib/admission/cel';
import { POLICY_NAMES } from '../../lib/admission/policies/names';
import { FIXTURES } from '../../lib/admission/testing/all-fixtures';
import { FIXTURE_ENVIRONMENT } from '../../lib/admission/testing/fixture-environment';
import { FixtureUser, TENANT_USER, VOLCANO_CONTROLLER, bypassingJobTemplate, jobFromJobTemplate, jobTemplate } from '../../lib/admission/testing/fixtures';
import { jobTemplateCrdDefaults } from '../../lib/admission/testing/volcano-defaults';
import { prepareEnvironment } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { RenderedAdmission } from '../support/admission-environment';

type Json = Record<string, any>;

const objects = renderEnvironment(prepareEnvironment(FIXTURE_ENVIRONMENT)).flatMap((m) => m.objects);
const admission = new RenderedAdmission(objects);

/** The policies that deny a created object, each with how many of its validations fail. */
function denials(object: Json, user: FixtureUser = TENANT_USER): Record<string, number> {
  const reviews = admission.review({ operation: 'CREATE', object, oldObject: null, userInfo: user });
  return Object.fromEntries(reviews.filter((r) => r.outcome.violations.length > 0).map((r) => [r.policy, r.outcome.violations.length]));
}

/** The seven policies that judge a Volcano Job's spec. */
const JOB_POLICIES = ['allowed-queues', 'bounded-retries', 'gang-size', 'gpu-queues', 'priority-classes', 'resource-requests', 'volcano-scheduler'];

// Every JobTemplate created in a policy's fixture table, whatever the policy.
const createdJobTemplates = POLICY_NAMES.flatMap((name) => FIXTURES[name]
  .filter((f) => (f.operation ?? 'CREATE') === 'CREATE' && f.object?.kind === 'JobTemplate')
  .map((f) => [`${name}: ${f.name}`, f.object!] as const));

describe('Volcano JobTemplates', () => {
  test('every policy that judges Volcano Jobs matches jobtemplates on CREATE and UPDATE, and no other policy does', () => {
    const matching = objects
      .filter((o) => o.kind === 'ValidatingAdmissionPolicy')
      .filter((o) => (o.spec.matchConstraints.resourceRules as Json[]).some((r) => r.apiGroups.includes('flow.volcano.sh') && r.resources.includes('jobtemplates')))
      .map((o) => o.metadata.name)
      .sort();
    expect(matching).toEqual(JOB_POLICIES.map(policyObjectName).sort());
    expect(RULES.jobTemplates.operations).toEqual(['CREATE', 'UPDATE']);
  });

  test('the bypassing JobTemplate is denied by the six policies that deny the same Job created directly', () => {
    const policies = JOB_POLICIES.filter((p) => p !== 'gang-size').map(policyObjectName);
    expect(Object.keys(denials(bypassingJobTemplate())).sort()).toEqual(policies);
    expect(Object.keys(denials(jobFromJobTemplate(bypassingJobTemplate()))).sort()).toEqual(policies);
  });

  test('the Job Volcano\'s jobflow controller creates from it is exempt from every policy: only the JobTemplate can be judged', () => {
    expect(denials(jobFromJobTemplate(bypassingJobTemplate()), VOLCANO_CONTROLLER)).toEqual({});
  });

  test.each(createdJobTemplates)('%s: judged as the Job a JobFlow creates from it would be, were a tenant to submit it', (_name, object) => {
    expect(denials(object)).toEqual(denials(jobFromJobTemplate(object)));
  });

  test('the fixture tables create JobTemplates that some policy admits and some policy denies', () => {
    const outcomes = createdJobTemplates.map(([, object]) => Object.keys(denials(object)).length > 0);
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });

  test('a JobTemplate without spec (the CRD does not require one) is judged as the Job with an empty spec it stands for, without expression errors', () => {
    const object = jobTemplate({ spec: undefined });
    const reviews = admission.review({ operation: 'CREATE', object, oldObject: null, userInfo: TENANT_USER });
    const messages = reviews.flatMap((r) => r.outcome.violations.map((v) => v.message));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(/^JobTemplate team-a\/train: /);
    expect(denials(object)).toEqual(denials(jobFromJobTemplate(object)));
  });
});

describe('JobTemplate CRD defaults and the Job created from it', () => {
  test('the spec gets the Job CRD\'s maxRetry and queue; nothing already written changes', () => {
    expect(jobTemplateCrdDefaults(jobTemplate({ spec: { queue: undefined, maxRetry: undefined } })).spec).toMatchObject({ queue: 'default', maxRetry: 3 });
    expect(jobTemplateCrdDefaults(jobTemplate()).spec).toMatchObject({ queue: 'batch', maxRetry: 1 });
  });

  test('a JobTemplate without spec gets none: structural defaults fill fields of existing objects only', () => {
    expect(jobTemplateCrdDefaults(jobTemplate({ spec: undefined })).spec).toBeUndefined();
  });

  test('the JobTemplate is not mutated by /jobs/mutate: a missing minAvailable stays missing', () => {
    const mutated = admission.mutate({ operation: 'CREATE', object: jobTemplate({ spec: { minAvailable: undefined } }), oldObject: null, userInfo: TENANT_USER });
    expect(mutated.object!.spec.minAvailable).toBeUndefined();
    expect(mutated.object!.spec.maxRetry).toBe(1);
  });

  test('the created Job is named after the JobFlow and the template, in their namespace, with the template\'s spec as stored', () => {
    const job = jobFromJobTemplate(jobTemplate({ spec: { maxRetry: undefined } }), 'nightly');
    expect(job.metadata).toMatchObject({ name: 'nightly-train', namespace: 'team-a', labels: { 'volcano.sh/createdByJobFlow': 'team-a.nightly' } });
    expect(job.spec).toEqual({ ...jobTemplate().spec, maxRetry: 3 });
  });
});
