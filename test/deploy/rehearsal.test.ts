/**
 * Deployment rehearsal: every environment deployed onto a prepared empty cluster (the cluster model of
 * test/support/cluster-model.ts) with Pulumi, `kubectl` and Flux, torn down, and upgraded from the committed
 * `dist/`; then each dependency edge the rules need is removed in turn, and the rehearsal must fail naming
 * the object and the rule.
 */
import { prepareEnvironments } from '../../lib/config';
import { CLUSTER_MARKER_NAME } from '../../lib/deploy/cluster-marker';
import { RELEASE_ID } from '../../lib/deploy/graph';
import { objectKey } from '../../lib/deploy/plan';
import { RenderedManifest, renderEnvironment } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';
import { crdKeyOf } from '../support/cluster-model';
import { GraphStep, Outcome, pulumiDelete, pulumiUp, pulumiUpgrade } from '../support/rehearsal';
import { flux, fluxTeardown, kubectl } from '../support/rehearsal-gitops';
import {
  UNDECLARED, committedManifests, committedSteps, deployerIdentity, fluxStageObjects, kubectlInstall, kubectlTeardown, kubectlTeardownReleaseFileFirst, preparedCluster, pulumiSteps,
} from '../support/rehearsal-environment';

const envs = prepareEnvironments(ENVIRONMENTS);
const summary = (outcome: Outcome) => outcome.violations.map((v) => v.message);
/** The graph with every Queue changed (a new weight), so that re-deploying it sends a request per Queue. */
const withQueuesChanged = (graph: readonly GraphStep[]): GraphStep[] => graph.map((s) => (s.object?.kind !== 'Queue' ? s
  : { ...s, object: { ...s.object, spec: { ...s.object.spec, weight: s.object.spec.weight + 1 } } }));

