import * as path from 'path';
import { RELEASE_ID } from '../../lib/deploy/graph';
import { GITOPS_API_GROUPS, PROTECT_BY_DEFAULT, PULUMI_WAIT_FOR, awaitedByPulumi, objectKey, protectedWhenStackProtects } from '../../lib/deploy/plan';
import type { StackRun } from '../../lib/deploy/stack';
import { readManifestTree } from '../../lib/review/manifests';
import { protectingStacks } from '../../lib/review/protection';
import { KubeObject } from '../../lib/synth/render';
import { committedStackConfig, runProgramUnderMocks } from '../support/pulumi';
import { ENVIRONMENTS } from '../../stacks/environments';
import { prepareEnvironments } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { pulumiSteps } from '../support/rehearsal-environment';

const ROOT = path.join(__dirname, '..', '..');

/** Every object committed in dist/<env>/: what reviewers approved. */
function committedObjects(env: string): readonly KubeObject[] {
  const objects = readManifestTree(path.join(ROOT, 'dist')).get(env);
  if (objects === undefined) throw new Error(`dist/${env} holds no manifests: run npm run synth`);
  return objects;
}

/** For each planned object the program created: whether it protects it, and what the diff's rule says when its stack protects. */
function protectionDecisions(run: StackRun): Array<{ id: string; protect: boolean; rule: boolean }> {
  const objects = new Map(run.deployment.plan.objects.map((planned) => [planned.id, planned.object]));
  return run.deployment.records.filter((record) => objects.has(record.id))
    .map((record) => ({ id: record.id, protect: record.protect, rule: protectedWhenStackProtects(objects.get(record.id)!) }));
}

const isGitOps = (o: KubeObject) => GITOPS_API_GROUPS.includes(o.apiVersion.split('/')[0]);

/** Pulumi's wire marker of a secret value (the Kubernetes SDK marks a Secret's data secret). */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';

/** Inputs as the engine received them, with secret envelopes replaced by their values. */
function unwrapSecrets(value: any): any {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== 'object') return value;
  if (value[SECRET_SIG] !== undefined && 'value' in value) return unwrapSecrets(value.value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
}

