import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EnvironmentDefinition, EnvironmentValidationError, QueueDefinition, deriveEnvironment, validateEnvironment } from '../../lib/config';
import { synthesize } from '../../lib/synth/synthesize';
import { ENVIRONMENTS, environment } from '../../stacks/environments';

/** A small valid environment each case breaks in one way. */
const base: EnvironmentDefinition = {
  name: 'prod',
  kubernetesVersion: '1.30',
  capacity: { cpu: '48', memory: '192Gi' },
  sharingPolicy: 'proportion',
  queues: [
    { name: 'interactive', description: 'i', guarantee: { cpu: '8', memory: '16Gi' }, capability: { cpu: '16', memory: '32Gi' } },
    { name: 'batch', description: 'b', guarantee: { cpu: '16', memory: '32Gi' } },
    { name: 'analytics', description: 'a', enabled: false, guarantee: { cpu: '32', memory: '64Gi' } },
  ],
  tenants: [{ name: 'team-a', description: 't', queues: ['interactive', 'batch'], quota: { 'requests.cpu': '8' } }],
  observability: {
    prometheusSelector: { release: 'kube-prometheus-stack' },
    runbookUrlPattern: 'https://runbooks.example.com/{alert}.md',
    grafanaUrl: 'https://grafana.example.com',
    queuesWithoutSla: ['interactive', 'batch'],
  },
};

const capacityBase: EnvironmentDefinition = {
  ...base,
  name: 'lab',
  sharingPolicy: 'capacity',
  capacity: { cpu: '64', memory: '256Gi', 'nvidia.com/gpu': '8' },
  queues: [
    { name: 'labs', description: 'p', deserved: { cpu: '48', 'nvidia.com/gpu': '8' }, guarantee: { cpu: '16', 'nvidia.com/gpu': '4' } },
    { name: 'lab-a', description: 'a', parent: 'labs', deserved: { cpu: '24', 'nvidia.com/gpu': '4' }, guarantee: { cpu: '8', 'nvidia.com/gpu': '2' } },
    { name: 'lab-b', description: 'b', parent: 'labs', deserved: { cpu: '24', 'nvidia.com/gpu': '4' }, guarantee: { cpu: '8', 'nvidia.com/gpu': '2' } },
  ],
  tenants: [{ name: 'lab-a', description: 'a', queues: ['lab-a'], quota: { 'requests.nvidia.com/gpu': '4' } }],
  observability: { ...base.observability, queuesWithoutSla: ['lab-a', 'lab-b'] },
};

const withQueue = (env: EnvironmentDefinition, index: number, changes: Partial<QueueDefinition>): EnvironmentDefinition => ({
  ...env,
  queues: env.queues.map((q, i) => (i === index ? { ...q, ...changes } : q)),
});

