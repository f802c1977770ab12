import { App, Chart } from 'cdk8s';
import { EnvironmentDefinition, EnvironmentValidationError, Problems, prepareEnvironments, resolveEnvironment, validateEnvironment } from '../../lib/config';
import { ReleaseSettings, SchedulerTier, VolcanoRelease, checkValueKeys, volcanoReleaseSpec } from '../../lib/volcano';
import { prod as agentPlatform } from '../../stacks/environments/prod';
import { gpuLab } from '../../stacks/environments/gpu-lab';

/** The release problems of a built-in environment with `release` replaced. */
function releaseProblems(base: EnvironmentDefinition, release: ReleaseSettings): string[] {
  return validateEnvironment({ ...base, release }).filter((p) => p.startsWith(`${base.name}: release`));
}

const proportionTiers = (extra: SchedulerTier['plugins'] = []): SchedulerTier[] => [
  { plugins: [{ name: 'priority' }, { name: 'gang' }, { name: 'conformance' }] },
  { plugins: [{ name: 'predicates' }, { name: 'proportion' }, ...extra] },
];
const capacityTiers = (capacity: SchedulerTier['plugins'][number], extra: SchedulerTier['plugins'] = []): SchedulerTier[] => [
  { plugins: [{ name: 'priority' }, { name: 'gang' }] },
  { plugins: [{ name: 'predicates' }, capacity, ...extra] },
];
const ACTIONS = ['enqueue', 'allocate', 'reclaim', 'backfill'] as const;

