import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { buildDashboard } from '../../lib/observability/dashboard-build';
import { queuesDashboard } from '../../lib/observability/dashboard-queues';
import { dashboardJson } from '../../lib/observability/dashboards';
import { diffObjectSets, ObjectSetDiff } from '../../lib/review/diff';
import { parseManifest } from '../../lib/review/manifests';
import { findDangers } from '../../lib/review/danger';
import { formatReport } from '../../lib/review/report';
import { Review, summaries } from '../../lib/review/review';
import { KubeObject } from '../../lib/synth/render';

const BASE = parseManifest(fs.readFileSync(path.join(__dirname, 'fixtures', 'base.yaml'), 'utf8'), 'base.yaml');

/** A deep copy of the base fixture with one edit applied. */
function headWith(edit: (objects: KubeObject[]) => KubeObject[] | void): KubeObject[] {
  const copy: KubeObject[] = JSON.parse(JSON.stringify(BASE));
  return edit(copy) ?? copy;
}

function find(objects: KubeObject[], kind: string, name: string, namespace?: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
  if (!found) throw new Error(`fixture has no ${kind} ${namespace ?? ''}/${name}`);
  return found;
}

const NOTHING: ObjectSetDiff = { added: [], removed: [], changed: [] };

describe('semantic diff of fixture pairs: exactly the expected paths and values, nothing else', () => {
  test('identical sets: nothing', () => {
    expect(diffObjectSets(BASE, headWith(() => undefined))).toEqual(NOTHING);
  });

  test('an added queue', () => {
    const head = headWith((objects) => {
      objects.push({ apiVersion: 'scheduling.volcano.sh/v1beta1', kind: 'Queue', metadata: { name: 'analytics' }, spec: { weight: 1 } });
    });
    expect(diffObjectSets(BASE, head)).toEqual({ ...NOTHING, added: [{ kind: 'Queue', name: 'analytics' }] });
  });

  test('a removed tenant: its namespace and its quota', () => {
    const head = headWith((objects) => objects.filter((o) => o.metadata.name !== 'data-science' && o.metadata.namespace !== 'data-science'));
    expect(diffObjectSets(BASE, head)).toEqual({
      ...NOTHING,
      removed: [
        { kind: 'Namespace', name: 'data-science' },
        { kind: 'ResourceQuota', namespace: 'data-science', name: 'tenant-quota' },
      ],
    });
  });

  test('a changed guarantee', () => {
    const head = headWith((objects) => {
      find(objects, 'Queue', 'interactive').spec.guarantee.resource.cpu = '10';
    });
    expect(diffObjectSets(BASE, head)).toEqual({
      ...NOTHING,
      changed: [{ ref: { kind: 'Queue', name: 'interactive' }, fields: [{ path: 'spec.guarantee.resource.cpu', old: '8', new: '10' }] }],
    });
  });

  test('a changed scheduler plugin argument inside the YAML string of the Helm values', () => {
    const head = headWith((objects) => {
      const custom = find(objects, 'HelmRelease', 'volcano', 'volcano-system').spec.values.custom;
      custom.scheduler_config_override = custom.scheduler_config_override.replace('binpack.weight: 1', 'binpack.weight: 5');
    });
    expect(diffObjectSets(BASE, head)).toEqual({
      ...NOTHING,
      changed: [{
        ref: { kind: 'HelmRelease', namespace: 'volcano-system', name: 'volcano' },
        fields: [{ path: 'spec.values.custom.scheduler_config_override(yaml).tiers[1].plugins[name=binpack].arguments["binpack.weight"]', old: 1, new: 5 }],
      }],
    });
  });

  test('a changed alert threshold inside the rule expression, and its duration', () => {
    const head = headWith((objects) => {
      const rule = find(objects, 'PrometheusRule', 'volcano-alerts', 'monitoring').spec.groups[0].rules[1];
      rule.expr = rule.expr.replace('> 0.9', '> 0.8');
      rule.for = '10m';
    });
    const rule = 'spec.groups[name=volcano-queues].rules[alert=VolcanoQueueNearCapability]';
    expect(diffObjectSets(BASE, head)).toEqual({
      ...NOTHING,
      changed: [{
        ref: { kind: 'PrometheusRule', namespace: 'monitoring', name: 'volcano-alerts' },
        fields: [
          {
            path: `${rule}.expr`,
            old: '0.9',
            new: '0.8',
            within: '... queue_name) (volcano_queue_capability_milli_cpu) > ‹…›',
          },
          { path: `${rule}.for`, old: '15m', new: '10m' },
        ],
      }],
    });
  });

  test('a changed dashboard panel inside the ConfigMap JSON', () => {
    const head = headWith((objects) => {
      const data = find(objects, 'ConfigMap', 'grafana-dashboard-queues', 'monitoring').data;
      const dashboard = JSON.parse(data['queues.json']);
      dashboard.panels[1].fieldConfig.defaults.thresholds.steps[1].value = 25;
      data['queues.json'] = JSON.stringify(dashboard, null, 2);
    });
    expect(diffObjectSets(BASE, head)).toEqual({
      ...NOTHING,
      changed: [{
        ref: { kind: 'ConfigMap', namespace: 'monitoring', name: 'grafana-dashboard-queues' },
        fields: [{ path: 'data["queues.json"](json).panels[title=Pending pod groups].fieldConfig.defaults.thresholds.steps[1].value', old: 10, new: 25 }],
      }],
    });
  });
});