const cases: Array<[string, EnvironmentDefinition, string[]]> = [
  ['environment name not a DNS label', { ...base, name: 'Prod_1' }, ['Prod_1: name: "Prod_1" must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)']],
  ['Kubernetes too old', { ...base, kubernetesVersion: '1.29' }, ['prod: kubernetesVersion: 1.29 is too old: the platform needs Kubernetes 1.30 or newer (ValidatingAdmissionPolicy v1)']],
  ['Kubernetes version malformed', { ...base, kubernetesVersion: 'v1.30.2' }, ['prod: kubernetesVersion: "v1.30.2" must be a Kubernetes minor version such as "1.30"']],
  ['capacity quantity malformed', { ...base, capacity: { cpu: '48 cores', memory: '192Gi' } }, ['prod: capacity.cpu: "48 cores" is not a Kubernetes quantity (e.g. 500m, 4, 16Gi)']],
  ['capacity without memory', { ...base, capacity: { cpu: '48' } }, ['prod: capacity.memory: is required: the platform plans queues against it']],
  ['unknown sharing policy', { ...base, sharingPolicy: 'drf' as never }, ['prod: sharingPolicy: "drf" is not a sharing policy; known: proportion, capacity']],
  ['guarantee above capability', withQueue(base, 0, { guarantee: { cpu: '20', memory: '16Gi' } }), ['prod: queues[0] (interactive).guarantee.cpu: 20 exceeds capability 16']],
  ['guarantee above deserved', withQueue(capacityBase, 1, { guarantee: { cpu: '40', 'nvidia.com/gpu': '2' } }), [
    'lab: queues[1] (lab-a).guarantee.cpu: 40 exceeds deserved 24',
    'lab: queues[0] (labs).guarantee.cpu: children\'s sum 48 exceeds this queue\'s 16 (lab-a 40, lab-b 8)',
  ]],
  ['deserved above capability', withQueue(capacityBase, 1, { capability: { cpu: '16', 'nvidia.com/gpu': '8' } }), ['lab: queues[1] (lab-a).deserved.cpu: 24 exceeds capability 16']],
  ['top-level guarantees exceed the cluster', withQueue(base, 1, { guarantee: { cpu: '48', memory: '32Gi' } }), ['prod: capacity.cpu: top-level queue guarantees add up to 56, more than the cluster capacity 48']],
  ['duplicate queue name', withQueue(base, 2, { name: 'batch' }), ['prod: queues[2] (batch).name: duplicate queue name "batch" (also queues[1])']],
  ['queue name reserved by Volcano', withQueue(base, 1, { name: 'default' }), [
    'prod: queues[1] (default).name: "default" is created and owned by the Volcano scheduler; choose another name',
    'prod: tenants[0] (team-a).queues[1]: queue "batch" does not exist; known: interactive, analytics',
    'prod: observability.queuesWithoutSla[1]: unknown queue "batch"; known: interactive, default, analytics',
    'prod: queues[1] (default): is covered by no scheduling SLA: add it to the queues of an observability.schedulingSlas entry, or list it in observability.queuesWithoutSla if nobody waits on it',
  ]],
  ['queue name not a DNS label', withQueue(base, 2, { name: 'Analytics' }), ['prod: queues[2] (Analytics).name: "Analytics" must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)']],
  ['parent under proportion', withQueue(base, 1, { parent: 'interactive' }), ['prod: queues[1] (batch).parent: hierarchical queues need the capacity policy (proportion ignores spec.parent)']],
  ['missing parent', withQueue(capacityBase, 2, { parent: 'lab' }), ['lab: queues[2] (lab-b).parent: queue "lab" does not exist; did you mean "labs"?']],
  ['parent cycle', withQueue(capacityBase, 0, { parent: 'lab-a' }), [
    'lab: queues[0] (labs).parent: cycle labs -> lab-a -> labs',
    'lab: queues[1] (lab-a).parent: cycle lab-a -> labs -> lab-a',
    'lab: tenants[0] (lab-a).queues[0]: queue "lab-a" has child queues; Volcano only admits work to leaf queues',
  ]],
  ['children deserved exceed the parent', withQueue(capacityBase, 2, { deserved: { cpu: '30', 'nvidia.com/gpu': '4' } }), ['lab: queues[0] (labs).deserved.cpu: children\'s sum 54 exceeds this queue\'s 48 (lab-a 24, lab-b 30)']],
  ['disabled parent with enabled children', withQueue(capacityBase, 0, { enabled: false }), [
    'lab: queues[0] (labs).enabled: a disabled queue cannot have enabled child queues (lab-a, lab-b): it is rendered with a capability of 1m cpu and 1 byte of memory, which Volcano refuses as smaller than its children\'s; disable them too',
  ]],
  ['weight set in vain under capacity', withQueue(capacityBase, 1, { weight: 3 }), ['lab: queues[1] (lab-a).weight: has no effect under the capacity policy, which shares by deserved; remove it']],
  ['deserved set in vain under proportion', withQueue(base, 0, { deserved: { cpu: '8' } }), ['prod: queues[0] (interactive).deserved: has no effect under the proportion policy, which shares by weight; remove it']],
  ['deserved missing under capacity', withQueue(capacityBase, 2, { deserved: undefined }), [
    'lab: queues[2] (lab-b).deserved: is required by the capacity policy (it is the queue\'s share)',
  ]],
  ['weight out of range', withQueue(base, 0, { weight: 0 }), ['prod: queues[0] (interactive).weight: 0 must be a whole number from 1 to 65535']],
  ['capability beyond the cluster', withQueue(base, 0, { capability: { cpu: '64', memory: '32Gi', 'nvidia.com/gpu': '1' } }), [
    'prod: queues[0] (interactive).capability.cpu: 64 exceeds the cluster capacity 48',
    'prod: queues[0] (interactive).capability.nvidia.com/gpu: the cluster capacity declares no nvidia.com/gpu',
  ]],
  ['tenant references an unknown queue', { ...base, tenants: [{ ...base.tenants[0], queues: ['interactive', 'gpu'] }] }, ['prod: tenants[0] (team-a).queues[1]: queue "gpu" does not exist; known: interactive, batch, analytics']],
  ['tenant references a parent queue', { ...capacityBase, tenants: [{ ...capacityBase.tenants[0], queues: ['labs'] }] }, ['lab: tenants[0] (lab-a).queues[0]: queue "labs" has child queues; Volcano only admits work to leaf queues']],
  ['tenant references an unknown priority class', { ...base, tenants: [{ ...base.tenants[0], priorityClasses: ['urgent'] }] }, ['prod: tenants[0] (team-a).priorityClasses[0]: priority class "urgent" does not exist; known: volcano-critical, volcano-high, volcano-normal, volcano-low']],
  ['tenant in a system namespace', { ...base, tenants: [{ ...base.tenants[0], name: 'kube-system' }] }, ['prod: tenants[0] (kube-system).name: "kube-system" is a system namespace and cannot be a tenant']],
  ['quota on extended resource limits', { ...capacityBase, tenants: [{ ...capacityBase.tenants[0], quota: { 'limits.nvidia.com/gpu': '4' } }] }, ['lab: tenants[0] (lab-a).quota.limits.nvidia.com/gpu: Kubernetes quotas extended resources only as requests.nvidia.com/gpu (limits are not supported for them); did you mean "requests.nvidia.com/gpu"?']],
  ['negative quota', { ...base, tenants: [{ ...base.tenants[0], quota: { 'requests.cpu': '-1' } }] }, ['prod: tenants[0] (team-a).quota.requests.cpu: -1 must not be negative']],
  ['tenant lists a queue twice', { ...base, tenants: [{ ...base.tenants[0], queues: ['batch', 'interactive', 'batch'] }] }, ['prod: tenants[0] (team-a).queues[2]: queue "batch" is listed twice (also queues[0])']],
  ['explicit root parent', withQueue(capacityBase, 0, { parent: 'root' }), ['lab: queues[0] (labs).parent: "root" is Volcano\'s implicit top of the tree: omit parent for a top-level queue']],
  ['tenant without quota or queues (loosely typed input)', { ...base, tenants: [{ name: 'team-a', description: 't' } as never] }, [
    'prod: tenants[0] (team-a).queues: is required: a list of queue names',
    'prod: tenants[0] (team-a).quota: is required: the ResourceQuota hard limits, a map of resource to quantity',
  ]],
  ['a queue entry that is not a queue', { ...base, queues: [base.queues[0], null as never] }, ['prod: queues[1]: is required: a queue definition']],
  ['two global default priority classes', {
    ...base,
    priorityClasses: [
      { name: 'volcano-high', value: 1000, description: 'h', globalDefault: true },
      { name: 'volcano-low', value: 10, description: 'l', globalDefault: true },
    ],
    tenants: [],
  }, ['prod: priorityClasses[1] (volcano-low).globalDefault: only one priority class may be the global default (also priorityClasses[0])']],
  ['priority class in the system- namespace of names, above the user maximum', {
    ...base,
    priorityClasses: [{ name: 'system-urgent', value: 2_000_000_000, description: 'x' }],
    tenants: [],
  }, [
    'prod: priorityClasses[0] (system-urgent).name: "system-urgent": the "system-" prefix is reserved for Kubernetes',
    'prod: priorityClasses[0] (system-urgent).value: 2000000000 must be a whole number from -1000000000 to 1000000000',
  ]],
  ['container default request above its limit', {
    ...base,
    defaultContainerDefaults: { request: { cpu: '2', memory: '128Mi' }, limit: { cpu: '1', memory: '1Gi' } },
  }, ['prod: tenants[0] (team-a).containerDefaults.request.cpu: 2 exceeds the default limit 1']],
];

