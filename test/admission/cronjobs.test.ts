import { policyObjectName } from '../../lib/admission/admission-policies';
import { POLICY_NAMES } from '../../lib/admission/policies/names';
import { FIXTURES } from '../../lib/admission/testing/all-fixtures';
import { FIXTURE_ENVIRONMENT } from '../../lib/admission/testing/fixture-environment';
import { FixtureUser, TENANT_USER, VOLCANO_CONTROLLER, bypassingCronJob, cronJob, jobFromCronJob, templateSpec } from '../../lib/admission/testing/fixtures';
import { cronJobCrdDefaults } from '../../lib/admission/testing/volcano-defaults';
import { prepareEnvironment } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { RenderedAdmission } from '../support/admission-environment';

type Json = Record<string, any>;

const admission = new RenderedAdmission(renderEnvironment(prepareEnvironment(FIXTURE_ENVIRONMENT)).flatMap((m) => m.objects));

/** The policies that deny a created object, each with how many of its validations fail. */
function denials(object: Json, user: FixtureUser = TENANT_USER): Record<string, number> {
  const reviews = admission.review({ operation: 'CREATE', object, oldObject: null, userInfo: user });
  return Object.fromEntries(reviews.filter((r) => r.outcome.violations.length > 0).map((r) => [r.policy, r.outcome.violations.length]));
}

// Every CronJob created in a policy's fixture table, whatever the policy.
const createdCronJobs = POLICY_NAMES.flatMap((name) => FIXTURES[name]
  .filter((f) => (f.operation ?? 'CREATE') === 'CREATE' && f.object?.kind === 'CronJob')
  .map((f) => [`${name}: ${f.name}`, f.object!] as const));

describe('Volcano CronJobs', () => {
  test('the reviewer\'s CronJob is denied by the six policies that deny the same Job created directly', () => {
    const policies = ['allowed-queues', 'bounded-retries', 'gpu-queues', 'priority-classes', 'resource-requests', 'volcano-scheduler'].map(policyObjectName);
    expect(Object.keys(denials(bypassingCronJob())).sort()).toEqual(policies);
    expect(Object.keys(denials(jobFromCronJob(bypassingCronJob()))).sort()).toEqual(policies);
  });

  test('the Job Volcano\'s controller creates from it is exempt from every policy: only the CronJob can be judged', () => {
    expect(denials(jobFromCronJob(bypassingCronJob()), VOLCANO_CONTROLLER)).toEqual({});
  });

  test.each(createdCronJobs)('%s: judged as the Job its controller creates would be, were a tenant to submit it', (_name, object) => {
    expect(denials(object)).toEqual(denials(jobFromCronJob(object)));
  });

  test('the fixture tables create CronJobs that some policy admits and some policy denies', () => {
    const outcomes = createdCronJobs.map(([, object]) => Object.keys(denials(object)).length > 0);
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });
});

describe('CronJob CRD defaults', () => {
  test('the template gets the Job CRD\'s maxRetry and queue, the CronJob its own defaults; nothing already written changes', () => {
    const defaulted = cronJobCrdDefaults(cronJob(templateSpec({ queue: undefined, maxRetry: undefined })));
    expect(defaulted.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, failedJobsHistoryLimit: 1, successfulJobsHistoryLimit: 3 });
    expect(defaulted.spec.jobTemplate.spec).toMatchObject({ queue: 'default', maxRetry: 3 });
    expect(cronJobCrdDefaults(cronJob({ spec: { suspend: true } })).spec).toMatchObject({ suspend: true, jobTemplate: { spec: { queue: 'batch', maxRetry: 1 } } });
  });

  test('a template without spec gets none: structural defaults fill fields of existing objects only', () => {
    expect(cronJobCrdDefaults(cronJob({ spec: { jobTemplate: { spec: undefined } } })).spec.jobTemplate).toEqual({});
  });

  test('the template is not mutated by /jobs/mutate: a missing minAvailable stays missing on the CronJob', () => {
    const mutated = admission.mutate({ operation: 'CREATE', object: cronJob(templateSpec({ minAvailable: undefined })), oldObject: null, userInfo: TENANT_USER });
    expect(mutated.object!.spec.jobTemplate.spec.minAvailable).toBeUndefined();
    expect(mutated.object!.spec.jobTemplate.spec.maxRetry).toBe(1);
  });
});