describe.each(envs.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const manifests: RenderedManifest[] = renderEnvironment(env);
  const steps = pulumiSteps(env, manifests);
  const pulumi = deployerIdentity(env, 'pulumi');
  const ns = env.release.namespace;
  const up = (graph: readonly GraphStep[], initial = preparedCluster(env)) => pulumiUp(graph, initial, pulumi, ns);
  const planned = manifests.flatMap((m) => m.objects).filter((o) => !o.apiVersion.includes('toolkit.fluxcd.io'));

  describe('pulumi', () => {
    test('up on a prepared empty cluster writes every object and breaks no rule', () => {
      const outcome = up(steps);
      expect(summary(outcome)).toEqual([]);
      for (const object of planned) expect(outcome.state.has(objectKey(object))).toBe(true);
    });

    test('destroy after up breaks no rule and leaves only the tenant Namespaces (retained) and the prerequisites', () => {
      const deployed = up(steps).state;
      const destroyed = pulumiDelete(steps, deployed, pulumi);
      expect(summary(destroyed)).toEqual([]);
      const left = destroyed.state.keys().filter((k) => !preparedCluster(env).has(k)).sort();
      expect(left).toEqual(env.tenants.map((t) => `Namespace/-/${t.name}`).sort());
    });

    test('a missing monitoring namespace fails the lookup, naming its setting, before anything is written', () => {
      const outcome = up(steps, preparedCluster(env, ['Namespace/-/monitoring']));
      expect(summary(outcome)).toEqual([expect.stringMatching(/^Namespace\/-\/monitoring: prerequisite: Namespace monitoring does not exist in the cluster \(named by observability\.prometheusNamespace/)]);
      expect(outcome.done).toEqual([]);
    });

    test('an upgrade from the committed dist/ breaks no rule', () => {
      const old = committedManifests(env.name);
      const oldSteps = committedSteps(env, old);
      const before = old.length === 0 ? preparedCluster(env) : up(oldSteps).state;
      expect(summary(pulumiUpgrade(oldSteps, steps, before, pulumi, ns))).toEqual([]);
    });

    test('changing every Queue of the live platform is admitted for every deployer; an undeclared identity is denied by the environment\'s own policies', () => {
      const deployed = up(steps).state;
      const changed = withQueuesChanged(steps);
      for (const role of ['pulumi', 'flux', 'administrators'] as const) {
        expect({ role, violations: summary(pulumiUp(changed, deployed, deployerIdentity(env, role), ns)) }).toEqual({ role, violations: [] });
      }
      const denied = pulumiUp(changed, deployed, UNDECLARED, ns);
      const denies = env.admission.enforcement['queue-protection'] !== 'off' && env.admission.enforcement['queue-protection'].includes('Deny');
      if (!denies) expect(summary(denied)).toEqual([]);
      else {
        expect(denied.violations.length).toBeGreaterThan(0);
        for (const v of denied.violations) {
          expect(v.rule).toBe('admission');
          expect(v.message).toMatch(/^Queue\/-\/[a-z-]+: admission: system:serviceaccount:other-ci:deployer is denied: volcano-platform-queue-protection: .*deployers are exempt once listed in deploy\.deployers/);
        }
      }
    });
  });

  describe('kubectl, as the README says', () => {
    const files = manifests.filter((m) => m.objects.every((o) => !o.apiVersion.startsWith('kustomize.toolkit')));
    const admin = deployerIdentity(env, 'administrators');

    test('apply (release, wait, folder) and teardown (HelmRelease first, then the folder) break no rule and leave nothing', () => {
      const applied = kubectl(kubectlInstall(files), preparedCluster(env), admin);
      expect(summary(applied)).toEqual([]);
      const removed = kubectl(kubectlTeardown(files), applied.state, admin);
      expect(summary(removed)).toEqual([]);
      expect(removed.state.keys().filter((k) => !preparedCluster(env).has(k))).toEqual([]);
    });

    test('deleting the release file first leaves the chart\'s CRDs behind: its Namespace, with Helm\'s release secrets, goes first', () => {
      const applied = kubectl(kubectlInstall(files), preparedCluster(env), admin);
      const removed = kubectl(kubectlTeardownReleaseFileFirst(files), applied.state, admin);
      const left = removed.state.keys().filter((k) => !preparedCluster(env).has(k));
      expect(left).toEqual(expect.arrayContaining(['CustomResourceDefinition/-/queues.scheduling.volcano.sh', 'CustomResourceDefinition/-/podgroups.scheduling.volcano.sh']));
    });

    test('applying the folder without waiting for the release fails on the Queues: their CRD is not established', () => {
      const outcome = kubectl([{ apply: files }], preparedCluster(env), admin);
      expect(outcome.violations.length).toBeGreaterThan(0);
      expect(outcome.violations.map((v) => v.rule)).toContain('crd-established');
      expect(summary(outcome)[0]).toMatch(/^Queue\/-\/[a-z-]+: crd-established: no matches for kind "Queue"/);
    });

    test('an upgrade from the committed dist/ breaks no rule', () => {
      const old = committedManifests(env.name);
      const before = kubectl(old.length === 0 ? [] : kubectlInstall(old), preparedCluster(env), admin).state;
      expect(summary(kubectl([{ apply: files }], before, admin))).toEqual([]);
    });
  });

  describe('flux', () => {
    const fluxIdentity = deployerIdentity(env, 'flux');

    test('applies the generated stages onto a prepared cluster without breaking a rule', () => {
      const outcome = flux(fluxStageObjects(manifests), preparedCluster(env), fluxIdentity);
      expect(summary(outcome)).toEqual([]);
      for (const object of planned) expect(outcome.state.has(objectKey(object))).toBe(true);
    });

    test('teardown (Kustomizations deleted last stage first) breaks no rule and keeps what is never pruned', () => {
      const applied = flux(fluxStageObjects(manifests), preparedCluster(env), fluxIdentity).state;
      const removed = fluxTeardown(fluxStageObjects(manifests), applied, fluxIdentity);
      expect(summary(removed)).toEqual([]);
      const kept = removed.state.keys().filter((k) => !preparedCluster(env).has(k) && !k.startsWith('CustomResourceDefinition/') && !['Queue/-/root', 'Queue/-/default'].includes(k));
      expect(kept.sort()).toEqual([
        `ConfigMap/${ns}/${CLUSTER_MARKER_NAME}`, `HelmRelease/${ns}/volcano`, `Namespace/-/${ns}`, ...env.tenants.map((t) => `Namespace/-/${t.name}`),
      ].sort());
    });

    test('an upgrade from the committed dist/ breaks no rule (pruning of removed objects is not modelled)', () => {
      const old = committedManifests(env.name);
      const before = old.length === 0 ? preparedCluster(env) : flux(fluxStageObjects(old), preparedCluster(env), fluxIdentity).state;
      expect(summary(flux(fluxStageObjects(manifests), before, fluxIdentity))).toEqual([]);
    });
  });

  describe('mutation: each dependency edge a rule needs, removed, makes the rehearsal fail naming the object and the rule', () => {
    /** The step that provides what an object needs, and the rule that needs it. */
    const needs = (step: GraphStep): Array<{ provider: string; rule: string }> => {
      if (step.step === 'release') return [{ provider: `Namespace/-/${ns}`, rule: 'namespace-exists' }];
      if (step.step !== 'object') return [];
      const o = step.object!;
      const found: Array<{ provider: string; rule: string }> = [];
      if (o.metadata.namespace !== undefined) found.push({ provider: `Namespace/-/${o.metadata.namespace}`, rule: 'namespace-exists' });
      if (crdKeyOf(o)?.endsWith('volcano.sh')) found.push({ provider: RELEASE_ID, rule: 'crd-established' });
      if (o.kind === 'Queue' && o.spec.parent !== 'root') found.push({ provider: `Queue/-/${o.spec.parent}`, rule: 'queue-parent-exists' });
      return found.filter((n) => steps.some((s) => s.id === n.provider));
    };
    const ancestors = (graph: readonly GraphStep[], id: string): Set<string> => {
      const seen = new Set<string>();
      const visit = (x: string) => { for (const d of graph.find((s) => s.id === x)!.dependsOn) if (!seen.has(d)) { seen.add(d); visit(d); } };
      visit(id);
      return seen;
    };
    const cases = steps.flatMap((step) => needs(step).map((need) => ({ step: step.id, ...need })));

    test.each(cases.map((c) => [`${c.step} -> ${c.provider}`, c] as const))('%s', (_label, c) => {
      const mutated = steps.map((s) => (s.id === c.step ? { ...s, dependsOn: s.dependsOn.filter((d) => d !== c.provider) } : s));
      // Another path may still order them (a child Queue reaches the release through its parent): then the edge is not load-bearing.
      if (ancestors(mutated, c.step).has(c.provider)) {
        expect(summary(up(mutated))).toEqual([]);
        return;
      }
      const created = up(mutated);
      expect(created.violations.map((v) => `${v.subject} ${v.rule}`)).toContain(`${c.step} ${c.rule}`);
      if (c.rule === 'queue-parent-exists') {
        // Deletes run in reverse: without the edge the parent may go first, and Volcano refuses it while it has children.
        const deleted = pulumiDelete(mutated, up(steps).state, pulumi);
        expect(deleted.violations.map((v) => `${v.subject} ${v.rule}`)).toContain(`${c.provider} queue-has-children`);
      }
    });

    test('the cases cover every rule this environment has objects for', () => {
      const rules = new Set(cases.map((c) => c.rule));
      expect([...rules].sort()).toEqual(env.queues.some((q) => q.parent !== undefined)
        ? ['crd-established', 'namespace-exists', 'queue-parent-exists'] : ['crd-established', 'namespace-exists']);
    });
  });
});

