import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { prepareEnvironments } from '../../lib/config';
import { KubeObject } from '../../lib/synth/render';
import { allObjects } from '../support/render';
import { objectKey } from '../../lib/deploy/plan';
import { ENVIRONMENTS } from '../../stacks/environments';
import { schemaValidator } from '../support/schemas';
import { renderedDashboards } from './expressions';
import { buildDashboard } from '../../lib/observability/dashboard-build';
import { DashboardSpec, stablePanelId } from '../../lib/observability/dashboard-kit';

const envs = prepareEnvironments(ENVIRONMENTS);
const monitoring = allObjects().filter((o) => o.fileName.startsWith('50-monitoring-')) as Array<{ environment: string; fileName: string; object: KubeObject & { metadata: Record<string, any> } }>;
const MODELS: Record<string, new (data: any) => { validate(): void }> = { ServiceMonitor, PrometheusRule, ConfigMap, Secret, Role, RoleBinding };
/** "Well under" Kubernetes' 256 KiB annotation limit that client-side apply runs into: half of it. */
const MAX_CONFIGMAP_BYTES = 128 * 1024;

test('monitoring objects are exactly the expected kinds', () => {
  for (const env of envs) {
    const kinds = monitoring.filter((o) => o.environment === env.name).map((o) => `${o.object.kind}/${o.object.metadata.name}`);
    const discovery = env.observability.prometheusServiceAccount ? ['Role/volcano-prometheus-discovery', 'RoleBinding/volcano-prometheus-discovery'] : [];
    expect(kinds.sort()).toEqual([
      'ConfigMap/grafana-dashboard-volcano-queues',
      'ConfigMap/grafana-dashboard-volcano-scheduler-operations',
      'PrometheusRule/volcano-alerts',
      'PrometheusRule/volcano-recording-rules',
      ...discovery,
      'Secret/volcano-additional-scrape-configs',
      'ServiceMonitor/volcano-controller',
      'ServiceMonitor/volcano-scheduler',
    ]);
  }
});

describe('Prometheus discovery in the Volcano namespace', () => {
  test('gpu-lab (kube-prometheus, Roles in default, kube-system and monitoring only) grants prometheus-k8s discovery; prod and dev (a ClusterRole) get none', () => {
    expect(envs.filter((env) => env.observability.prometheusServiceAccount).map((env) => env.name)).toEqual(['gpu-lab']);
  });

  test.each(envs.filter((env) => env.observability.prometheusServiceAccount).map((env) => [env.name, env] as const))('%s: a Role on what discovery lists, bound to the service account, in the release namespace', (_name, env) => {
    const of = (kind: string) => monitoring.find((o) => o.environment === env.name && o.object.kind === kind)!.object as KubeObject & { metadata: Record<string, any>; rules?: any[]; roleRef?: any; subjects?: any[] };
    const role = of('Role');
    const binding = of('RoleBinding');
    expect(role.metadata.namespace).toBe(env.release.namespace);
    expect(binding.metadata.namespace).toBe(env.release.namespace);
    // Both routes discover through Services, their Endpoints (or EndpointSlices) and the Pods behind them.
    const granted = role.rules!.flatMap((rule) => rule.resources.map((resource: string) => `${rule.apiGroups.join(',')}/${resource}:${[...rule.verbs].sort().join(',')}`));
    expect(granted.sort()).toEqual(['/endpoints:get,list,watch', '/pods:get,list,watch', '/services:get,list,watch', 'discovery.k8s.io/endpointslices:get,list,watch']);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', namespace: 'monitoring', name: 'prometheus-k8s' }]);
  });
});

test.each(monitoring.map((o) => [`${o.environment} ${objectKey(o.object)}`, o] as const))('%s validates against its schema', (_id, { object }) => {
  const Model = MODELS[object.kind];
  expect(Model).toBeDefined();
  expect(() => new Model(object).validate()).not.toThrow();
});

describe('prometheus-operator 0.93 CRD schemas (schemas/)', () => {
  const validators: Record<string, ReturnType<typeof schemaValidator>> = {
    ServiceMonitor: schemaValidator('monitoring.coreos.com/v1', 'ServiceMonitor'),
    PrometheusRule: schemaValidator('monitoring.coreos.com/v1', 'PrometheusRule'),
  };
  const custom = monitoring.filter((o) => validators[o.object.kind]);

  test.each(custom.map((o) => [`${o.environment} ${objectKey(o.object)}`, o] as const))('%s matches the CRD', (_id, { object }) => {
    expect(validators[object.kind](object)).toEqual([]);
  });

  test('a rule without expr is rejected', () => {
    const rule = custom.find((o) => o.object.kind === 'PrometheusRule')!.object;
    const broken = { ...rule, spec: { groups: [{ name: 'x', rules: [{ alert: 'VolcanoX' }] }] } };
    expect(validators.PrometheusRule(broken)).toEqual(["/spec/groups/0/rules/0 must have required property 'expr'"]);
  });

  test('a misspelt field is rejected, as under the API server\'s strict field validation', () => {
    const monitor = custom.find((o) => o.object.kind === 'ServiceMonitor')!.object;
    const broken = { ...monitor, spec: { ...monitor.spec, namespaceSelectors: monitor.spec.namespaceSelector } };
    expect(validators.ServiceMonitor(broken)).toEqual(['/spec must NOT have additional properties (namespaceSelectors)']);
  });
});

test('the schema validation really rejects a broken object', () => {
  const monitor = monitoring.find((o) => o.object.kind === 'ServiceMonitor')!.object;
  expect(() => new ServiceMonitor({ ...monitor, spec: { ...monitor.spec, endpoints: 'metrics' } } as any).validate()).toThrow();
});

