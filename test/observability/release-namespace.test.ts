import { EnvironmentDefinition, prepareEnvironment, validateEnvironment } from '../../lib/config';
import { deploymentPlan } from '../../lib/deploy/plan';
import { KubeObject, renderEnvironment } from '../../lib/synth/render';
import { prod } from '../../stacks/environments/prod';

// release.namespace is the one place the Volcano namespace is set: everything that points at Volcano follows it.
const moved: EnvironmentDefinition = { ...prod, release: { ...prod.release, namespace: 'batch-scheduler' } };

describe('an environment whose release is not in volcano-system', () => {
  const env = prepareEnvironment(moved);
  const manifests = renderEnvironment(env);
  const objects = manifests.flatMap((m) => m.objects);
  const ofKind = (kind: string): KubeObject[] => objects.filter((o) => o.kind === kind);

  test('nothing rendered still names volcano-system', () => {
    expect(objects.filter((o) => JSON.stringify(o).includes('volcano-system')).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });

  test('ServiceMonitors and PrometheusRules live in, and scrape, the release namespace', () => {
    const monitors = ofKind('ServiceMonitor');
    expect(monitors.map((m) => [m.metadata.name, m.metadata.namespace, m.spec.namespaceSelector.matchNames])).toEqual([
      ['volcano-scheduler', 'batch-scheduler', ['batch-scheduler']],
      ['volcano-controller', 'batch-scheduler', ['batch-scheduler']],
    ]);
    expect(ofKind('PrometheusRule').map((r) => [r.metadata.name, r.metadata.namespace])).toEqual([
      ['volcano-recording-rules', 'batch-scheduler'],
      ['volcano-alerts', 'batch-scheduler'],
    ]);
  });

  test('the control-plane alerts query the release namespace', () => {
    const alerts = ofKind('PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: { rules: Array<{ alert?: string; expr: string }> }) => g.rules));
    const expr = (name: string) => alerts.find((a) => a.alert === name)?.expr;
    expect(expr('VolcanoSchedulerDown')).toBe('absent(up{namespace="batch-scheduler", app="volcano-scheduler"} == 1)');
    expect(expr('VolcanoControllerDown')).toBe('absent(up{namespace="batch-scheduler", app="volcano-controller"} == 1)');
  });

  test('its PodDisruptionBudgets deploy with the control plane, after the release', () => {
    const plan = deploymentPlan(env, manifests);
    const pdbs = plan.objects.filter((o) => o.object.kind === 'PodDisruptionBudget');
    expect(pdbs.map((o) => [o.id, o.group])).toEqual([
      ['PodDisruptionBudget/batch-scheduler/volcano-scheduler', 'volcano-control-plane'],
      ['PodDisruptionBudget/batch-scheduler/volcano-controller', 'volcano-control-plane'],
      ['PodDisruptionBudget/batch-scheduler/volcano-admission', 'volcano-control-plane'],
    ]);
  });

  test('a tenant cannot take the release namespace', () => {
    const tenant = { ...prod.tenants[0], name: 'batch-scheduler' };
    // Without the workload, which names the renamed tenant and would add its own problems.
    expect(validateEnvironment({ ...moved, tenants: [tenant, ...prod.tenants.slice(1)], workload: undefined })).toEqual([
      'prod: tenants[0] (batch-scheduler).name: "batch-scheduler" is the Volcano release\'s namespace (release.namespace) and cannot be a tenant',
    ]);
  });
});