// Each row: what is wrong, the environment, its `release`, and every message it must produce, exactly.
const INVALID: Array<[string, EnvironmentDefinition, unknown, string[]]> = [
  ['release name over 53 characters', agentPlatform, { releaseName: 'v'.repeat(54) },
    [`prod: release.releaseName: "${'v'.repeat(54)}" must be a DNS-1123 label of 1 to 53 characters (Helm's limit for release names)`]],
  ['empty release name', agentPlatform, { releaseName: '' },
    ['prod: release.releaseName: "" must be a DNS-1123 label of 1 to 53 characters (Helm\'s limit for release names)']],
  ['chart version range', agentPlatform, { chartVersion: '^1.15.0' },
    ['prod: release.chartVersion: "^1.15.0" must be an exact chart version such as "1.15.1" (a range would upgrade without review)']],
  ['plain-http repository', agentPlatform, { repository: 'http://charts.example.org' },
    ['prod: release.repository: "http://charts.example.org" must be an https:// or oci:// URL']],
  ['release in kube-system', agentPlatform, { namespace: 'kube-system' },
    ['prod: release.namespace: "kube-system" cannot hold Volcano: it needs a namespace of its own']],
  ['required anti-affinity for one replica', agentPlatform, { components: { scheduler: { antiAffinity: 'required' } } },
    ['prod: release.components.scheduler.antiAffinity: "required" needs at least 2 replicas to mean anything']],
  ['admission path twice', agentPlatform, { admission: { hooks: ['/jobs/mutate', '/jobs/validate', '/jobs/mutate'] } },
    ['prod: release.admission.hooks[2]: "/jobs/mutate" is listed twice (also hooks[0])']],
  ['zero replicas', agentPlatform, { components: { controller: { replicas: 0 } } },
    ['prod: release.components.controller.replicas: 0 must be a whole number of at least 1']],
  ['budget over a single pod', agentPlatform, { components: { admission: { podDisruptionBudget: true } } },
    ['prod: release.components.admission.podDisruptionBudget: needs at least 2 replicas: a budget over a single pod blocks every node drain']],
  ['request above limit', agentPlatform, { components: { scheduler: { resources: { requests: { cpu: '4' }, limits: { cpu: '2' } } } } },
    ['prod: release.components.scheduler.resources.requests.cpu: 4 exceeds the limit 2']],
  ['unknown admission path', agentPlatform, { admission: { hooks: ['/jobs/mutate', '/pods/mutat'] } },
    ['prod: release.admission.hooks[1]: "/pods/mutat" is not an admission path of Volcano 1.15.1 (the webhook manager would not start); did you mean "/pods/mutate"?']],
  ['selector values with Exists', agentPlatform, { admission: { namespaces: { extraExpressions: [{ key: 'team', operator: 'Exists', values: ['a'] }] } } },
    ['prod: release.admission.namespaces.extraExpressions[0].values: must be empty with operator "Exists"']],
  ['unknown values key (typo)', agentPlatform, { values: { custom: { scheduler_replica: 3 } } },
    ['prod: release.values.custom.scheduler_replica: is not a value of the Volcano chart 1.15.1; did you mean "scheduler_replicas"? If not, list it in release.allowUnknownValues']],
  ['a misspelt key of a values section', agentPlatform, { values: { basic: { image_pul_policy: 'Always' } } },
    ['prod: release.values.basic.image_pul_policy: is not a value of the Volcano chart 1.15.1; did you mean "image_pull_policy"? If not, list it in release.allowUnknownValues']],
  ['a misspelt values section', agentPlatform, { values: { custon: { scheduler_log_level: 4 } } },
    ['prod: release.values.custon: is not a value of the Volcano chart 1.15.1; did you mean "custom"? If not, list it in release.allowUnknownValues']],
  ['unknown values section', agentPlatform, { values: { scheduler: { replicas: 3 } } },
    ['prod: release.values.scheduler: is not a value of the Volcano chart 1.15.1; list it in release.allowUnknownValues if it is intended']],
  ['image tag latest through the escape hatch', agentPlatform, { values: { basic: { image_tag_version: 'latest' } } },
    ['prod: release.values.basic.image_tag_version: is pinned to the chart version (release.chartVersion); images never float']],
  ['per-component image tag through the escape hatch', agentPlatform, { values: { basic: { scheduler_image_tag_version: 'latest' } } },
    ['prod: release.values.basic.scheduler_image_tag_version: "latest" would unpin the image: leave it empty so every component runs v1.15.1']],
  // The scheduler file cannot be rendered from these tiers: the raw keys are still checked, alone.
  ['unknown values key next to an unusable scheduler', agentPlatform, { scheduler: { tiers: [] }, values: { custom: { scheduler_replica: 3 } } },
    [
      'prod: release.scheduler.tiers: must have at least one tier',
      'prod: release.values.custom.scheduler_replica: is not a value of the Volcano chart 1.15.1; did you mean "scheduler_replicas"? If not, list it in release.allowUnknownValues',
    ]],
  ['chart metrics switched on', agentPlatform, { values: { custom: { metrics_enable: true } } },
    ['prod: release.values.custom.metrics_enable: must stay false: this project provides monitoring wired into the cluster\'s own Prometheus']],
  ['leader election switched off by hand', agentPlatform, { values: { custom: { leader_elect_enable: false } } },
    ['prod: release.values.custom.leader_elect_enable: follows the replicas: on whenever a component runs more than one']],
  ['another scheduler name through the escape hatch', agentPlatform, { values: { custom: { scheduler_name: 'batch-scheduler' } } },
    ['prod: release.values.custom.scheduler_name: must stay unset: the platform\'s admission policies and workloads name the scheduler "volcano"; '
      + 'another name would let jobs bypass the policies and leave Volcano pods unscheduled']],
  ['scheduler switched off through the escape hatch', agentPlatform, { values: { custom: { scheduler_enable: false } } },
    ['prod: release.values.custom.scheduler_enable: must stay true: the platform\'s queues, policies and monitoring need the Volcano scheduler']],
  ['controller and admission switched off through the escape hatch', agentPlatform, { values: { custom: { controller_enable: false, admission_enable: false } } },
    [
      'prod: release.values.custom.controller_enable: must stay true: without the controller no Volcano Job gets pods or PodGroups',
      'prod: release.values.custom.admission_enable: must stay true: Volcano\'s webhook fills in and checks Jobs, PodGroups and Queues; change which hooks run with release.admission.hooks',
    ]],
  ['unknown action', agentPlatform, { scheduler: { actions: ['enqueue', 'elect', 'allocate', 'reclaim', 'backfill'] } },
    ['prod: release.scheduler.actions[1]: "elect" is not a volcano-scheduler 1.15.1 action (known: enqueue, allocate, backfill, preempt, reclaim, gangpreempt, gangreclaim, shuffle)']],
  ['action twice', agentPlatform, { scheduler: { actions: ['enqueue', 'allocate', 'reclaim', 'allocate'] } },
    ['prod: release.scheduler.actions[3]: "allocate" is listed twice (also actions[1])']],
  ['no allocate', agentPlatform, { scheduler: { actions: ['enqueue', 'reclaim', 'backfill'] } },
    ['prod: release.scheduler.actions: must include "allocate": without it no job is ever placed']],
  ['preemption asked for but no preempt', agentPlatform, { scheduler: { preemption: true, actions: ACTIONS } },
    ['prod: release.scheduler.actions: must include "preempt": release.scheduler.preemption is on']],
  ['reclaimable queue but no reclaim', agentPlatform, { scheduler: { actions: ['enqueue', 'allocate', 'backfill'] } },
    ['prod: release.scheduler.actions: must include "reclaim": queue "batch" is reclaimable']],
  ['numaaware instead of numa-aware', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'numaaware' } as never]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (numaaware).name: "numaaware" is not a volcano-scheduler 1.15.1 plugin (did you mean "numa-aware"?)']],
  ['plugin twice', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'priority' }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (priority).name: "priority" is listed twice (also tiers[0].plugins[0])']],
  ['no gang', agentPlatform, { scheduler: { tiers: [{ plugins: [{ name: 'priority' }, { name: 'proportion' }] }] } },
    ['prod: release.scheduler.tiers: must include the "gang" plugin: without it jobs start with fewer than their minimum members']],
  ['capacity under the proportion policy', agentPlatform, { scheduler: { tiers: capacityTiers({ name: 'capacity' }) } },
    [
      'prod: release.scheduler.tiers[1].plugins[1] (capacity).name: "capacity" contradicts sharingPolicy "proportion" (use "proportion")',
      'prod: release.scheduler.tiers: must include the "proportion" plugin to match sharingPolicy "proportion"',
    ]],
  ['capacity without hierarchy for queues with parents', gpuLab, { scheduler: { tiers: capacityTiers({ name: 'capacity' }) } },
    ['gpu-lab: release.scheduler.tiers[1].plugins[1] (capacity).enableHierarchy: must be true: queue "lab-vision" has parent "labs"']],
  ['hierarchical drf next to proportion', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'drf', enableHierarchy: true }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (drf).enableHierarchy: "drf" with hierarchy cannot share a tier with "proportion" (Volcano rejects the configuration)']],
  ['misspelt plugin switch', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'drf', enablePreemptible: false } as never]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (drf).enablePreemptible: is not a plugin switch of volcano-scheduler 1.15.1 (did you mean "enablePreemptable"?)']],
  ['sla waiting time in words', agentPlatform, { scheduler: { slaWaitingTime: 'two minutes' } },
    ['prod: release.scheduler.slaWaitingTime: "two minutes" must be a positive Go duration such as "2m" or "1h30m"']],
  ['sla argument of zero', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'sla', arguments: { 'sla-waiting-time': '0s' } }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (sla).arguments.sla-waiting-time: "0s" must be a positive Go duration such as "2m" or "1h30m"']],
  ['overcommit below 1', agentPlatform, { scheduler: { overcommitFactor: 0.8 } },
    ['prod: release.scheduler.overcommitFactor: 0.8 must be a number of at least 1.0 (Volcano silently uses 1.2 instead)']],
  ['overcommit argument below 1', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'overcommit', arguments: { 'overcommit-factor': 0.5 } }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (overcommit).arguments.overcommit-factor: 0.5 must be a number of at least 1.0 (Volcano silently uses 1.2 instead)']],
  ['GPU sharing and GPU number together', gpuLab,
    { scheduler: { tiers: capacityTiers({ name: 'capacity', enableHierarchy: true }, [{ name: 'deviceshare', arguments: { 'deviceshare.GPUSharingEnable': true, 'deviceshare.GPUNumberEnable': true } }]) } },
    ['gpu-lab: release.scheduler.tiers[1].plugins[2] (deviceshare).arguments: deviceshare.GPUSharingEnable and deviceshare.GPUNumberEnable exclude each other (the scheduler exits)']],
  ['fractional numa-aware weight', gpuLab,
    { scheduler: { tiers: capacityTiers({ name: 'capacity', enableHierarchy: true }, [{ name: 'numa-aware', arguments: { weight: 1.5 } }]) } },
    ['gpu-lab: release.scheduler.tiers[1].plugins[2] (numa-aware).arguments.weight: 1.5 must be a whole number of at least 1']],
  // Argument keys each plugin reads in volcano-scheduler 1.15.1 (pkg/scheduler/plugins/<plugin>/<plugin>.go): any other is ignored.
  ['misspelt sla-waiting-time (sla.go reads only sla-waiting-time)', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'sla', arguments: { 'sla-waitng-time': '2m' } as never }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (sla).arguments.sla-waitng-time: is not an argument of the "sla" plugin in volcano-scheduler 1.15.1 (it would be ignored); did you mean "sla-waiting-time"?']],
  ['misspelt overcommit-factor (overcommit.go)', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'overcommit', arguments: { 'overcommit-factr': 3 } as never }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (overcommit).arguments.overcommit-factr: is not an argument of the "overcommit" plugin in volcano-scheduler 1.15.1 (it would be ignored); did you mean "overcommit-factor"?']],
  ['misspelt binpack.weight (binpack.go)', agentPlatform, { scheduler: { tiers: proportionTiers([{ name: 'binpack', arguments: { 'binpack.weigth': 10 } as never }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (binpack).arguments.binpack.weigth: is not an argument of the "binpack" plugin in volcano-scheduler 1.15.1 (it would be ignored); did you mean "binpack.weight"?']],
  ['binpack weight of a resource binpack.resources does not list (binpack.go reads only listed ones)', agentPlatform,
    { scheduler: { tiers: proportionTiers([{ name: 'binpack', arguments: { 'binpack.resources': 'nvidia.com/gpu', 'binpack.resources.example.com/foo': 2 } }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (binpack).arguments.binpack.resources.example.com/foo: is read only for a resource binpack.resources lists (it would be ignored): add "example.com/foo" there']],
  ['binpack weight of a misspelt listed resource', agentPlatform,
    { scheduler: { tiers: proportionTiers([{ name: 'binpack', arguments: { 'binpack.resources': 'nvidia.com/gpu', 'binpack.resources.nvidia.com/gpus': 2 } }]) } },
    ['prod: release.scheduler.tiers[1].plugins[2] (binpack).arguments.binpack.resources.nvidia.com/gpus: weighs no resource binpack.resources lists (it would be ignored); did you mean "binpack.resources.nvidia.com/gpu"?']],
  ['an argument for gang, which reads none (gang.go)', agentPlatform,
    { scheduler: { tiers: [{ plugins: [{ name: 'priority' }, { name: 'gang', arguments: { minMember: 2 } }] }, proportionTiers()[1]] } },
    ['prod: release.scheduler.tiers[0].plugins[1] (gang).arguments.minMember: the "gang" plugin of volcano-scheduler 1.15.1 reads no arguments: it would ignore this one']],
  ['a predicate the plugin does not read (predicates.go declares DynamicResourceAllocationEnable but never reads it)', agentPlatform,
    { scheduler: { tiers: [proportionTiers()[0], { plugins: [{ name: 'predicates', arguments: { 'predicate.DynamicResourceAllocationEnable': true } }, { name: 'proportion' }] }] } },
    ['prod: release.scheduler.tiers[1].plugins[0] (predicates).arguments.predicate.DynamicResourceAllocationEnable: is not an argument of the "predicates" plugin in volcano-scheduler 1.15.1 (it would be ignored); '
      + 'known: predicate.NodeAffinityEnable, predicate.NodePortsEnable, predicate.TaintTolerationEnable, predicate.PodAffinityEnable, predicate.NodeVolumeLimitsEnable, '
      + 'predicate.VolumeZoneEnable, predicate.PodTopologySpreadEnable, predicate.VolumeBindingEnable, predicate.CacheEnable, volumebinding.bindTimeoutSeconds, '
      + 'volumebinding.weight, volumebinding.shape, dynamicresources.filterTimeoutSeconds']],
];

describe('invalid release and scheduler specs are refused with exact messages', () => {
  test('the table is big enough to mean something', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(12);
  });

  test.each(INVALID)('%s', (_what, base, release, expected) => {
    expect(releaseProblems(base, release as ReleaseSettings)).toEqual(expected);
  });

  test('a bad release stops synthesis before anything is rendered', () => {
    const bad = { ...agentPlatform, release: { scheduler: { tiers: proportionTiers([{ name: 'numaaware' } as never]) } } };
    expect(() => prepareEnvironments([bad])).toThrow(EnvironmentValidationError);
    expect(() => prepareEnvironments([bad])).toThrow('prod: release.scheduler.tiers[1].plugins[2] (numaaware).name: "numaaware" is not a volcano-scheduler 1.15.1 plugin (did you mean "numa-aware"?)');
  });

  test('the newer plugin switches are accepted (EnabledClusterOrder capitalised as Volcano spells it)', () => {
    const [first, second] = proportionTiers([{ name: 'nodeorder', enabledHyperNodeOrder: false, enabledHyperNodeGradient: false, enableTargetJob: false }]);
    const gang = { name: 'gang' as const, enabledSubJobReady: true, enabledSubJobPipelined: true, enabledSubJobOrder: true, enableReservedNodes: false, EnabledClusterOrder: false };
    const tiers = [{ plugins: first.plugins.map((p) => (p.name === 'gang' ? gang : p)) }, second];
    expect(releaseProblems(agentPlatform, { ...agentPlatform.release, scheduler: { ...agentPlatform.release!.scheduler, tiers } })).toEqual([]);
  });

  test('the arguments each plugin reads are accepted, binpack weights of listed resources included', () => {
    const tiers = proportionTiers([
      { name: 'sla', arguments: { 'sla-waiting-time': '2m' } },
      { name: 'overcommit', arguments: { 'overcommit-factor': 1.5 } },
      { name: 'binpack', arguments: { 'binpack.weight': 10, 'binpack.cpu': 2, 'binpack.resources': 'nvidia.com/gpu, example.com/foo', 'binpack.resources.example.com/foo': 3 } },
      { name: 'nodeorder', arguments: { 'leastrequested.weight': 0, 'mostrequested.weight': 2 } },
    ]);
    expect(releaseProblems(agentPlatform, { ...agentPlatform.release, scheduler: { ...agentPlatform.release!.scheduler, tiers } })).toEqual([]);
  });

  test('the built-in environments have no release problems', () => {
    expect(releaseProblems(agentPlatform, agentPlatform.release!)).toEqual([]);
    expect(releaseProblems(gpuLab, gpuLab.release!)).toEqual([]);
  });
});

describe('the raw values escape hatch', () => {
  /** prod with `release` fields replaced. */
  const withRelease = (release: ReleaseSettings): EnvironmentDefinition => ({ ...agentPlatform, release: { ...agentPlatform.release, ...release } });
  const withValues = (release: ReleaseSettings) => resolveEnvironment(withRelease(release));

  test('is deep-merged last: maps merge, the typed values stay', () => {
    const spec = volcanoReleaseSpec(withValues({ values: { custom: { scheduler_log_level: 5, default_tolerations: [{ key: 'infra', operator: 'Exists' }] } } }));
    const custom = spec.values.custom as Record<string, unknown>;
    expect(custom.scheduler_log_level).toBe(5);
    expect(custom.default_tolerations).toEqual([{ key: 'infra', operator: 'Exists' }]);
    expect(custom.scheduler_replicas).toBe(2);
    expect((spec.values.basic as Record<string, unknown>).image_tag_version).toBe('v1.15.1');
  });

  test('an unknown key stops preparation, naming it', () => {
    expect(() => prepareEnvironments([withRelease({ values: { custom: { shceduler_log_level: 5 } } })])).toThrow(
      'prod: release.values.custom.shceduler_log_level: is not a value of the Volcano chart 1.15.1; did you mean "scheduler_log_level"? If not, list it in release.allowUnknownValues',
    );
  });

  test('a typed key the chart does not know is reported on release, and a raw one only on its own path', () => {
    const env = withValues({ values: { custom: { shceduler_log_level: 5 } } });
    const full = volcanoReleaseSpec(env).values;
    const problems = new Problems('prod');
    checkValueKeys({ ...full, custom: { ...(full.custom as object), scheduler_replica: 2 } }, env.release, problems);
    expect(problems.list).toEqual([
      'prod: release.values.custom.shceduler_log_level: is not a value of the Volcano chart 1.15.1; did you mean "scheduler_log_level"? If not, list it in release.allowUnknownValues',
      'prod: release: the typed value custom.scheduler_replica is not a value of the Volcano chart 1.15.1: fix typedChartValues (lib/volcano/values.ts)',
    ]);
  });

  test('an unknown key is accepted when explicitly allowed', () => {
    const allowed: ReleaseSettings = { values: { custom: { future_flag: true }, jobflow: { enabled: false } }, allowUnknownValues: ['custom.future_flag', 'jobflow'] };
    expect(validateEnvironment(withRelease(allowed))).toEqual([]);
    const env = withValues(allowed);
    const chart = new Chart(new App({ outdir: 'unused' }), 'c');
    new VolcanoRelease(chart, 'v', { environment: env });
    const release = chart.toJson().find((o: any) => o.kind === 'HelmRelease');
    expect(release.spec.values.custom.future_flag).toBe(true);
    expect(release.spec.values.jobflow).toEqual({ enabled: false });
  });
});