describe.each(['dev', 'prod', 'gpu-lab'])('stack %s', (stack) => {
  let registered: Awaited<ReturnType<typeof runProgramUnderMocks>>['registered'];
  let options: Awaited<ReturnType<typeof runProgramUnderMocks>>['options'];
  let run: StackRun;
  const committed = committedObjects(stack);

  beforeAll(async () => {
    ({ registered, options } = await runProgramUnderMocks(stack, committedStackConfig(stack)));
    run = (await import('../../lib/deploy/stack')).lastStackRun()!;
  });

  test('reads its environment from the committed Pulumi.<stack>.yaml', () => {
    expect(committedStackConfig(stack)['volcano-platform:environment']).toBe(stack);
    expect(run.outputs.environment).toBe(stack);
  });

  test('the Helm release has exactly the chart, version, repository, namespace and values of the committed HelmRelease', () => {
    const helmRelease = committed.find((o) => o.kind === 'HelmRelease')!;
    const repository = committed.find((o) => o.kind === 'HelmRepository' && o.metadata.name === helmRelease.spec.chart.spec.sourceRef.name)!;
    const releases = registered.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release');
    expect(releases).toHaveLength(1);
    const inputs = releases[0].inputs;
    expect({
      name: inputs.name, chart: inputs.chart, version: inputs.version, repo: inputs.repositoryOpts.repo,
      namespace: inputs.namespace, values: inputs.values,
    }).toEqual({
      name: helmRelease.spec.releaseName, chart: helmRelease.spec.chart.spec.chart, version: helmRelease.spec.chart.spec.version,
      repo: repository.spec.url, namespace: helmRelease.metadata.namespace, values: helmRelease.spec.values,
    });
    expect(inputs).toMatchObject({ atomic: true, cleanupOnFail: true, waitForJobs: true, createNamespace: false });
  });

  test('deploys every committed object except the Flux ones exactly once, with its committed content (and Pulumi\'s wait annotation), and nothing else', () => {
    const expected = committed.filter((o) => !isGitOps(o));
    const deployed = registered.filter((r) => r.custom !== false && r.inputs?.metadata && r.inputs?.kind && !r.id); // reads (CRD checks) carry an id
    const key = (o: KubeObject) => objectKey(o);
    expect(deployed.map((r) => key(r.inputs)).sort()).toEqual(expected.map(key).sort());
    for (const object of expected) {
      const match = deployed.find((r) => key(r.inputs) === key(object))!;
      expect({ id: key(object), content: unwrapSecrets(match.inputs) }).toEqual({ id: key(object), content: awaitedByPulumi(object) });
    }
    expect(committed.filter(isGitOps).map((o) => o.kind).sort()).toEqual(['HelmRelease', 'HelmRepository']);
  });

  test('Volcano custom resources depend on the release; monitoring objects on their prerequisite; bindings on policies', () => {
    const records = run.deployment.records;
    const volcanoCRs = records.filter((r) => r.group === 'volcano-resources');
    expect(volcanoCRs.length).toBeGreaterThan(0);
    for (const record of volcanoCRs) expect(record.dependsOn).toContain(RELEASE_ID);
    for (const record of records.filter((r) => r.group === 'monitoring')) {
      expect(record.dependsOn.some((d) => d.startsWith('CustomResourceDefinition/'))).toBe(true);
    }
    for (const record of records.filter((r) => r.group === 'admission-bindings')) {
      expect(record.dependsOn.some((d) => d.startsWith('ValidatingAdmissionPolicy/'))).toBe(true);
    }
    const release = records.find((r) => r.id === RELEASE_ID)!;
    expect(release.dependsOn).toContain('Namespace/-/volcano-system');
    expect(release.dependsOn).toContain('ConfigMap/volcano-system/volcano-platform-environment');
    // Records are created in dependency order: nothing depends on something created after it.
    const position = new Map(records.map((r, i) => [r.id, i]));
    for (const [index, record] of records.entries()) {
      for (const dependency of record.dependsOn) expect(position.get(dependency)!).toBeLessThan(index);
    }
  });

  test('the program creates exactly the graph the deployment rehearsal replays', () => {
    const env = prepareEnvironments(ENVIRONMENTS).find((e) => e.name === stack)!;
    const graph = pulumiSteps(env, renderEnvironment(env)).map((s) => ({ id: s.id, dependsOn: s.dependsOn, retainOnDelete: s.retainOnDelete }));
    expect(run.deployment.records.map((r) => ({ id: r.id, dependsOn: r.dependsOn, retainOnDelete: r.retainOnDelete }))).toEqual(graph);
  });

  test('every Queue, and nothing else, is waited for until Volcano\'s queue controller has written its state', () => {
    const waits = registered.filter((r) => r.inputs?.metadata?.annotations?.[PULUMI_WAIT_FOR] !== undefined)
      .map((r) => [objectKey(r.inputs), r.inputs.metadata.annotations[PULUMI_WAIT_FOR]]);
    const queues = committed.filter((o) => o.kind === 'Queue');
    expect(queues.length).toBeGreaterThan(0);
    expect(waits.sort()).toEqual(queues.map((q) => [objectKey(q), 'jsonpath={.status.state}']).sort());
    // Only the program adds it: what Flux and kubectl apply does not carry it.
    expect(committed.filter((o) => o.metadata.annotations?.[PULUMI_WAIT_FOR] !== undefined)).toEqual([]);
  });

  test('every child Queue depends on its parent, so it is created after it and deleted before it', () => {
    const queues = committed.filter((o) => o.kind === 'Queue');
    const children = queues.filter((q) => q.spec.parent !== 'root');
    expect(children.length).toBe(stack === 'gpu-lab' ? 3 : 0);
    for (const child of children) {
      const record = run.deployment.records.find((r) => r.id === objectKey(child))!;
      expect({ queue: child.metadata.name, dependsOn: record.dependsOn }).toEqual({ queue: child.metadata.name, dependsOn: expect.arrayContaining([`Queue/-/${child.spec.parent}`]) });
    }
  });

  test('every object but the lookups, the release namespace and the marker waits for the cluster marker', () => {
    const records = run.deployment.records;
    const marker = 'ConfigMap/volcano-system/volcano-platform-environment';
    const ancestors = (id: string, seen = new Set<string>()): Set<string> => {
      for (const d of records.find((r) => r.id === id)!.dependsOn) if (!seen.has(d)) { seen.add(d); ancestors(d, seen); }
      return seen;
    };
    for (const record of records.filter((r) => r.step !== 'lookup' && r.id !== marker && r.id !== 'Namespace/-/volcano-system')) {
      expect({ id: record.id, waits: ancestors(record.id).has(marker) }).toEqual({ id: record.id, waits: true });
    }
  });

  test('the monitoring namespace is looked up before anything is written, named by its setting', () => {
    const lookup = run.deployment.records.find((r) => r.id === 'Namespace/-/monitoring')!;
    expect(lookup).toMatchObject({ step: 'lookup', settings: expect.arrayContaining(['observability.prometheusNamespace']) });
    const reads = registered.filter((r) => r.type === 'kubernetes:core/v1:Namespace' && r.id === 'monitoring');
    expect(reads.map((r) => r.name)).toEqual([`namespace-monitoring-named-by-${lookup.settings!.join('+')}`]);
    expect(run.deployment.records.find((r) => r.id === 'Namespace/-/volcano-system')!.dependsOn).toContain('Namespace/-/monitoring');
  });

  // Kubernetes refuses to update a PriorityClass's value or preemptionPolicy (ValidatePriorityClassUpdate):
  // the engine must replace it, deleting first since the name stays.
  test('a PriorityClass is replaced, deleted first, when its value or preemptionPolicy changes; nothing else is replaced on change', () => {
    const classes = committed.filter((o) => o.kind === 'PriorityClass').map((o) => `priorityclass-${o.metadata.name}`);
    expect(classes.length).toBeGreaterThan(0);
    for (const name of classes) {
      expect({ name, ...options.get(name) }).toEqual({ name, replaceOnChanges: ['value', 'preemptionPolicy'], deleteBeforeReplace: true });
    }
    const others = [...options].filter(([name]) => !classes.includes(name));
    expect(others.length).toBeGreaterThan(10);
    for (const [name, registration] of others) expect({ name, ...registration }).toEqual({ name, replaceOnChanges: [], deleteBeforeReplace: false });
  });

  test('tenant Namespaces are kept when removed from the environment (retainOnDelete); nothing else is', () => {
    const tenants = new Set(committed.filter((o) => o.kind === 'Namespace' && o.metadata.labels?.['volcano-platform.io/tenant']).map(objectKey));
    expect(tenants.size).toBeGreaterThan(0);
    for (const record of run.deployment.records) expect({ id: record.id, retain: record.retainOnDelete }).toEqual({ id: record.id, retain: tenants.has(record.id) });
  });

  test(stack !== 'dev' ? 'deploys to the kube context pinned in its stack file' : 'may deploy to the current context', () => {
    const context = committedStackConfig(stack)['kubernetes:context'];
    const providers = registered.filter((r) => r.type === 'pulumi:providers:kubernetes');
    if (stack === 'dev') expect(context).toBeUndefined();
    else expect(providers.map((p) => p.inputs.context)).toEqual([context]);
  });

  // The diff says which objects Pulumi protects without running Pulumi, from the stack files and the rule in
  // lib/deploy/plan.ts (lib/review/protection.ts): the program is held to the same answer, object by object.
  test(stack !== 'dev' ? 'protects the release and exactly the objects the diff reports as protected' : 'protects nothing, as the diff reports', () => {
    const stackProtects = protectingStacks(ROOT).get(stack)?.includes(stack) ?? false;
    expect(stackProtects).toBe(stack !== 'dev');
    expect(run.deployment.records.find((r) => r.id === RELEASE_ID)!.protect).toBe(stackProtects);
    const decisions = protectionDecisions(run);
    expect(decisions.length).toBeGreaterThan(10);
    for (const { id, protect, rule } of decisions) expect({ id, protect }).toEqual({ id, protect: stackProtects && rule });
    expect(decisions.filter((d) => d.id.startsWith('Queue/')).every((d) => d.rule)).toBe(true);
  });

  test('outputs what operators need', () => {
    expect(run.outputs).toMatchObject({ releaseName: 'volcano', chartVersion: '1.15.1', releaseNamespace: 'volcano-system' });
    expect([...run.outputs.queueNames].sort()).toEqual(committed.filter((o) => o.kind === 'Queue').map((q) => q.metadata.name).sort());
    const dashboards = committed.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('grafana-dashboard-'));
    const committedUids = dashboards.flatMap((d) => Object.values(d.data as Record<string, string>).map((json) => JSON.parse(json).uid));
    expect([...run.outputs.dashboardUids].sort()).toEqual(committedUids.sort());
  });
});

