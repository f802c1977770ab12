import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { prepareEnvironments, validateEnvironment } from '../../lib/config';
import { FLUX_ROOT, fluxFiles, fluxStages } from '../../lib/deploy/flux';
import { renderEnvironment } from '../../lib/synth/render';
import { parseManifest } from '../../lib/review/manifests';
import { ENVIRONMENTS } from '../../stacks/environments';
import { builtInOutputTrees } from '../support/render';

const envs = prepareEnvironments(ENVIRONMENTS);
const files = builtInOutputTrees().find((t) => t.root === FLUX_ROOT)!.files;

describe.each(envs.map((e) => [e.name, e] as const))('flux stages of %s', (name, env) => {
  const manifests = renderEnvironment(env);
  const stages = fluxStages(manifests);
  const kustomizations = parseManifest(files.find((f) => f.path === `clusters/${name}/volcano-platform.yaml`)!.content, name);

  test('every object of dist/<env>/ is applied by exactly one stage', () => {
    const owners = new Map<string, string[]>();
    for (const stage of stages) {
      for (const m of manifests.filter((x) => stage.files.includes(x.fileName))) {
        for (const o of m.objects.filter((x) => !(x.kind === 'Queue' && stage.withoutQueues.includes(x.metadata.name)))) {
          const key = `${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`;
          owners.set(key, [...(owners.get(key) ?? []), stage.name]);
        }
      }
    }
    const all = manifests.flatMap((m) => m.objects).map((o) => `${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`);
    expect([...owners.keys()].sort()).toEqual([...all].sort());
    for (const [key, stageNames] of owners) expect({ key, stageNames }).toEqual({ key, stageNames: [stageNames[0]] });
  });

  test('a child Queue is applied in a later stage than its parent', () => {
    const stageOf = (queue: string) => stages.findIndex((s) => s.files.includes('20-queues.yaml') && !s.withoutQueues.includes(queue));
    for (const queue of env.queues.filter((q) => q.parent !== undefined)) {
      expect({ queue: queue.name, later: stageOf(queue.name) > stageOf(queue.parent!) }).toEqual({ queue: queue.name, later: true });
    }
  });

  test('each Kustomization waits for the stage before it, and the release stage health-checks the HelmRelease', () => {
    expect(kustomizations.map((k) => k.spec.path)).toEqual(stages.map((s) => `./flux/stages/${name}/${s.name}`));
    kustomizations.forEach((k, i) => {
      expect(k.spec.dependsOn).toEqual(i === 0 ? undefined : [{ name: kustomizations[i - 1].metadata.name }]);
      expect(k.spec).toMatchObject({ prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } });
    });
    expect(kustomizations[0].spec.healthChecks).toEqual([{ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'volcano', namespace: 'volcano-system' }]);
  });

  test('every stage kustomization names committed files of dist/<env>/ by a path that resolves from its own folder', () => {
    const root = path.join(__dirname, '..', '..');
    for (const stage of stages) {
      const folder = path.join(root, FLUX_ROOT, 'stages', name, stage.name);
      const kustomize = parse(files.find((f) => f.path === `stages/${name}/${stage.name}/kustomization.yaml`)!.content);
      for (const resource of kustomize.resources) expect(fs.existsSync(path.resolve(folder, resource))).toBe(true);
      expect((kustomize.patches ?? []).map((p: { patch: string }) => parse(p.patch).metadata.name)).toEqual(stage.withoutQueues);
    }
  });
});

describe('flux settings', () => {
  const gpuLab = ENVIRONMENTS.find((e) => e.name === 'gpu-lab')!;

  test('the source and the repository path are the environment\'s', () => {
    const [env] = prepareEnvironments([{ ...gpuLab, deploy: { ...gpuLab.deploy, flux: { sourceRef: { kind: 'GitRepository', name: 'fleet', namespace: 'flux-system' }, repositoryPath: './platform/volcano/' } } }]);
    const objects = parseManifest(fluxFiles(env, renderEnvironment(env))[0].content, 'x');
    expect(objects.map((o) => o.spec.path)).toEqual(['./platform/volcano/flux/stages/gpu-lab/release', './platform/volcano/flux/stages/gpu-lab/platform', './platform/volcano/flux/stages/gpu-lab/queues-depth-2']);
    expect(objects.every((o) => o.spec.sourceRef.name === 'fleet')).toBe(true);
  });

  test.each([
    [{ repositoryPath: '../elsewhere' }, 'gpu-lab: deploy.flux.repositoryPath: "../elsewhere" must be a relative path inside the Flux source, such as "." or "./platform/volcano"'],
    [{ interval: 'often' }, 'gpu-lab: deploy.flux.interval: "often" must be a Go duration such as "10m" or "1h"'],
  ])('%o is refused', (flux, message) => {
    expect(validateEnvironment({ ...gpuLab, deploy: { ...gpuLab.deploy, flux } })).toEqual([message]);
  });
});

describe('tenant Namespaces and Flux pruning', () => {
  test.each(envs.map((e) => [e.name, e] as const))('%s: every tenant Namespace is never pruned (none says delete-namespace)', (_name, env) => {
    const namespaces = renderEnvironment(env).flatMap((m) => m.objects).filter((o) => o.kind === 'Namespace' && env.tenants.some((t) => t.name === o.metadata.name));
    expect(namespaces.length).toBe(env.tenants.length);
    for (const ns of namespaces) expect(ns.metadata.annotations?.['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled');
  });

  test('onRemoval must be keep-namespace or delete-namespace', () => {
    const gpuLab = ENVIRONMENTS.find((e) => e.name === 'gpu-lab')!;
    const tenants = gpuLab.tenants.map((t, i) => (i === 0 ? { ...t, onRemoval: 'delete' as never } : t));
    expect(validateEnvironment({ ...gpuLab, tenants })).toEqual(['gpu-lab: tenants[0] (lab-vision).onRemoval: "delete" is not a removal choice; known: keep-namespace, delete-namespace']);
  });
});