describe.each(envs.map((env) => [env.name, env] as const))('environment %s', (name, env) => {
  const own = monitoring.filter((o) => o.environment === name);

  test('every ServiceMonitor and PrometheusRule carries the Prometheus selector labels', () => {
    const selected = own.filter((o) => ['ServiceMonitor', 'PrometheusRule'].includes(o.object.kind));
    expect(selected).toHaveLength(4);
    for (const { object } of selected) expect(object.metadata.labels).toEqual(expect.objectContaining(env.observability.prometheusSelector));
  });

  test('the ServiceMonitors select the chart\'s metrics Services by app label and port name', () => {
    const specs = own.filter((o) => o.object.kind === 'ServiceMonitor').map((o) => o.object.spec);
    expect(specs.map((s) => [s.selector.matchLabels.app, s.endpoints[0].port, s.namespaceSelector.matchNames])).toEqual([
      ['volcano-scheduler', 'metrics', [env.release.namespace]],
      ['volcano-controller', 'metrics', [env.release.namespace]],
    ]);
  });

  test('every alert is named Volcano*, has a severity, and links its runbook and a rendered dashboard', () => {
    const dashboards = renderedDashboards(name).map((d) => d.uid);
    const alerts = own.filter((o) => o.object.metadata.name === 'volcano-alerts').flatMap((o) => o.object.spec.groups.flatMap((g: any) => g.rules));
    expect(alerts.length).toBeGreaterThanOrEqual(12);
    for (const rule of alerts) {
      expect(rule.alert).toMatch(/^Volcano[A-Z]/);
      expect(['critical', 'warning', 'info']).toContain(rule.labels.severity);
      expect(Object.keys(rule.annotations).sort()).toEqual(['dashboard_url', 'description', 'runbook_url', 'summary']);
      expect(rule.annotations.runbook_url).toBe(env.observability.runbookUrlPattern.replace('{environment}', env.name).replace('{alert}', rule.alert));
      const uid = /\/d\/([a-z0-9-]+)/.exec(rule.annotations.dashboard_url)?.[1];
      expect(dashboards).toContain(uid);
    }
  });

  test('dashboard ConfigMaps carry the sidecar label and folder annotation and stay well under 256 KiB', () => {
    const maps = own.filter((o) => o.object.kind === 'ConfigMap');
    for (const { object } of maps) {
      const { discoveryLabel, folderAnnotation, namespace } = env.observability.grafana;
      expect(object.metadata.namespace).toBe(namespace);
      expect(object.metadata.labels?.[discoveryLabel.key]).toBe(discoveryLabel.value);
      expect(object.metadata.annotations?.[folderAnnotation.key]).toBe(folderAnnotation.value);
      expect(Buffer.byteLength(JSON.stringify(object))).toBeLessThan(MAX_CONFIGMAP_BYTES);
    }
  });

  describe('dashboards', () => {
    const dashboards = renderedDashboards(name);

    test('have unique stable uids, a datasource variable and a queue variable', () => {
      expect(dashboards.map((d) => d.uid)).toEqual(['volcano-scheduler-operations', 'volcano-queues']);
      for (const d of dashboards) {
        expect(d.templating.list.map((v: any) => [v.name, v.type])).toEqual([['datasource', 'datasource'], ['queue', 'query']]);
        expect(d.templating.list[0].query).toBe('prometheus');
      }
    });

    test.each(dashboards.map((d) => [d.title, d] as const))('%s: unique panel ids, no overlapping panels, every panel titled, described and with a unit', (_t, d) => {
      const panels = d.panels as any[];
      const ids = panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = 0; i < panels.length; i++) {
        const a = panels[i].gridPos;
        expect(a.x + a.w).toBeLessThanOrEqual(24);
        for (let j = i + 1; j < panels.length; j++) {
          const b = panels[j].gridPos;
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          if (overlap) throw new Error(`panels ${panels[i].id} and ${panels[j].id} overlap: ${JSON.stringify(a)} ${JSON.stringify(b)}`);
        }
      }
      for (const panel of panels.filter((p) => p.type !== 'row')) {
        expect(panel.title).toBeTruthy();
        expect(panel.description).toBeTruthy();
        expect(panel.fieldConfig.defaults.unit).toBeTruthy();
        expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
        expect(panel.targets.length).toBeGreaterThan(0);
        if (panel.type === 'timeseries') expect(panel.options.legend.showLegend).toBe(true);
      }
    });
  });
});

describe('dashboard panel ids', () => {
  const spec = (panelTitles: string[]): DashboardSpec => ({
    uid: 'u',
    title: 't',
    description: 'd',
    queueVariableMetric: 'volcano_queue_pod_group_pending_count',
    rows: [{ title: 'Row', panels: panelTitles.map((title) => ({ title, description: 'd', unit: 'short', kind: 'stat' as const, width: 6, queries: [{ expr: 'up', legend: '' }] })) }],
  });
  const ids = (titles: string[]) => Object.fromEntries(buildDashboard(spec(titles)).panels!.map((p) => [p.title, p.id]));

  test('derive from row and title: inserting a panel keeps every other id', () => {
    const before = ids(['a', 'c']);
    const after = ids(['a', 'b', 'c']);
    expect(after).toEqual({ ...before, b: stablePanelId('Row', 'b') });
    expect(before).toEqual({ Row: stablePanelId('Row'), a: stablePanelId('Row', 'a'), c: stablePanelId('Row', 'c') });
    expect(new Set(Object.values(after)).size).toBe(4);
  });

  test('two panels with the same title in a row are refused', () => {
    expect(() => buildDashboard(spec(['a', 'a']))).toThrow(`dashboard u: panel "Row/a" and panel "Row/a" get the same panel id ${stablePanelId('Row', 'a')}; rename one`);
  });
});