describe('chart values', () => {
  test('holding a Pulumi Output is refused before anything is registered, naming the value', async () => {
    const pulumi = await import('@pulumi/pulumi');
    const { assertPlainValues } = await import('../../lib/deploy/program');
    expect(() => assertPlainValues({ custom: { scheduler_replicas: pulumi.output(2) } }, 'values'))
      .toThrow('Volcano release values.custom.scheduler_replicas: a Pulumi Output or Promise; chart values must be plain data so previews show them');
    expect(() => assertPlainValues({ custom: { list: [1, { a: 'b' }] } }, 'values')).not.toThrow();
  });
});

describe('protection is the default', () => {
  test('prod without its protect key protects the release and the objects PROTECT_BY_DEFAULT says, the Queues among them', async () => {
    const { 'volcano-platform:protect': _removed, ...config } = committedStackConfig('prod');
    expect(_removed).toBe('true');
    await runProgramUnderMocks('prod', config);
    const run = (await import('../../lib/deploy/stack')).lastStackRun()!;
    expect(run.deployment.records.find((r) => r.id === RELEASE_ID)!.protect).toBe(PROTECT_BY_DEFAULT);
    const decisions = protectionDecisions(run);
    for (const { id, protect, rule } of decisions) expect({ id, protect }).toEqual({ id, protect: PROTECT_BY_DEFAULT && rule });
    expect(decisions.filter((d) => d.id.startsWith('Queue/')).every((d) => d.protect)).toBe(true);
  });
});

