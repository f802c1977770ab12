import { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { ConfigMap, Pod } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job as BatchJob } from 'kubernetes-models/batch/v1';
import { POLICY_NAMES } from '../../lib/admission/policies/names';
import { renderSamples } from '../../lib/admission/samples';
import { FIXTURE_ENVIRONMENT } from '../../lib/admission/testing/fixture-environment';
import { prepareEnvironments } from '../../lib/config';
import { LABELS } from '../../lib/labels';
import { renderEnvironment } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';
import { prod } from '../../stacks/environments/prod';
import { checkExpression, parseExpression } from '../support/admission';
import { schemaValidator } from '../support/schemas';

const envs = prepareEnvironments([...ENVIRONMENTS, FIXTURE_ENVIRONMENT]);
const rendered = envs.map((env) => ({ env, objects: renderEnvironment(env).flatMap((m) => m.objects) }));
const policies = rendered.flatMap(({ env, objects }) => objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => ({ env: env.name, o })));
const bindings = rendered.flatMap(({ env, objects }) => objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding').map((o) => ({ env: env.name, o })));

describe('rendered admission policies', () => {
  test('every environment renders every policy it enforces, and one binding per policy', () => {
    for (const { env, objects } of rendered) {
      const names = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => o.metadata.name);
      const bound = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding').map((o) => o.spec.policyName);
      const enforced = POLICY_NAMES.filter((n) => env.admission.enforcement[n] !== 'off').map((n) => `volcano-platform-${n}`).sort();
      expect({ env: env.name, names: [...names].sort() }).toEqual({ env: env.name, names: enforced });
      expect({ env: env.name, bound: [...bound].sort() }).toEqual({ env: env.name, bound: enforced });
    }
  });

  test('queue-resource-order is off by default only where Volcano\'s own ValidatingAdmissionPolicies are enabled', () => {
    const has = (name: string) => rendered.find(({ env }) => env.name === name)!.objects.some((o) => o.metadata.name === 'volcano-platform-queue-resource-order');
    for (const { env } of rendered) expect({ env: env.name, rendered: has(env.name) }).toEqual({ env: env.name, rendered: !env.release.admission.validatingAdmissionPolicies });
    expect(has('prod')).toBe(false);
    expect(has('dev')).toBe(true);
    expect(has('gpu-lab')).toBe(true);
    // An explicit setting wins over the default.
    const [prodOn] = prepareEnvironments([{ ...prod, admission: { ...prod.admission, policies: { 'queue-resource-order': ['Deny'] } } }]);
    expect(prodOn.admission.enforcement['queue-resource-order']).toEqual(['Deny']);
    const [devOff] = prepareEnvironments([{ ...prod, name: 'dev', release: { ...prod.release, admission: { ...prod.release!.admission, validatingAdmissionPolicies: false } } }]);
    expect(devOff.admission.enforcement['queue-resource-order']).toEqual(['Deny', 'Audit']);
  });

  test.each(policies.map(({ env, o }) => [`${env}/${o.metadata.name}`, o] as const))('%s: every CEL expression parses and type-checks against the Kubernetes functions', (_name, policy) => {
    const expressions = [
      ...(policy.spec.matchConditions ?? []).map((c: any) => c.expression),
      ...(policy.spec.variables ?? []).map((v: any) => v.expression),
      ...policy.spec.validations.flatMap((v: any) => [v.expression, v.messageExpression].filter(Boolean)),
    ];
    expect(expressions.length).toBeGreaterThan(1);
    for (const expression of expressions) {
      expect(() => parseExpression(expression)).not.toThrow();
      expect({ expression, ...checkExpression(expression) }).toEqual({ expression, valid: true });
    }
  });

  test.each(policies.map(({ env, o }) => [`${env}/${o.metadata.name}`, o] as const))('%s: every validation has a message, a messageExpression and a reason', (_name, policy) => {
    for (const v of policy.spec.validations) {
      expect(v.message).toEqual(expect.any(String));
      expect(v.messageExpression).toEqual(expect.any(String));
      expect(['Forbidden', 'Invalid']).toContain(v.reason);
    }
  });

  test.each(bindings.map(({ env, o }) => [`${env}/${o.metadata.name}`, env, o] as const))('%s references an existing policy of its environment', (_name, env, binding) => {
    expect(policies.filter((p) => p.env === env).map((p) => p.o.metadata.name)).toContain(binding.spec.policyName);
  });

  test('prod denies (and audits) with every policy; dev only warns', () => {
    for (const { o } of bindings.filter((b) => b.env === 'prod')) expect(o.spec.validationActions).toEqual(['Deny', 'Audit']);
    for (const { o } of bindings.filter((b) => b.env === 'dev')) expect(o.spec.validationActions).toEqual(['Warn', 'Audit']);
  });

  test('tenant policies bind to tenant namespaces, and every tenant namespace carries the tenant label', () => {
    for (const { env, objects } of rendered) {
      const tenantBindings = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding' && !/queue-(protection|resource-order)$/.test(o.metadata.name));
      for (const b of tenantBindings) expect(b.spec.matchResources.namespaceSelector.matchExpressions).toEqual([{ key: LABELS.tenant, operator: 'Exists' }]);
      const namespaces = objects.filter((o) => o.kind === 'Namespace' && env.tenants.some((t) => t.name === o.metadata.name));
      expect(namespaces.map((n) => (n.metadata as Record<string, any>).labels[LABELS.tenant])).toEqual(env.tenants.map((t) => t.name));
    }
  });

  test('no policy judges an UPDATE that only finalizes an object being deleted; tenant policies judge a Job or PodGroup UPDATE, and queue-resource-order a Queue UPDATE, only when what they judge changed', () => {
    for (const { env, o } of policies) {
      const conditions: string[] = o.spec.matchConditions.map((c: any) => c.name);
      expect({ env, policy: o.metadata.name, finalizing: conditions.includes('finalizing-deleted-objects-excluded') })
        .toEqual({ env, policy: o.metadata.name, finalizing: true });
      const updatesVolcanoObjects = o.spec.matchConstraints.resourceRules.some((r: any) => r.operations.includes('UPDATE') && r.resources.some((res: string) => ['jobs', 'podgroups'].includes(res)));
      // queue-protection judges who writes a Queue, so every UPDATE; queue-resource-order judges its numbers, so only their changes.
      const judgesNumbersOfQueues = o.metadata.name === 'volcano-platform-queue-resource-order';
      expect({ env, policy: o.metadata.name, judgedOnly: conditions.includes('updates-changing-judged-fields-only') })
        .toEqual({ env, policy: o.metadata.name, judgedOnly: updatesVolcanoObjects || judgesNumbersOfQueues });
    }
  });

  test('a policy set to off renders neither policy nor binding', () => {
    const [env] = prepareEnvironments([{ ...FIXTURE_ENVIRONMENT, admission: { policies: { 'queue-resource-order': 'off' } } }]);
    const names = renderEnvironment(env).flatMap((m) => m.objects).filter((o) => o.kind.startsWith('ValidatingAdmissionPolicy')).map((o) => o.metadata.name);
    expect(names).not.toContain('volcano-platform-queue-resource-order');
    expect(names).toContain('volcano-platform-queue-protection');
  });
});

