import { prepareEnvironments } from '../../lib/config';
import { INTEGRATION_CONFIG_MAP } from '../../lib/admission/integration';
import { DEPLOYMENT_GROUPS, GROUP_DEPENDENCIES, deploymentPlan, groupOf, objectKey } from '../../lib/deploy/plan';
import { renderEnvironment } from '../../lib/synth/render';
import { CLUSTER_MARKER_NAME } from '../../lib/deploy/cluster-marker';
import { ENVIRONMENTS } from '../../stacks/environments';

describe('deployment plan', () => {
  test('groups are listed in an order that satisfies every dependency', () => {
    DEPLOYMENT_GROUPS.forEach((group, index) => {
      for (const dependency of GROUP_DEPENDENCIES[group]) {
        expect({ group, dependency, before: DEPLOYMENT_GROUPS.indexOf(dependency) < index }).toEqual({ group, dependency, before: true });
      }
    });
  });

  /** Written out per kind, so a kind landing in another group fails here. */
  const GROUPS_BY_KIND: Record<string, string[]> = {
    ConfigMap: ['cluster-marker', 'monitoring-config', 'tenancy'],
    LimitRange: ['tenancy'],
    Namespace: ['namespaces', 'release-namespace'],
    PriorityClass: ['cluster-scoped'],
    PrometheusRule: ['monitoring'],
    Queue: ['volcano-resources'],
    ResourceQuota: ['tenancy'],
    Secret: ['monitoring-config'],
    ServiceMonitor: ['monitoring'],
    ValidatingAdmissionPolicy: ['admission-policies'],
    ValidatingAdmissionPolicyBinding: ['admission-bindings'],
  };
  const EXPECTED_GROUPS: Record<string, Record<string, string[]>> = {
    dev: GROUPS_BY_KIND,
    // Only prod runs more than one replica of the control plane, so only it renders PDBs.
    prod: { ...GROUPS_BY_KIND, PodDisruptionBudget: ['volcano-control-plane'] },
    // Only gpu-lab names its Prometheus' service account, whose discovery Role deploys with the monitoring objects.
    'gpu-lab': { ...GROUPS_BY_KIND, Role: ['monitoring-config'], RoleBinding: ['monitoring-config'] },
  };

  test.each(prepareEnvironments(ENVIRONMENTS).map((e) => [e.name, e] as const))('%s: objects deploy in their expected groups', (name, env) => {
    const plan = deploymentPlan(env, renderEnvironment(env));
    const groupsByKind: Record<string, string[]> = {};
    for (const { object, group } of plan.objects) {
      const groups = (groupsByKind[object.kind] ??= []);
      if (!groups.includes(group)) groups.push(group);
    }
    Object.values(groupsByKind).forEach((groups) => groups.sort());
    expect(groupsByKind).toEqual(EXPECTED_GROUPS[name]);
    // Tenants' integration ConfigMaps deploy with the tenancy, the marker on its own; every other ConfigMap is monitoring's.
    const configMapGroup = (name: string) => (name === INTEGRATION_CONFIG_MAP ? 'tenancy' : name === CLUSTER_MARKER_NAME ? 'cluster-marker' : 'monitoring-config');
    for (const { object, group } of plan.objects.filter((o) => o.object.kind === 'ConfigMap')) {
      expect({ id: objectKey(object), group }).toEqual({ id: objectKey(object), group: configMapGroup(object.metadata.name) });
    }
    // The cluster's Prometheus and Grafana namespace is looked up, named by its settings.
    expect(plan.namespacePrerequisites).toEqual([{ namespace: 'monitoring', settings: expect.arrayContaining(['observability.prometheusNamespace']) }]);
    expect(plan.gitOpsOnly.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['HelmRelease/volcano', 'HelmRepository/volcano']);
  });

  test.each([
    [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, 'namespaces'],
    [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'volcano-system' } }, 'release-namespace'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'volcano-platform-environment', namespace: 'volcano-system' } }, 'cluster-marker'],
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