describe('invalid environments are rejected with every problem named', () => {
  test('the base cases are valid', () => {
    expect(validateEnvironment(base)).toEqual([]);
    expect(validateEnvironment(capacityBase)).toEqual([]);
  });

  test('the table is large enough to mean something', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  test.each(cases)('%s', (_name, env, expected) => {
    expect(validateEnvironment(env)).toEqual(expected);
  });

  test.each(cases)('%s: synthesis throws and writes nothing', (_name, env) => {
    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-invalid-'));
    try {
      expect(() => synthesize([env], workdir)).toThrow(EnvironmentValidationError);
      expect(fs.readdirSync(workdir)).toEqual([]);
    } finally {
      fs.rmSync(workdir, { recursive: true, force: true });
    }
  });
});

describe('nothing is written when any environment is invalid', () => {
  let workdir: string;
  beforeEach(() => {
    workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-synth-'));
    fs.mkdirSync(path.join(workdir, 'dist', 'prod'), { recursive: true });
    // An output of an earlier synthesis (it carries the generated header), so the next synthesis may replace it.
    fs.writeFileSync(path.join(workdir, 'dist', 'prod', 'previous.yaml'), '# Generated by volcano-platform for environment "prod" from stacks/. Do not edit: run `npm run synth`.\nprevious: output\n');
  });
  afterEach(() => fs.rmSync(workdir, { recursive: true, force: true }));

  test('problems of all environments are reported together and dist/ is untouched', () => {
    const broken = [...ENVIRONMENTS, withQueue(base, 0, { name: 'Bad' }), { ...capacityBase, kubernetesVersion: '1.20' }];
    let thrown: unknown;
    try {
      synthesize(broken, workdir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvironmentValidationError);
    const problems = (thrown as EnvironmentValidationError).problems;
    expect(problems).toContain('prod: queues[0] (Bad).name: "Bad" must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)');
    expect(problems).toContain('lab: kubernetesVersion: 1.20 is too old: the platform needs Kubernetes 1.30 or newer (ValidatingAdmissionPolicy v1)');
    expect(problems).toContain('prod: name: two environments are named "prod"');
    expect(fs.readdirSync(workdir)).toEqual(['dist']);
    expect(fs.readdirSync(path.join(workdir, 'dist'))).toEqual(['prod']);
    expect(fs.readdirSync(path.join(workdir, 'dist', 'prod'))).toEqual(['previous.yaml']);
  });

  test('a valid synthesis replaces the folder whole, leaving no staging folders', () => {
    const trees = synthesize(ENVIRONMENTS, workdir);
    const topLevel = [...new Set(trees.map((tree) => tree.root.split('/')[0]))].sort();
    expect(fs.readdirSync(workdir).sort()).toEqual(topLevel);
    expect(topLevel).toContain('dist');
    expect(fs.existsSync(path.join(workdir, 'dist', 'prod', 'previous.yaml'))).toBe(false);
    expect(fs.readdirSync(path.join(workdir, 'dist')).sort()).toEqual(ENVIRONMENTS.map((e) => e.name).sort());
  });
});

describe('deriving an environment', () => {
  test('an override of undefined keeps the base value instead of removing a required field', () => {
    const derived = deriveEnvironment(base, { name: 'stage', tenants: { 'team-a': { quota: undefined } } });
    expect(derived.tenants[0].quota).toEqual(base.tenants[0].quota);
    expect(validateEnvironment(derived)).toEqual([]);
  });

  test('overriding a queue the base does not have is a validation problem naming it, not an exception', () => {
    const derived = deriveEnvironment(base, { name: 'stage', queues: { gpu: { weight: 2 } } });
    expect(validateEnvironment(derived)).toEqual(['stage: overrides.queues.gpu: the base environment has no queue "gpu"; known: interactive, batch, analytics']);
  });

  test('the overrides stay attached through a spread of the derived definition', () => {
    const derived = deriveEnvironment(base, { name: 'stage', tenants: { 'team-b': { description: 'x' } } });
    expect(validateEnvironment({ ...derived, kubernetesVersion: '1.31' })).toEqual([
      'stage: overrides.tenants.team-b: the base environment has no tenant "team-b"; did you mean "team-a"?',
    ]);
  });
});

describe('environment lookup', () => {
  test('an unknown environment lists the known ones', () => {
    expect(() => environment('staging')).toThrow('unknown environment "staging"; known environments: dev, gpu-lab, prod');
  });
});