describe('rendered objects validate against the Kubernetes schema', () => {
  test.each(policies.map(({ env, o }) => [`${env}/${o.metadata.name}`, o] as const))('policy %s', (_name, o) => {
    expect(() => new ValidatingAdmissionPolicy(o as any).validate()).not.toThrow();
  });
  test.each(bindings.map(({ env, o }) => [`${env}/${o.metadata.name}`, o] as const))('binding %s', (_name, o) => {
    expect(() => new ValidatingAdmissionPolicyBinding(o as any).validate()).not.toThrow();
  });
  test('integration ConfigMaps', () => {
    const maps = rendered.flatMap(({ objects }) => objects.filter((o) => o.kind === 'ConfigMap'));
    expect(maps.length).toBeGreaterThan(0);
    for (const o of maps) expect(() => new ConfigMap(o as any).validate()).not.toThrow();
  });
  test('sample Pods, Deployments and batch/v1 Jobs', () => {
    const samples = envs.flatMap((env) => renderSamples(env).flatMap((s) => s.objects));
    const models: Record<string, (o: any) => { validate(): void }> = {
      'v1/Pod': (o) => new Pod(o), 'apps/v1/Deployment': (o) => new Deployment(o), 'batch/v1/Job': (o) => new BatchJob(o),
    };
    const native = samples.filter((o) => models[`${o.apiVersion}/${o.kind}`]);
    expect(native.length).toBeGreaterThanOrEqual(3);
    for (const o of native) expect(() => models[`${o.apiVersion}/${o.kind}`](o).validate()).not.toThrow();
  });
});

describe('sample Volcano objects validate against the Volcano 1.15.1 CRDs (schemas/)', () => {
  const samples = envs.flatMap((env) => renderSamples(env).flatMap((s) => s.objects));
  test.each([
    ['Job', 'batch.volcano.sh/v1alpha1'],
    ['PodGroup', 'scheduling.volcano.sh/v1beta1'],
  ])('%s', (kind, apiVersion) => {
    const validate = schemaValidator(apiVersion, kind);
    const objects = samples.filter((o) => o.kind === kind && o.apiVersion === apiVersion);
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      expect({ name: o.metadata.name, errors: validate(o) }).toEqual({ name: o.metadata.name, errors: [] });
    }
  });
});

describe('workload integration settings', () => {
  const configMap = (env: string, namespace: string) =>
    rendered.find((r) => r.env.name === env)!.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === namespace) as Record<string, any>;

  test('Volcano is on in dev, off in prod until the rollout', () => {
    expect(configMap('dev', 'agent-runtime').data.ENABLE_VOLCANO_SCHEDULER).toBe('true');
    expect(configMap('prod', 'agent-runtime').data.ENABLE_VOLCANO_SCHEDULER).toBe('false');
  });

  test('each tenant gets its first enabled queue as default, its namespace and the retry limit', () => {
    expect(configMap('prod', 'data-science').data).toEqual({
      ENABLE_VOLCANO_SCHEDULER: 'false',
      VOLCANO_SCHEDULER_NAME: 'volcano',
      VOLCANO_NAMESPACE: 'data-science',
      // analytics is disabled in prod, so batch is the default.
      VOLCANO_DEFAULT_QUEUE: 'batch',
      VOLCANO_ALLOWED_QUEUES: 'batch',
      VOLCANO_MAX_RETRY: '1',
    });
    expect(configMap('gpu-lab', 'lab-nlp').data.VOLCANO_DEFAULT_QUEUE).toBe('lab-nlp');
  });
});
