import { parse } from 'yaml';
import { prepareEnvironments, ResolvedEnvironment } from '../../lib/config';
import {
  SCHEDULER_ACTIONS,
  SCHEDULER_PLUGINS,
  VOLCANO_CHART,
  VOLCANO_COMPONENTS,
  enabledSchedulerPlugins,
  volcanoReleaseSpec,
} from '../../lib/volcano';
import { ENVIRONMENTS } from '../../stacks/environments';
import { manifestYaml } from '../../lib/synth/render';
import { allManifests, allObjects } from '../support/render';

const envs = prepareEnvironments(ENVIRONMENTS);
const byName = (name: string) => envs.find((e) => e.name === name)!;
const custom = (env: ResolvedEnvironment) => volcanoReleaseSpec(env).values.custom as Record<string, any>;
const basic = (env: ResolvedEnvironment) => volcanoReleaseSpec(env).values.basic as Record<string, any>;
const schedulerFile = (env: ResolvedEnvironment) => parse(custom(env).scheduler_config_override);
const plugins = (env: ResolvedEnvironment): Array<Record<string, any>> => schedulerFile(env).tiers.flatMap((t: any) => t.plugins);
const actions = (env: ResolvedEnvironment): string[] => schedulerFile(env).actions.split(',').map((a: string) => a.trim());
const releaseObjects = (env: string) => allObjects().filter((o) => o.environment === env && o.fileName === '00-volcano-release.yaml').map((o) => o.object);