describe('a stack with monitoring switched off', () => {
  test('deploys no monitoring object and looks up no CRD', async () => {
    const { registered } = await runProgramUnderMocks('dev', { ...committedStackConfig('dev'), 'volcano-platform:monitoring': 'false' });
    const kinds = registered.map((r) => r.type);
    expect(kinds.filter((t) => t.includes('monitoring.coreos.com') || t.includes('CustomResourceDefinition'))).toEqual([]);
    expect(registered.filter((r) => r.inputs?.metadata?.labels?.['app.kubernetes.io/name'] === 'volcano-monitoring')).toEqual([]);
    const { lastStackRun } = await import('../../lib/deploy/stack');
    expect(lastStackRun()!.outputs.dashboardUids).toEqual([]);
  });
});

describe('stack files', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name]))('%s has a Pulumi stack file naming it; a protected one pins its kube context', (name) => {
    const config = committedStackConfig(name);
    expect(config['volcano-platform:environment']).toBe(name);
    if (config['volcano-platform:protect'] !== 'false') expect(config['kubernetes:context']).toEqual(expect.any(String));
  });

  test('a protected stack without kubernetes:context is refused before anything is registered', async () => {
    const { 'kubernetes:context': _removed, ...config } = committedStackConfig('gpu-lab');
    await expect(runProgramUnderMocks('gpu-lab', config)).rejects.toThrow(
      'stack gpu-lab (environment gpu-lab) is protected but names no cluster: set kubernetes:context in Pulumi.gpu-lab.yaml '
      + '(pulumi config set kubernetes:context <context>); deploying to whatever kube context is current is refused');
  });

  test('the old volcano-platform:kubeContext key is refused, naming its replacement', async () => {
    await expect(runProgramUnderMocks('dev', { ...committedStackConfig('dev'), 'volcano-platform:kubeContext': 'x' }))
      .rejects.toThrow('stack dev: volcano-platform:kubeContext is no longer read; set kubernetes:context in Pulumi.dev.yaml instead');
  });
});

describe('a stack that names no environment', () => {
  test('fails listing the known environments', async () => {
    await expect(runProgramUnderMocks('staging', {})).rejects.toThrow('unknown environment "staging"; known environments: dev, gpu-lab, prod');
  });

  test('the environment can also be chosen by config', async () => {
    await runProgramUnderMocks('lab-cluster', { 'volcano-platform:environment': 'gpu-lab', 'kubernetes:context': 'lab' });
    const { lastStackRun } = await import('../../lib/deploy/stack');
    expect(lastStackRun()!.outputs.environment).toBe('gpu-lab');
  });
});