describe('ordering mutations of the rendered output (gpu-lab, the hierarchical environment)', () => {
  const env = envs.find((e) => e.name === 'gpu-lab')!;
  const manifests = renderEnvironment(env);
  const admin = deployerIdentity(env, 'administrators');

  test('a child before its parent in 20-queues.yaml fails under kubectl, naming the child and the rule', () => {
    const swapped = manifests.map((m) => (m.fileName !== '20-queues.yaml' ? m : { ...m, objects: [...m.objects].reverse() }));
    const outcome = kubectl(kubectlInstall(swapped), preparedCluster(env), admin);
    expect(summary(outcome)).toEqual(expect.arrayContaining([expect.stringMatching(/^Queue\/-\/lab-[a-z]+: queue-parent-exists: failed to get parent queue of queue lab-[a-z]+$/)]));
  });

  test('child queues in the same Flux stage as their parent are refused (Flux dry-runs a stage before applying it)', () => {
    const stages = fluxStageObjects(manifests);
    const merged = [stages[0], { ...stages[1], objects: [...stages[1].objects, ...stages.slice(2).flatMap((s) => s.objects)] }];
    const outcome = flux(merged, preparedCluster(env), deployerIdentity(env, 'flux'));
    expect(outcome.violations.map((v) => `${v.subject} ${v.rule}`)).toEqual(expect.arrayContaining(['Queue/-/lab-vision queue-parent-exists']));
    expect(outcome.done).toEqual(['release']);
  });

  test('removing the child stage (children pruned with their parent) is refused: Volcano keeps a queue with children', () => {
    const stages = fluxStageObjects(manifests);
    const merged = [stages[0], { ...stages[1], objects: [...stages[1].objects, ...stages.slice(2).flatMap((s) => s.objects)] }];
    const applied = flux(stages, preparedCluster(env), deployerIdentity(env, 'flux')).state;
    const outcome = fluxTeardown(merged, applied, deployerIdentity(env, 'flux'));
    expect(outcome.violations.map((v) => `${v.subject} ${v.rule}`)).toEqual(['Queue/-/labs queue-has-children']);
  });

  test('without the release health check, the platform stage finds no Queue CRD', () => {
    const stages = fluxStageObjects(manifests).map((s) => ({ ...s, healthChecksRelease: false }));
    const outcome = flux(stages, preparedCluster(env), deployerIdentity(env, 'flux'));
    expect(outcome.violations.map((v) => v.rule)).toContain('crd-established');
  });
});

