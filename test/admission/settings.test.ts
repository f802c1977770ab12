import { AdmissionSettings, DEFAULT_MAX_RETRY, defaultExemptions } from '../../lib/admission/settings';
import { FIXTURE_ENVIRONMENT } from '../../lib/admission/testing/fixture-environment';
import { EnvironmentValidationError, prepareEnvironment, validateEnvironment } from '../../lib/config';
import { synthesize } from '../../lib/synth/synthesize';
import { renderEnvironment } from '../../lib/synth/render';
import { podGroup } from '../../lib/admission/testing/fixtures';
import { evaluatePolicy } from '../support/admission';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const withAdmission = (admission: AdmissionSettings | undefined) => ({ ...FIXTURE_ENVIRONMENT, admission });

describe('admission settings', () => {
  test('defaults: Deny and Audit everywhere, Volcano\'s retry default, GPU queues from the queues, every class in every queue', () => {
    const env = prepareEnvironment(withAdmission(undefined));
    expect(env.admission.enforcement['allowed-queues']).toEqual(['Deny', 'Audit']);
    expect(env.admission.maxRetry).toBe(DEFAULT_MAX_RETRY);
    expect(env.admission.gpuQueues).toEqual(['gpu-train']);
    expect(env.admission.priorityClassesByQueue.batch).toEqual(['volcano-critical', 'volcano-high', 'volcano-normal', 'volcano-low']);
    // Administrators first, then Volcano's components, then Flux's and Pulumi's identities (the fixture's deploy.deployers).
    expect(env.admission.exemptions).toEqual({
      users: ['system:serviceaccount:platform-ci:pulumi'],
      groups: ['system:masters', 'kubeadm:cluster-admins', ...defaultExemptions('volcano-system').groups, 'system:serviceaccounts:flux-system'],
    });
    expect(env.admission.volcanoSchedulerEnabled).toBe(false);
  });

  test('per-policy enforcement overrides the environment\'s', () => {
    const env = prepareEnvironment(withAdmission({ enforcement: ['Warn'], policies: { 'gpu-queues': ['Deny'], 'queue-resource-order': 'off' } }));
    expect(env.admission.enforcement['allowed-queues']).toEqual(['Warn']);
    expect(env.admission.enforcement['gpu-queues']).toEqual(['Deny']);
    expect(env.admission.enforcement['queue-resource-order']).toBe('off');
  });

  test.each<[string, AdmissionSettings, string[]]>([
    ['Deny with Warn', { enforcement: ['Deny', 'Warn'] }, ['fixture: admission.enforcement: Deny and Warn exclude each other (the API server refuses the binding)']],
    ['no actions', { enforcement: [] }, ['fixture: admission.enforcement: must be "off" or a non-empty list of Deny, Warn, Audit']],
    ['an unknown action', { enforcement: ['Deny', 'Block' as any] }, ['fixture: admission.enforcement[1]: "Block" is not a validation action; known: Deny, Warn, Audit']],
    ['an action twice', { policies: { 'gang-size': ['Audit', 'Audit'] } }, ['fixture: admission.policies.gang-size[1]: "Audit" is listed twice']],
    ['an unknown policy', { policies: { 'no-such-policy': ['Deny'] } as any }, [
      'fixture: admission.policies.no-such-policy: unknown policy "no-such-policy"; known: allowed-queues, gang-size, resource-requests, priority-classes, gpu-queues, bounded-retries, volcano-scheduler, queue-protection, queue-resource-order',
    ]],
    ['maxRetry 0', { maxRetry: 0 }, ['fixture: admission.maxRetry: 0 must be a whole number of at least 1 (Volcano turns 0 into 3)']],
    ['maxRetry 1.5', { maxRetry: 1.5 }, ['fixture: admission.maxRetry: 1.5 must be a whole number of at least 1 (Volcano turns 0 into 3)']],
    ['GPU queues set by hand', { gpuQueues: ['gpu-train'] } as AdmissionSettings, [
      'fixture: admission.gpuQueues: is no longer set by hand: a leaf queue is a GPU queue when its own guarantee, deserved or capability gives a GPU resource (nvidia.com/gpu, volcano.sh/gpu-memory, volcano.sh/gpu-number) above zero; remove this line',
    ]],
    ['classes for an unknown queue and an unknown class', { priorityClassesByQueue: { gpu: ['volcano-normal'], batch: ['volcano-normal', 'urgent'] } }, [
      'fixture: admission.priorityClassesByQueue.gpu: "gpu" is not a queue of this environment; known: interactive, batch, gpu-train',
      'fixture: admission.priorityClassesByQueue.batch[1]: "urgent" is not a priority class of this environment; known: volcano-critical, volcano-high, volcano-normal, volcano-low',
    ]],
    ['a misspelt queue and a misspelt class, with what was meant', { priorityClassesByQueue: { interactve: ['volcano-high'], batch: ['volcano-normal', 'volcano-hihg'] } }, [
      'fixture: admission.priorityClassesByQueue.interactve: "interactve" is not a queue of this environment; did you mean "interactive"?',
      'fixture: admission.priorityClassesByQueue.batch[1]: "volcano-hihg" is not a priority class of this environment; did you mean "volcano-high"?',
    ]],
    ['"Off" for "off"', { policies: { 'gang-size': 'Off' as 'off' } }, ['fixture: admission.policies.gang-size: must be "off" or a list of Deny, Warn, Audit, got "Off"; did you mean "off"?']],
    ['one action written without its list', { enforcement: 'Deny' as unknown as ['Deny'] }, ['fixture: admission.enforcement: must be "off" or a list of Deny, Warn, Audit, got "Deny"; did you mean ["Deny"]?']],
    ['exemptions that leave out Volcano\'s own service accounts', { exemptions: { groups: ['ops'] } }, [
      'fixture: admission.exemptions.groups: must include "system:serviceaccounts:volcano-system": Volcano\'s scheduler creates the root and default queues and its controllers create PodGroups, which the policies enforced with Deny would refuse',
    ]],
    ['a blank or quoted exemption', { exemptions: { users: [' '], groups: ['system:serviceaccounts:volcano-system', 'a"b'] } }, [
      'fixture: admission.exemptions.users[0]: " " must be a non-empty name without quotes or backslashes',
      'fixture: admission.exemptions.groups[1]: "a"b" must be a non-empty name without quotes or backslashes',
    ]],
  ])('%s is refused with the exact message', (_name, admission, messages) => {
    expect(validateEnvironment(withAdmission(admission))).toEqual(messages);
  });

  test('deployers stay exempt when admission.exemptions replaces the defaults', () => {
    const env = prepareEnvironment(withAdmission({ exemptions: { users: ['break-glass@example.com'], groups: ['system:serviceaccounts:volcano-system'] } }));
    expect(env.admission.exemptions).toEqual({
      users: ['break-glass@example.com', 'system:serviceaccount:platform-ci:pulumi'],
      groups: ['system:masters', 'kubeadm:cluster-admins', 'system:serviceaccounts:volcano-system', 'system:serviceaccounts:flux-system'],
    });
  });

  test.each([
    ['a group every caller is in', { flux: { groups: ['system:authenticated'] } },
      'fixture: deploy.deployers.flux.groups[0]: "system:authenticated" is a group every caller is in; exempting it switches off every tenant policy and queue-protection'],
    ['a tenant namespace\'s service account', { pulumi: { users: ['system:serviceaccount:team-a:deployer'] } },
      'fixture: deploy.deployers.pulumi.users[0]: "system:serviceaccount:team-a:deployer" is a service account of tenant namespace "team-a"; its workloads would be exempt from the tenant policies: deploy from a namespace of its own'],
    ['every service account of a tenant namespace', { administrators: { groups: ['system:serviceaccounts:team-ml'] } },
      'fixture: deploy.deployers.administrators.groups[0]: "system:serviceaccounts:team-ml" is a service account of tenant namespace "team-ml"; its workloads would be exempt from the tenant policies: deploy from a namespace of its own'],
    ['a blank name', { pulumi: { users: [''] } }, 'fixture: deploy.deployers.pulumi.users[0]: "" must be a non-empty name without quotes or backslashes'],
  ])('a deployer that would exempt tenants is refused: %s', (_name, deployers, message) => {
    expect(validateEnvironment({ ...FIXTURE_ENVIRONMENT, deploy: { deployers } })).toEqual([message]);
  });

  test('Volcano\'s service accounts are exempt in the release namespace the environment uses', () => {
    const env = prepareEnvironment({ ...withAdmission(undefined), release: { namespace: 'batch-scheduler' } });
    expect(env.admission.exemptions.groups).toContain('system:serviceaccounts:batch-scheduler');
    expect(env.admission.exemptions.groups).not.toContain('system:serviceaccounts:volcano-system');
    const objects = renderEnvironment(env).flatMap((m) => m.objects);
    const find = (kind: string) => objects.find((o) => o.kind === kind && o.metadata.name === 'volcano-platform-allowed-queues')!;
    const namespace = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'team-a')!;
    const controller = (ns: string) => ({ username: `system:serviceaccount:${ns}:volcano-controllers`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`] });
    // A PodGroup in a queue the tenant may not use: Volcano's own controller may create it, anyone else may not.
    const object = podGroup({ spec: { queue: 'gpu-train' } });
    const decide = (ns: string) => evaluatePolicy(find('ValidatingAdmissionPolicy'), find('ValidatingAdmissionPolicyBinding'), { operation: 'CREATE', object, namespace, userInfo: controller(ns) });
    expect(decide('batch-scheduler')).toMatchObject({ applies: false, skippedBecause: expect.stringMatching(/^matchCondition /) });
    expect(decide('volcano-system').violations).toHaveLength(1);
  });

  test('an invalid admission setting stops synthesis before anything is written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admission-'));
    try {
      expect(() => synthesize([withAdmission({ maxRetry: -1 })], dir)).toThrow(EnvironmentValidationError);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