describe('what the diff treats as the same', () => {
  test('layout of embedded YAML, JSON and PromQL is not a change', () => {
    const head = headWith((objects) => {
      const custom = find(objects, 'HelmRelease', 'volcano', 'volcano-system').spec.values.custom;
      custom.scheduler_config_override = stringify(parse(custom.scheduler_config_override), { indent: 4 });
      const data = find(objects, 'ConfigMap', 'grafana-dashboard-queues', 'monitoring').data;
      data['queues.json'] = JSON.stringify(JSON.parse(data['queues.json']));
      const rule = find(objects, 'PrometheusRule', 'volcano-alerts', 'monitoring').spec.groups[0].rules[1];
      rule.expr = rule.expr.replace(/\s+/g, ' ').replace('(queue_name)', '( queue_name )');
    });
    expect(diffObjectSets(BASE, head)).toEqual(NOTHING);
  });

  test('map key order is not a change; list order of named elements is, once', () => {
    const head = headWith((objects) => {
      const queue = find(objects, 'Queue', 'interactive');
      queue.spec = Object.fromEntries(Object.entries(queue.spec).reverse());
      const rules = find(objects, 'PrometheusRule', 'volcano-alerts', 'monitoring').spec.groups[0].rules;
      rules.reverse();
    });
    expect(diffObjectSets(BASE, head).changed).toEqual([{
      ref: { kind: 'PrometheusRule', namespace: 'monitoring', name: 'volcano-alerts' },
      fields: [{
        path: 'spec.groups[name=volcano-queues].rules',
        old: ['record=queue:allocated_cpu:ratio', 'alert=VolcanoQueueNearCapability'],
        new: ['alert=VolcanoQueueNearCapability', 'record=queue:allocated_cpu:ratio'],
        note: 'order changed',
      }],
    }]);
  });

  test('an inserted plugin is one added element, not every later one changed', () => {
    const head = headWith((objects) => {
      const custom = find(objects, 'HelmRelease', 'volcano', 'volcano-system').spec.values.custom;
      custom.scheduler_config_override = custom.scheduler_config_override.replace('  - name: predicates\n', '  - name: drf\n  - name: predicates\n');
    });
    expect(diffObjectSets(BASE, head).changed[0].fields).toEqual([
      { path: 'spec.values.custom.scheduler_config_override(yaml).tiers[1].plugins[name=drf]', new: { name: 'drf' } },
    ]);
  });

  test('two objects with the same kind, namespace and name are refused', () => {
    expect(() => diffObjectSets([...BASE, BASE[0]], BASE)).toThrow('base: two objects are Queue/interactive; the diff cannot tell them apart');
  });
});

test('the report: danger first, then added objects with their fields, removed, changed field by field', () => {
  const head = headWith((objects) => {
    find(objects, 'Queue', 'interactive').spec.guarantee.resource.cpu = '10';
    delete find(objects, 'ResourceQuota', 'tenant-quota', 'agent-runtime').spec.hard.pods;
    const rule = find(objects, 'PrometheusRule', 'volcano-alerts', 'monitoring').spec.groups[0].rules[1];
    rule.expr = rule.expr.replace('> 0.9', '> 0.8');
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'robotics', labels: { 'volcano-platform.io/tenant': 'robotics' } } });
    return objects.filter((o) => o.metadata.name !== 'data-science' && o.metadata.namespace !== 'data-science');
  });
  const diff = diffObjectSets(BASE, head);
  const review: Review = {
    title: 'base HEAD → working tree',
    stale: [],
    environments: [
      { environment: 'dev', presence: 'both', diff, summaries: summaries(diff, BASE, head), dangers: findDangers({ base: BASE, head, diff }) },
      { environment: 'prod', presence: 'both', diff: NOTHING, summaries: new Map(), dangers: [] },
    ],
    examples: [],
    docs: [],
  };
  expect(formatReport(review)).toBe(`base HEAD → working tree
DANGER: 1 destructive or risky effect(s):
  ! destructive [dev] Namespace/data-science: namespace deleted with every workload, PersistentVolumeClaim and volume in it (platform objects in it: ResourceQuota/tenant-quota)
dev: 1 added, 2 removed, 3 changed
  + Namespace/robotics  (tenant robotics)
  - Namespace/data-science  (queues interactive)
  - ResourceQuota/data-science/tenant-quota  (hard requests.cpu 48 pods 200)
  ~ PrometheusRule/monitoring/volcano-alerts
      spec.groups[name=volcano-queues].rules[alert=VolcanoQueueNearCapability].expr: 0.9 → 0.8  (in: ... queue_name) (volcano_queue_capability_milli_cpu) > ‹…›)
  ~ Queue/interactive
      spec.guarantee.resource.cpu: "8" → "10"
  ~ ResourceQuota/agent-runtime/tenant-quota
      spec.hard.pods: "500" → (absent)
prod: no changes
`);
});

