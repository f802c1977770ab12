import { KubeObject } from '../../lib/synth/render';
import { allObjects } from '../support/render';
import { objectKey } from '../../lib/deploy/plan';
import { isCoreObject, schemaValidator, validateCoreObject } from '../support/schemas';

describe('core objects validate against the Kubernetes schema (kubernetes-models)', () => {
  const core = allObjects().filter((o) => isCoreObject(o.object));

  test('there are core objects to check', () => {
    expect(core.map((o) => o.object.kind)).toEqual(expect.arrayContaining(['Namespace', 'ResourceQuota', 'LimitRange', 'PriorityClass']));
  });

  test.each(core.map((o) => [`${o.environment} ${objectKey(o.object)}`, o.object] as const))('%s', (_id, object) => {
    expect(() => validateCoreObject(object)).not.toThrow();
  });

  test('the validator catches a broken object', () => {
    const broken: KubeObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: 'lots' } };
    expect(() => validateCoreObject(broken)).toThrow(/ResourceQuota\/q: .*hard/);
  });
});

describe('Volcano Queues validate against the v1.15.1 Queue CRD schema (schemas/)', () => {
  const validateQueue = schemaValidator('scheduling.volcano.sh/v1beta1', 'Queue');
  const queues = allObjects().filter((o) => o.object.kind === 'Queue');

  test.each(queues.map((o) => [`${o.environment} ${o.object.metadata.name}`, o.object] as const))('%s', (_id, object) => {
    expect(validateQueue(object)).toEqual([]);
  });

  test('the validator catches a wrong field and a wrong value', () => {
    const [{ object }] = queues;
    expect(validateQueue({ ...object, spec: { ...object.spec, weight: 0 } })).toContain('/spec/weight must be >= 1');
    expect(validateQueue({ ...object, spec: { ...object.spec, state: 'Open' } })).toContain('/spec must NOT have additional properties (state)');
  });
});
