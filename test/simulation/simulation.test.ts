import { EnvironmentDefinition, deriveEnvironment, prepareEnvironments, validateEnvironment } from '../../lib/config';
import { runSimulate } from '../../lib/simulation/cli';
import { WorkloadClass, WorkloadScenario } from '../../lib/simulation/profile';
import { simulateScenario } from '../../lib/simulation/report';
import { ENVIRONMENTS, environment } from '../../stacks/environments';

const [dev, prod] = prepareEnvironments(ENVIRONMENTS);
const session = prod.workload!.scenarios[0].classes[0];
/** 24 hourly rates: `rate` from 9:00 to 17:00, nothing otherwise. */
const workingHours = (rate: number) => Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? rate : 0));

function withWorkload(base: EnvironmentDefinition, classes: WorkloadClass[], enforceSlas?: boolean): EnvironmentDefinition {
  return deriveEnvironment(base, { name: base.name, workload: { scenarios: [{ name: 'test', description: 'A test day.', classes }], enforceSlas } });
}

describe('simulated day', () => {
  it('is deterministic for a seed, and another seed gives another day', () => {
    const scenario = dev.workload!.scenarios[0];
    const a = simulateScenario(dev, scenario, 7);
    expect(simulateScenario(dev, scenario, 7).queues).toEqual(a.queues);
    expect(simulateScenario(dev, scenario, 8).queues).not.toEqual(a.queues);
  });

  // The properties below are of the days the code computes, which the day cache keeps by their inputs and
  // the code (lib/simulation/day-cache.ts; the test above and test/golden.test.ts compute afresh): a run
  // after an edit elsewhere reads them back instead of simulating some twenty days again.
  const cached = { cached: true };

  it.each([1, 2, 3])('doubling one class\'s arrivals never improves its queue\'s p95 (dev, seed %i)', (seed) => {
    // Twice the rate as the superposition of the class and an independent copy: the same jobs plus as many more.
    const typical = dev.workload!.scenarios[0];
    for (const doubled of ['campaign-phases', 'mao-directives', 'session-start']) {
      const original = typical.classes.find((c) => c.name === doubled)!;
      const more: WorkloadScenario = { ...typical, name: 'more', classes: [...typical.classes, { ...original, name: `${doubled}-again` }] };
      const before = simulateScenario(dev, typical, seed, cached).queues.find((q) => q.queue === original.queue)!;
      const after = simulateScenario(dev, more, seed, cached).queues.find((q) => q.queue === original.queue)!;
      expect(after.jobs).toBeGreaterThan(before.jobs);
      expect(after.waitP95).toBeGreaterThanOrEqual(before.waitP95);
    }
  });

  it('doubling every arrival rate never improves a queue\'s p95 (dev typical against peak)', () => {
    const [typical, peak] = dev.workload!.scenarios.map((s) => simulateScenario(dev, s, undefined, cached));
    for (const q of typical.queues) {
      expect(peak.queues.find((p) => p.queue === q.queue)!.waitP95).toBeGreaterThanOrEqual(q.waitP95);
    }
  });

  it('work that fits within the queue\'s guarantee never waits for capacity', () => {
    const small: WorkloadClass = { ...session, name: 'small', arrivalsPerHour: 30, gang: 2, podRequests: { cpu: '1', memory: '1Gi' }, runTime: { min: '1m', max: '2m' } };
    const [env] = prepareEnvironments([withWorkload(environment('prod'), [small])]);
    const outcome = simulateScenario(env, env.workload!.scenarios[0], undefined, cached);
    const interactive = outcome.queues.find((q) => q.queue === 'interactive')!;
    expect(interactive.jobs).toBeGreaterThan(500);
    expect(interactive.waitMax).toBe(0);
  });

  it('an overloaded queue misses its SLA, and enforceSlas refuses the environment', () => {
    const flood: WorkloadClass = { ...session, arrivalsPerHour: workingHours(1200), gang: 2 };
    expect(validateEnvironment(withWorkload(environment('prod'), [flood]))).toEqual([]);
    const problems = validateEnvironment(withWorkload(environment('prod'), [flood], true));
    expect(problems).toEqual([expect.stringMatching(/^prod: observability\.schedulingSlas\[0\]: SLA "interactive" \(p95 under 2m00s\) is missed by the declared workload "test": simulated p95 /)]);
  });
});