test('list elements sharing a name are told apart by their labels', () => {
  const rules = (cpu: string) => [
    { record: 'queue:guarantee:config', expr: 'vector(8)', labels: { queue_name: 'interactive', resource: 'cpu' } },
    { record: 'queue:guarantee:config', expr: `vector(${cpu})`, labels: { queue_name: 'batch', resource: 'cpu' } },
  ];
  const rule = (cpu: string): KubeObject => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r', namespace: 'm' }, spec: { groups: [{ name: 'g', rules: rules(cpu) }] } });
  expect(diffObjectSets([rule('16')], [rule('20')]).changed[0].fields).toEqual([{
    path: 'spec.groups[name=g].rules[record=queue:guarantee:config{queue_name=batch}].expr',
    old: '16',
    new: '20',
    within: 'vector(‹…›)',
    unit: 'cores',
  }]);
});

test('a panel inserted mid-dashboard is one added element; later panels only move down (real dashboard)', () => {
  const configMap = (extraResources: string[]): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'grafana-dashboard-volcano-queues', namespace: 'monitoring' },
    data: { 'volcano-queues.json': dashboardJson(queuesDashboard(extraResources, 'capacity')) },
  });
  const gpuPanel = buildDashboard(queuesDashboard(['nvidia.com/gpu'], 'capacity')).panels!.find((p) => p.title?.startsWith('nvidia.com/gpu'))!;
  const fields = diffObjectSets([configMap([])], [configMap(['nvidia.com/gpu'])]).changed[0].fields;
  const prefix = 'data["volcano-queues.json"](json).panels';
  expect(fields[0]).toEqual({ path: `${prefix}[title=nvidia.com/gpu: allocated, deserved, guarantee, capability]`, new: JSON.parse(JSON.stringify(gpuPanel)) });
  // The GPU panel takes a new line of the Resources row: every later row and panel moves down by its height, nothing else changes.
  const rest = fields.slice(1);
  expect(rest.length).toBeGreaterThan(0);
  for (const field of rest) {
    expect(field.path).toMatch(/^data\["volcano-queues\.json"\]\(json\)\.panels\[title=[^\]]+\]\.gridPos\.y$/);
    expect((field.new as number) - (field.old as number)).toBe(8);
  }
  expect(rest.map((f) => f.path)).toEqual([
    `${prefix}[title=Share].gridPos.y`,
    `${prefix}[title=Dominant share].gridPos.y`,
    `${prefix}[title=Overused queues].gridPos.y`,
    `${prefix}[title=CPU requested].gridPos.y`,
    `${prefix}[title=Job outcomes].gridPos.y`,
    `${prefix}[title=Job completions per hour].gridPos.y`,
    `${prefix}[title=Job failures per hour].gridPos.y`,
    `${prefix}[title=Job failure ratio].gridPos.y`,
  ]);
});

test('same-named elements are identified by the labels that tell them apart: a changed severity is a changed field', () => {
  const alerts = (batchSeverity: string) => [
    { alert: 'VolcanoJobSchedulingLatencyHigh', expr: 'a > 120000', labels: { severity: 'critical', sla: 'interactive' } },
    { alert: 'VolcanoJobSchedulingLatencyHigh', expr: 'a > 1800000', labels: { severity: batchSeverity, sla: 'batch' } },
    { alert: 'VolcanoQueueBacklog', expr: 'b > 20', labels: { severity: 'warning' } },
  ];
  const rule = (batchSeverity: string): KubeObject => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r', namespace: 'm' }, spec: { groups: [{ name: 'g', rules: alerts(batchSeverity) }] } });
  expect(diffObjectSets([rule('warning')], [rule('critical')]).changed[0].fields).toEqual([
    { path: 'spec.groups[name=g].rules[alert=VolcanoJobSchedulingLatencyHigh{sla=batch}].labels.severity', old: 'warning', new: 'critical' },
  ]);
});

test('labels needed together identify together: one guarantee rule per queue and resource', () => {
  const rules = (batchCpu: string) => ['interactive', 'batch'].flatMap((queue) => ['cpu', 'memory'].map((resource) => ({
    record: 'queue:guarantee:config',
    expr: `vector(${queue === 'batch' && resource === 'cpu' ? batchCpu : '1'})`,
    labels: { queue_name: queue, resource },
  })));
  const rule = (batchCpu: string): KubeObject => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r', namespace: 'm' }, spec: { groups: [{ name: 'g', rules: rules(batchCpu) }] } });
  expect(diffObjectSets([rule('16')], [rule('20')]).changed[0].fields.map((f) => f.path)).toEqual([
    'spec.groups[name=g].rules[record=queue:guarantee:config{queue_name=batch,resource=cpu}].expr',
  ]);
});
