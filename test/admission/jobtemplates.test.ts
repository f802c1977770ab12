import { policyObjectName } from '../../lib/admission/admission-policies';
import { RULES } from '../../lib/admission/cel';
import { TENANT_USER, bypassingJobTemplate, jobFromJobTemplate, jobTemplate } from '../../lib/admission/testing/fixtures';
import { jobTemplateCrdDefaults } from '../../lib/admission/testing/volcano-defaults';
import { FIXTURE_ADMISSION as admission, FIXTURE_OBJECTS as objects, denials, templateKindTests } from '../support/template-kinds';

type Json = Record<string, any>;

/** The seven policies that judge a Volcano Job's spec. */
const JOB_POLICIES = ['allowed-queues', 'bounded-retries', 'gang-size', 'gpu-queues', 'priority-classes', 'resource-requests', 'volcano-scheduler'];

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

  templateKindTests({ kind: 'JobTemplate', controller: 'jobflow controller', bypassing: bypassingJobTemplate, jobFrom: jobFromJobTemplate });

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