describe('workload validation', () => {
  it.each([
    [{ queue: 'analytics' }, 'prod: workload.scenarios[0] (test).classes[0] (session-start).queue: "analytics" is not a queue that accepts work (enabled, no children); such queues: interactive, batch'],
    [{ tenant: 'marketing-campaigns' }, 'prod: workload.scenarios[0] (test).classes[0] (session-start).queue: tenant "marketing-campaigns" may not submit to "interactive"; its queues: batch'],
    [{ priorityClass: 'volcano-low' }, 'prod: workload.scenarios[0] (test).classes[0] (session-start).priorityClass: tenant "agent-runtime" may not use "volcano-low"; its classes: volcano-critical, volcano-high, volcano-normal'],
    [{ arrivalsPerHour: [1, 2] }, 'prod: workload.scenarios[0] (test).classes[0] (session-start).arrivalsPerHour: must be a rate of jobs per hour (0 or more), or 24 such rates, one per hour from midnight'],
    [{ gang: { min: 4, max: 2 } }, 'prod: workload.scenarios[0] (test).classes[0] (session-start).gang: must be a whole number of pods of at least 1, or { min, max } with 1 <= min <= max'],
    [{ runTime: { mean: '1 minute' } }, 'prod: workload.scenarios[0] (test).classes[0] (session-start).runTime.mean: must be a duration in whole seconds, minutes or hours, e.g. 90s, 2m, 4h'],
    [{ podRequests: { 'nvidia.com/gpu': '1' } }, 'prod: workload.scenarios[0] (test).classes[0] (session-start).podRequests.nvidia.com/gpu: the cluster declares no nvidia.com/gpu (capacity has cpu, memory): no such job could ever run'],
    [{ gang: 40 }, 'prod: workload.scenarios[0] (test).classes[0] (session-start).gang: the largest gang (40 pods) needs more cpu than queue "interactive" can ever hold (cpu 32); it could never start'],
    [{ arrivalRate: 3 }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).arrivalRate: unknown field; known: name, description, tenant, queue, priorityClass, arrivalsPerHour, gang, podRequests, runTime, slaWaitingTime'],
    // Closed shapes for runTime and gang (settings-schema.ts): an extra key would be dropped without a word.
    [{ runTime: { mean: '1m', max: '90m' } }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).runTime.max: unknown field of { mean }: { mean } or { min, max } are alternatives, write one of them'],
    [{ runTime: { min: '1m', max: '90m', maximum: '2h' } }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).runTime.maximum: unknown field of { min, max }; known: min, max'],
    [{ runTime: { maen: '1m' } }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).runTime.maen: unknown field of { mean } or { min, max }; did you mean "mean"?'],
    [{ runTime: { min: '1m' } }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).runTime.max: is required: the longest run time, a duration such as 4h'],
    [{ runTime: '5m' }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).runTime: must be { mean } or { min, max } durations, got "5m"'],
    [{ gang: { min: 3, max: 5, mx: 50 } }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).gang.mx: unknown field of { min, max }; did you mean "max"?'],
    [{ gang: { min: 3 } }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).gang.max: is required: the largest gang, a number of pods'],
    [{ gang: '3' }, 'prod: overrides.workload.scenarios[0] (test).classes[0] (session-start).gang: must be a number of pods, or { min, max }, got "3"'],
  ])('%j', (change, message) => {
    const problems = validateEnvironment(withWorkload(environment('prod'), [{ ...session, ...change } as WorkloadClass]));
    expect(problems).toContain(message);
    // One mistake, one problem (the tenant case also breaks the class's priority class, a second rule).
    expect(problems.length).toBe('tenant' in change ? 2 : 1);
  });

  it('reports a misspelt queue, tenant or priority class in the same run as the environment\'s other problems', () => {
    const prodDefinition = environment('prod');
    const zeroWeight = { ...prodDefinition, queues: prodDefinition.queues.map((q) => (q.name === 'batch' ? { ...q, weight: 0 } : q)) };
    const problems = validateEnvironment(withWorkload(zeroWeight, [{ ...session, queue: 'bach', tenant: 'agent-runtme', priorityClass: 'volcano-hihg' }]));
    const at = 'prod: workload.scenarios[0] (test).classes[0] (session-start)';
    expect(problems).toEqual([
      'prod: queues[1] (batch).weight: 0 must be a whole number from 1 to 65535',
      `${at}.tenant: tenant "agent-runtme" does not exist; did you mean "agent-runtime"?`,
      `${at}.queue: "bach" is not a queue that accepts work (enabled, no children); did you mean "batch"?`,
      `${at}.priorityClass: "volcano-hihg" is not a priority class of the environment; did you mean "volcano-high"?`,
    ]);
  });

  it.each([
    [{ tenant: 'marketing-campaign' }, 'tenant: tenant "marketing-campaign" does not exist; did you mean "marketing-campaigns"?'],
    [{ tenant: 'research' }, 'tenant: tenant "research" does not exist; known: agent-runtime, marketing-campaigns, data-science, workflows'],
    [{ queue: 'gpu' }, 'queue: "gpu" is not a queue that accepts work (enabled, no children); such queues: interactive, batch'],
    [{ priorityClass: 'urgent' }, 'priorityClass: "urgent" is not a priority class of the environment; known: volcano-critical, volcano-high, volcano-normal, volcano-low'],
  ])('a reference to no such name says what was meant, or what there is: %j', (change, message) => {
    expect(validateEnvironment(withWorkload(environment('prod'), [{ ...session, ...change }]))).toEqual([`prod: workload.scenarios[0] (test).classes[0] (session-start).${message}`]);
  });

  it('a tenant named in an environment without tenants: no empty list', () => {
    const noTenants = { ...environment('prod'), tenants: [] };
    const problems = validateEnvironment(withWorkload(noTenants, [session]));
    expect(problems).toContain('prod: workload.scenarios[0] (test).classes[0] (session-start).tenant: tenant "agent-runtime" does not exist: the environment has no tenants');
  });

  it('leaves what a tenant may use to a valid environment: a tenant listing "bach" is one problem, not two', () => {
    const prodDefinition = environment('prod');
    const tenantTypo = { ...prodDefinition, tenants: prodDefinition.tenants.map((t) => (t.name === 'marketing-campaigns' ? { ...t, queues: ['bach'] } : t)) };
    const problems = validateEnvironment(withWorkload(tenantTypo, [{ ...session, tenant: 'marketing-campaigns', queue: 'batch', priorityClass: 'volcano-low' }]));
    expect(problems.some((p) => p.includes('"bach"'))).toBe(true);
    expect(problems.filter((p) => p.includes('workload.'))).toEqual([]);
  });

  it('refuses a duplicate scenario name', () => {
    const scenario: WorkloadScenario = { name: 'typical', description: 'x', classes: [session] };
    const definition = deriveEnvironment(environment('prod'), { name: 'prod', workload: { scenarios: [scenario, scenario] } });
    expect(validateEnvironment(definition)).toEqual(['prod: workload.scenarios[1] (typical).name: duplicate scenario name "typical" (also workload.scenarios[0] (typical))']);
  });
});

