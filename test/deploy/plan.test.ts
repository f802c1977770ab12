import { prepareEnvironments } from '../../lib/config';
import { DEPLOYMENT_GROUPS, GROUP_DEPENDENCIES, deploymentPlan, groupOf } from '../../lib/deploy/plan';
import { renderEnvironment } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';

describe('deployment plan', () => {
  test('groups are listed in an order that satisfies every dependency', () => {
    DEPLOYMENT_GROUPS.forEach((group, index) => {
      for (const dependency of GROUP_DEPENDENCIES[group]) {
        expect({ group, dependency, before: DEPLOYMENT_GROUPS.indexOf(dependency) < index }).toEqual({ group, dependency, before: true });
      }
    });
  });

  test.each(prepareEnvironments(ENVIRONMENTS).map((e) => [e.name, e] as const))('%s: every rendered object has a group', (_name, env) => {
    const manifests = renderEnvironment(env);
    const plan = deploymentPlan(env, manifests);
    const rendered = manifests.flatMap((m) => m.objects);
    expect(plan.objects.length + plan.gitOpsOnly.length).toBe(rendered.length);
    for (const planned of plan.objects.filter((o) => o.object.kind === 'Queue')) expect(planned.group).toBe('volcano-resources');
  });

  test.each([
    [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, 'namespaces'],
    [{ apiVersion: 'scheduling.volcano.sh/v1beta1', kind: 'Queue', metadata: { name: 'q' } }, 'volcano-resources'],
    [{ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r', namespace: 'volcano-system' } }, 'monitoring'],
    [{ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'volcano-system' } }, 'volcano-control-plane'],
    [{ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'team' } }, 'tenancy'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'grafana-dashboard-q', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'volcano-monitoring' } } }, 'monitoring-config'],
    [{ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'b' } }, 'admission-bindings'],
    [{ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'volcano', namespace: 'volcano-system' } }, 'gitops'],
  ])('groups %o as %s', (object, group) => {
    expect(groupOf(object, 'volcano-system')).toBe(group);
  });

  test('an unknown cluster-scoped kind is an error naming it', () => {
    expect(() => groupOf({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' } }, 'volcano-system'))
      .toThrow('no deployment group for storage.k8s.io/v1 StorageClass "fast": add it to lib/deploy/plan.ts');
  });
});
