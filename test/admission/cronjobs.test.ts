import { TENANT_USER, bypassingCronJob, cronJob, jobFromCronJob, templateSpec } from '../../lib/admission/testing/fixtures';
import { cronJobCrdDefaults } from '../../lib/admission/testing/volcano-defaults';
import { FIXTURE_ADMISSION as admission, templateKindTests } from '../support/template-kinds';

describe('Volcano CronJobs', () => {
  templateKindTests({ kind: 'CronJob', controller: 'cronjob controller', bypassing: bypassingCronJob, jobFrom: jobFromCronJob });
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