describe('npm run simulate', () => {
  const run = (args: string[]) => {
    let out = '';
    let err = '';
    const code = runSimulate(args, ENVIRONMENTS, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  it('prints shares, the queue table and the verdicts of the chosen scenario', () => {
    const { code, out } = run(['--env', 'prod', '--scenario', 'typical']);
    expect(code).toBe(0);
    expect(out).toContain('## prod: shares under full contention (proportion): interactive 32 cpu / 64Gi memory; batch 64 cpu / 320Gi memory');
    expect(out).toMatch(/\| interactive \| interactive \| 2m00s \| \S+ \| met \|/);
    expect(out).not.toContain('prod / peak');
    expect(out).toMatch(/\| session-start \| interactive \| \d+ \|/);
    expect(out).toMatch(/\| campaign-phases \| batch \| \d+ \|/);
  });

  it('--seed changes the day and says so', () => {
    const { code, out } = run(['--env', 'dev', '--scenario', 'typical', '--seed', '2']);
    expect(code).toBe(0);
    expect(out).toContain('### dev / typical (seed 2)');
    expect(run(['--env', 'dev', '--seed', 'two']).err).toMatch(/^unknown or malformed option --seed two; usage: npm run simulate/);
  });

  it('names the known scenarios for an unknown one, and refuses unknown options', () => {
    expect(run(['--env', 'prod', '--scenario', 'busy']).err).toBe('prod: unknown scenario "busy"; known scenarios: typical, peak\n');
    expect(run(['--envs', 'prod']).code).toBe(1);
  });
});

describe('workload problems beside other problems', () => {
  it('are reported together with the environment\'s own', () => {
    const broken = deriveEnvironment(environment('prod'), { name: 'prod', kubernetesVersion: '1.20', workload: { scenarios: [{ name: 'Bad Name', description: 'x', classes: [session] }] } });
    const problems = validateEnvironment(broken);
    expect(problems).toContain('prod: kubernetesVersion: 1.20 is too old: the platform needs Kubernetes 1.30 or newer (ValidatingAdmissionPolicy v1)');
    expect(problems).toContainEqual(expect.stringMatching(/^prod: workload\.scenarios\[0\] \(Bad Name\)\.name: "Bad Name" /));
  });
});
