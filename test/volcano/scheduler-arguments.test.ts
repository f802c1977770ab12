import { EnvironmentDefinition, prepareEnvironments } from '../../lib/config';
import { SchedulerConfiguration, SchedulerSettings, schedulerConfiguration } from '../../lib/volcano';
import { pluginArgumentProblems } from '../../lib/volcano/scheduler-validate';
import { ENVIRONMENTS } from '../../stacks/environments';

// Validation checks plugin arguments only in tiers an environment writes itself; the derived tiers are held to
// the same rules here (the keys each plugin reads in volcano-scheduler 1.15.1, lib/volcano/scheduler-config.ts),
// for every built-in environment and every intent that adds a plugin or arguments.

/** `base` with the scheduler intent `intent` stated over its own. */
const withIntent = (base: EnvironmentDefinition, intent: SchedulerSettings): EnvironmentDefinition =>
  ({ ...base, release: { ...base.release, scheduler: { ...base.release?.scheduler, ...intent } } });

const definition = (name: string) => ENVIRONMENTS.find((e) => e.name === name)!;

const INTENTS: ReadonlyArray<readonly [string, string, SchedulerSettings]> = [
  ['gpu-lab', 'sla without a waiting time', { sla: true }],
  ['prod', 'a cluster-wide sla waiting time', { slaWaitingTime: '30m' }],
  ['prod', 'an overcommit factor', { overcommitFactor: 1.5 }],
  ['gpu-lab', 'GPU number mode', { gpu: { deviceshare: 'gpu-number' } }],
  ['gpu-lab', 'GPU sharing', { gpu: { deviceshare: 'gpu-sharing' } }],
  ['gpu-lab', 'vGPU', { gpu: { deviceshare: 'vgpu' } }],
  ['gpu-lab', 'NUMA awareness and GPU bin packing', { gpu: { numaAware: true, binpackGpus: true } }],
];

test.each(ENVIRONMENTS.map((e) => e.name))('the derived scheduler configuration of %s passes the plugin argument rules', (name) => {
  const [env] = prepareEnvironments([definition(name)]);
  expect(pluginArgumentProblems(name, schedulerConfiguration(env))).toEqual([]);
});

test.each(INTENTS)('%s with %s: the derived arguments pass the plugin argument rules', (name, _what, intent) => {
  const [env] = prepareEnvironments([withIntent(definition(name), intent)]);
  const configuration = schedulerConfiguration(env);
  // The intent did add arguments (or a plugin): the check below has something to judge.
  expect(JSON.stringify(configuration.tiers)).not.toEqual(JSON.stringify(schedulerConfiguration(prepareEnvironments([definition(name)])[0]).tiers));
  expect(pluginArgumentProblems(name, configuration)).toEqual([]);
});

test('the rules do judge arguments: a key the plugin never reads is a problem naming its path', () => {
  const [env] = prepareEnvironments([withIntent(definition('prod'), { overcommitFactor: 1.5 })]);
  const configuration = schedulerConfiguration(env);
  // The types refuse this misspelling; the rules refuse it too (binpack's per-resource weights are not typed).
  const misspelt = {
    ...configuration,
    tiers: configuration.tiers.map((tier) => ({
      ...tier,
      plugins: tier.plugins.map((p) => (p.name === 'overcommit' ? { ...p, arguments: { 'overcommit-factr': 1.5 } } : p)),
    })),
  } as unknown as SchedulerConfiguration;
  const problems = pluginArgumentProblems('prod', misspelt);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/release\.scheduler\.tiers\[\d+\]\.plugins\[\d+\].*\.arguments\.overcommit-factr/);
  expect(problems[0]).toMatch(/overcommit-factor/);
});