describe.each(envs.map((env) => [env.name, env] as const))('Volcano release of %s', (_name, env) => {
  test('images are pinned to the chart appVersion, never latest', () => {
    expect(basic(env).image_tag_version).toBe(`v${VOLCANO_CHART.appVersion}`);
    expect(JSON.stringify(volcanoReleaseSpec(env).values)).not.toMatch(/latest/);
    expect(volcanoReleaseSpec(env).version).toBe(VOLCANO_CHART.version);
  });

  test('leader election is on exactly when a component runs more than one replica', () => {
    const replicas = VOLCANO_COMPONENTS.map((c) => custom(env)[`${c}_replicas`]);
    expect(custom(env).leader_elect_enable).toBe(replicas.some((r) => r > 1));
  });

  test('the chart\'s bundled monitoring stays off', () => {
    expect(custom(env).metrics_enable).toBe(false);
  });

  test('the scheduler configuration parses and uses only real action and plugin names, each once', () => {
    expect(actions(env).every((a) => (SCHEDULER_ACTIONS as readonly string[]).includes(a))).toBe(true);
    const names = plugins(env).map((p) => p.name);
    expect(names.every((n) => (SCHEDULER_PLUGINS as readonly string[]).includes(n))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('gang');
    expect(enabledSchedulerPlugins(env)).toEqual(names);
  });

  test('the sharing plugin matches the policy, with hierarchy when queues have parents', () => {
    const names = plugins(env).map((p) => p.name);
    const other = env.sharingPolicy === 'proportion' ? 'capacity' : 'proportion';
    expect(names).toContain(env.sharingPolicy);
    expect(names).not.toContain(other);
    const hierarchical = env.queues.some((q) => q.parent !== undefined);
    if (hierarchical) expect(plugins(env).find((p) => p.name === 'capacity')?.enableHierarchy).toBe(true);
  });

  test('reclaim runs when a queue is reclaimable; preempt when the environment asks for it', () => {
    if (env.queues.some((q) => q.enabled && q.reclaimable)) expect(actions(env)).toContain('reclaim');
    if (env.release.scheduler.preemption) expect(actions(env)).toEqual(expect.arrayContaining(['preempt', 'reclaim']));
    else expect(actions(env)).not.toContain('preempt');
  });

  test('the HelmRelease carries exactly the release spec', () => {
    const spec = volcanoReleaseSpec(env);
    const release = releaseObjects(env.name).find((o) => o.kind === 'HelmRelease')!;
    expect(release.spec.values).toEqual(spec.values);
    expect(release.spec.releaseName).toBe(spec.releaseName);
    expect(release.metadata.namespace).toBe(spec.namespace);
    expect(release.spec.chart.spec).toMatchObject({ chart: spec.chart, version: spec.version });
    const repository = releaseObjects(env.name).find((o) => o.kind === 'HelmRepository')!;
    expect(repository.spec.url).toBe(spec.repository);
  });

  test('a PodDisruptionBudget protects every component with more than one replica, and only those', () => {
    const budgets = releaseObjects(env.name).filter((o) => o.kind === 'PodDisruptionBudget');
    const multi = VOLCANO_COMPONENTS.filter((c) => custom(env)[`${c}_replicas`] > 1);
    expect(budgets.map((b) => b.spec.selector.matchLabels.app).sort()).toEqual(multi.map((c) => `volcano-${c}`).sort());
  });

  test('the webhook never sees the system namespaces', () => {
    const [first] = custom(env).webhooks_namespace_selector_expressions;
    expect(first).toMatchObject({ key: 'kubernetes.io/metadata.name', operator: 'NotIn' });
    expect(first.values).toEqual(expect.arrayContaining(['kube-system', 'kube-public', 'kube-node-lease', 'volcano-system']));
  });
});

describe('intent per environment', () => {
  test('dev: the chart\'s defaults plus reclaim for its reclaimable queues', () => {
    const dev = byName('dev');
    expect(actions(dev)).toEqual(['enqueue', 'allocate', 'reclaim', 'backfill']);
    expect(VOLCANO_COMPONENTS.map((c) => custom(dev)[`${c}_replicas`])).toEqual([1, 1, 1]);
    expect(plugins(dev).map((p) => p.name)).toEqual(['priority', 'gang', 'conformance', 'overcommit', 'drf', 'predicates', 'proportion', 'nodeorder', 'binpack']);
  });

  test('prod: a production-grade control plane', () => {
    const prod = byName('prod');
    for (const c of VOLCANO_COMPONENTS) {
      expect(custom(prod)[`${c}_replicas`]).toBeGreaterThanOrEqual(2);
      expect(custom(prod)[`${c}_affinity`].podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]).toMatchObject({
        topologyKey: 'kubernetes.io/hostname',
        labelSelector: { matchLabels: { app: `volcano-${c}` } },
      });
      expect(Object.keys(custom(prod)[`${c}_resources`].requests).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(custom(prod)[`${c}_resources`].limits).sort()).toEqual(['cpu', 'memory']);
    }
    expect(custom(prod).leader_elect_enable).toBe(true);
    expect(releaseObjects('prod').filter((o) => o.kind === 'PodDisruptionBudget')).toHaveLength(3);
  });

  test('prod: preemption and reclaim, and sla after priority without a cluster-wide waiting time', () => {
    const prod = byName('prod');
    expect(actions(prod)).toEqual(['enqueue', 'allocate', 'preempt', 'reclaim', 'backfill']);
    const firstTier = schedulerFile(prod).tiers[0].plugins.map((p: any) => p.name);
    expect(firstTier.indexOf('priority')).toBeLessThan(firstTier.indexOf('sla'));
    // An overdue job is force-enqueued past its queue's limits: a global waiting time would let every
    // batch job waiting > 2m bypass them. Only interactive workloads carry the annotation.
    expect(plugins(prod).find((p) => p.name === 'sla')).toEqual({ name: 'sla' });
  });

  test('gpu-lab: capacity with hierarchy, GPU sharing and NUMA awareness', () => {
    const lab = byName('gpu-lab');
    const names = plugins(lab).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['capacity', 'deviceshare', 'numa-aware']));
    expect(names).not.toContain('numaaware');
    expect(plugins(lab).find((p) => p.name === 'capacity')).toEqual({ name: 'capacity', enableHierarchy: true });
    expect(plugins(lab).find((p) => p.name === 'deviceshare')?.arguments).toEqual({ 'deviceshare.GPUSharingEnable': true });
  });

  test('the scheduler configuration is a readable YAML block inside the committed values', () => {
    const manifest = allManifests().find((m) => m.environment === 'prod' && m.fileName === '00-volcano-release.yaml')!;
    expect(manifestYaml(manifest)).toMatch(/\n {6}scheduler_config_override: \|\n {8}actions: enqueue, allocate, preempt, reclaim, backfill\n {8}tiers:\n {10}- plugins:\n/);
  });
});