describe('the cluster marker', () => {
  const [prod, gpuLab] = ['prod', 'gpu-lab'].map((name) => envs.find((e) => e.name === name)!);

  test('deploying gpu-lab to the cluster that runs prod is refused at the marker, and nothing but the shared Volcano Namespace is written', () => {
    const prodCluster = pulumiUp(pulumiSteps(prod, renderEnvironment(prod)), preparedCluster(prod), deployerIdentity(prod, 'pulumi'), prod.release.namespace).state;
    const outcome = pulumiUp(pulumiSteps(gpuLab, renderEnvironment(gpuLab)), prodCluster, deployerIdentity(gpuLab, 'pulumi'), gpuLab.release.namespace);
    expect(summary(outcome)).toEqual([expect.stringMatching(new RegExp(`^ConfigMap/volcano-system/${CLUSTER_MARKER_NAME}: immutable: .*"environment":"prod"`))]);
    expect(outcome.done).toEqual(['Namespace/-/volcano-system']);
  });

  test('Flux pointed at gpu-lab\'s stages in the cluster that runs prod stops at the release stage', () => {
    const prodCluster = flux(fluxStageObjects(renderEnvironment(prod)), preparedCluster(prod), deployerIdentity(prod, 'flux')).state;
    const outcome = flux(fluxStageObjects(renderEnvironment(gpuLab)), prodCluster, deployerIdentity(gpuLab, 'flux'));
    expect(outcome.violations.map((v) => `${v.subject} ${v.rule}`)).toContain(`ConfigMap/volcano-system/${CLUSTER_MARKER_NAME} immutable`);
    expect(outcome.done).toEqual([]);
  });
});
