import { FIXTURE_ENVIRONMENT } from '../../lib/admission/testing/fixture-environment';
import { task, volcanoJob } from '../../lib/admission/testing/fixtures';
import {
  afterVolcanoMutation, jobCrdDefaults, mutateJobOnCreate, podGroupCrdDefaults, storedShapeProblems, volcanoAdmissionOf,
} from '../../lib/admission/testing/volcano-defaults';
import { prepareEnvironment } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { RenderedAdmission } from '../support/admission-environment';

type Json = Record<string, any>;

/** The smallest Job a client can submit: one task with a template, nothing else. */
const bareJob = (tasks: Json[] = [{ replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }]): Json => ({
  apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', metadata: { name: 'j', namespace: 'team-a' }, spec: { tasks },
});

describe('Volcano v1.15.1\'s /jobs/mutate, as validating admission sees a created Job', () => {
  test('a bare Job gets queue, scheduler, maxRetry, task names, task minAvailable and maxRetry, and the gang size', () => {
    expect(mutateJobOnCreate(bareJob()).spec).toEqual({
      queue: 'default',
      schedulerName: 'volcano',
      maxRetry: 3,
      minAvailable: 2,
      tasks: [{ name: 'default0', replicas: 2, minAvailable: 2, maxRetry: 3, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }],
    });
  });

  test('empty strings and zeros count as unset; a task\'s explicit minAvailable 0 is kept (only a missing one is filled in)', () => {
    const job = bareJob([{ name: '', replicas: 3, minAvailable: 0, maxRetry: 0 }, { replicas: 1 }]);
    job.spec = { ...job.spec, queue: '', schedulerName: '', maxRetry: 0, minAvailable: 0 };
    const { spec } = mutateJobOnCreate(job, 'volcano-gpu');
    expect([spec.queue, spec.schedulerName, spec.maxRetry]).toEqual(['default', 'volcano-gpu', 3]);
    expect(spec.tasks.map((t: Json) => [t.name, t.minAvailable, t.maxRetry])).toEqual([['default0', 0, 3], ['default1', 1, 3]]);
    // The sum of the tasks' minAvailable after they were filled in: 0 + 1.
    expect(spec.minAvailable).toBe(1);
  });

  test('what the Job sets stays as it is', () => {
    const job = volcanoJob({ spec: { queue: 'batch', schedulerName: 'volcano', maxRetry: 1, minAvailable: 1, tasks: [{ ...task('worker', 2), minAvailable: 1, maxRetry: 2 }] } });
    expect(mutateJobOnCreate(job)).toEqual(job);
  });

  test('a task\'s minAvailable from its partition policy when minPartitions is above 0, else its replicas', () => {
    const job = bareJob([
      { name: 'a', replicas: 8, partitionPolicy: { totalPartitions: 4, partitionSize: 2, minPartitions: 3 } },
      { name: 'b', replicas: 8, partitionPolicy: { totalPartitions: 4, partitionSize: 2, minPartitions: 0 } },
    ]);
    expect(mutateJobOnCreate(job).spec.tasks.map((t: Json) => t.minAvailable)).toEqual([6, 8]);
    expect(mutateJobOnCreate(job).spec.minAvailable).toBe(14);
  });

  test('host-network templates get ClusterFirstWithHostNet, and the framework plugins get svc (and ssh for mpi)', () => {
    const job = bareJob([{ name: 'a', replicas: 1, template: { spec: { hostNetwork: true, containers: [] } } }]);
    job.spec.plugins = { mpi: ['--master=a'] };
    const { spec } = mutateJobOnCreate(job);
    expect(spec.tasks[0].template.spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(spec.plugins).toEqual({ mpi: ['--master=a'], svc: [], ssh: [] });
    expect(mutateJobOnCreate({ ...bareJob(), spec: { ...bareJob().spec, plugins: { pytorch: [], svc: ['--x'] } } }).spec.plugins).toEqual({ pytorch: [], svc: ['--x'] });
  });

  test('idempotent: a stored Job comes out as it went in, and is in the stored shape', () => {
    const once = mutateJobOnCreate(bareJob());
    expect(mutateJobOnCreate(once)).toEqual(once);
    expect(storedShapeProblems(once)).toEqual([]);
    expect(storedShapeProblems(bareJob())).toEqual(['spec.queue is empty', 'spec.schedulerName is empty', 'spec.maxRetry is 0',
      'spec.tasks[0].name is empty', 'spec.tasks[0].maxRetry is 0']);
  });

  test('the input is not changed', () => {
    const job = bareJob();
    const before = JSON.stringify(job);
    mutateJobOnCreate(job);
    expect(JSON.stringify(job)).toBe(before);
  });
});

describe('the CRDs\' structural defaults, which apply with or without the webhook', () => {
  test('a Job without maxRetry or queue gets 3 and default; an explicit 0 or "" is the webhook\'s to fix', () => {
    expect(jobCrdDefaults(bareJob()).spec).toEqual(expect.objectContaining({ maxRetry: 3, queue: 'default' }));
    expect(jobCrdDefaults({ ...bareJob(), spec: { ...bareJob().spec, maxRetry: 0, queue: '' } }).spec).toEqual(expect.objectContaining({ maxRetry: 0, queue: '' }));
    expect(jobCrdDefaults(bareJob()).spec.tasks[0].maxRetry).toBeUndefined();
  });

  test('a PodGroup without a queue gets default', () => {
    expect(podGroupCrdDefaults({ kind: 'PodGroup', spec: { minMember: 1 } }).spec).toEqual({ minMember: 1, queue: 'default' });
  });
});

describe('the test harness judges Jobs as the API server hands them to validating admission', () => {
  const objects = renderEnvironment(prepareEnvironment(FIXTURE_ENVIRONMENT)).flatMap((m) => m.objects);

  test('the environment\'s release enables /jobs/mutate (the chart\'s default), with scheduler name volcano', () => {
    expect(volcanoAdmissionOf(objects)).toEqual({ jobsMutate: true, schedulerName: 'volcano' });
    expect(new RenderedAdmission(objects).mutate({ operation: 'CREATE', object: bareJob() }).object).toEqual(mutateJobOnCreate(bareJob()));
  });

  test('where the release leaves /jobs/mutate out, only the CRD defaults apply', () => {
    const env = prepareEnvironment({
      ...FIXTURE_ENVIRONMENT,
      release: { admission: { hooks: ['/jobs/validate', '/podgroups/validate', '/queues/mutate', '/queues/validate'] } },
    });
    const admission = new RenderedAdmission(renderEnvironment(env).flatMap((m) => m.objects));
    expect(admission.volcano.jobsMutate).toBe(false);
    expect(admission.mutate({ operation: 'CREATE', object: bareJob() }).object).toEqual(jobCrdDefaults(bareJob()));
  });

  test('an UPDATE of a Job the API server would never have stored is refused, so no fixture can pass on such a shape', () => {
    const stored = mutateJobOnCreate(bareJob());
    expect(() => afterVolcanoMutation({ operation: 'UPDATE', object: bareJob(), oldObject: stored }, { jobsMutate: true, schedulerName: 'volcano' }))
      .toThrow(/the object of this UPDATE is a Job the API server never stores \(spec\.schedulerName is empty; .*\): .*storedJob\(\)/);
    expect(() => afterVolcanoMutation({ operation: 'UPDATE', object: stored, oldObject: bareJob() }, { jobsMutate: true, schedulerName: 'volcano' }))
      .toThrow(/the oldObject of this UPDATE/);
    // An UPDATE may change minAvailable to 0: it is not filled in again (the webhook runs on CREATE only).
    const scaledDown = { ...stored, spec: { ...stored.spec, minAvailable: 0 } };
    expect(afterVolcanoMutation({ operation: 'UPDATE', object: scaledDown, oldObject: stored }, { jobsMutate: true, schedulerName: 'volcano' }).object).toEqual(scaledDown);
  });
});
