import * as path from 'path';
import { prepareEnvironments } from '../../lib/config';
import { findDangers } from '../../lib/review/danger';
import { diffObjectSets } from '../../lib/review/diff';
import { STALE_ADVICE, staleFiles } from '../../lib/review/freshness';
import { objectsFromFiles } from '../../lib/review/manifests';
import { protectingStacks, pulumiProtection } from '../../lib/review/protection';
import { KubeObject, renderOutputFiles } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';

const ROOT = path.join(__dirname, '..', '..');
const PROD: readonly KubeObject[] = objectsFromFiles(renderOutputFiles(prepareEnvironments(ENVIRONMENTS.filter((e) => e.name === 'prod')))).get('prod')!;

/** The dangers of changing prod's rendered objects (or another `base`) by `edit` (applied to a copy). */
function dangersOf(edit: (objects: KubeObject[]) => KubeObject[], protection = pulumiProtection(protectingStacks(ROOT), 'prod'), base: readonly KubeObject[] = PROD) {
  const head = edit(JSON.parse(JSON.stringify(base)));
  return findDangers({ base, head, diff: diffObjectSets(base, head), protection });
}
const named = (kind: string, name: string) => (o: KubeObject) => o.kind === kind && o.metadata.name === name;

describe('danger rules, on prod as rendered', () => {
  test('nothing changed: no danger', () => {
    expect(dangersOf((objects) => objects)).toEqual([]);
  });

  test('a tenant namespace Flux may prune (onRemoval: delete-namespace) is destructive when removed', () => {
    const prunable = (o: KubeObject): KubeObject => {
      const { ['kustomize.toolkit.fluxcd.io/prune']: _kept, ...annotations } = o.metadata.annotations ?? {};
      return named('Namespace', 'data-science')(o) ? { ...o, metadata: { ...o.metadata, annotations } } : o;
    };
    const dangers = dangersOf((objects) => objects.filter((o) => !named('Namespace', 'data-science')(o)), undefined, PROD.map(prunable));
    expect(dangers).toContainEqual(expect.objectContaining({ severity: 'destructive', subject: 'Namespace/data-science', effect: expect.stringMatching(/^namespace of tenant data-science deleted with every workload, PersistentVolumeClaim and volume in it \(platform objects in it: /) }));
  });

  test('a deleted priority class names the tenants allowed it', () => {
    expect(dangersOf((objects) => objects.filter((o) => !named('PriorityClass', 'volcano-low')(o)))).toEqual([{
      severity: 'destructive',
      subject: 'PriorityClass/volcano-low',
      effect: 'priority class deleted: pods naming it can no longer be created (tenants allowed it: marketing-campaigns, data-science, workflows)',
    }]);
  });

  test('a deleted queue names its tenants and the Pulumi protection that makes the deploy fail', () => {
    const [danger] = dangersOf((objects) => objects.filter((o) => !named('Queue', 'batch')(o)));
    expect(danger).toEqual({
      severity: 'destructive',
      subject: 'Queue/batch',
      effect: 'queue deleted: its PodGroups and jobs are no longer scheduled (tenants using it: agent-runtime, marketing-campaigns, data-science, workflows); ' +
        'Pulumi protects it (stack prod): `pulumi up` fails until it is unprotected (`pulumi state unprotect`)',
    });
  });

  test('protection is read from the objects (Flux prune annotation) and the stacks, not from names', () => {
    // The Volcano namespace is never pruned by Flux; no stack of dev protects.
    const removeRelease = (objects: KubeObject[]) => objects.filter((o) => !named('Namespace', 'volcano-system')(o));
    const [namespace] = dangersOf(removeRelease, pulumiProtection(protectingStacks(ROOT), 'dev'));
    expect(namespace.effect).toMatch(/^namespace deleted with every workload, PersistentVolumeClaim and volume in it \(platform objects in it: .*HelmRelease\/volcano.*\); Flux never prunes it \(kustomize\.toolkit\.fluxcd\.io\/prune: disabled\), so under Flux it stays in the cluster until deleted by hand$/);
    expect(dangersOf((objects) => objects.map((o) => (named('Queue', 'batch')(o) ? { ...o, spec: { ...o.spec, weight: 3 } } : o)), pulumiProtection(protectingStacks(ROOT), 'dev'))).toEqual([]);
  });

  test('a stack that protects is found in Pulumi.<stack>.yaml; one that says protect: false is not', () => {
    const stacks = protectingStacks(ROOT);
    expect(stacks.get('prod')).toEqual(['prod']);
    expect(stacks.has('dev')).toBe(false);
  });

  test('a binding added with Deny is risky; failurePolicy becoming Fail is risky', () => {
    const dangers = dangersOf((objects) => {
      const binding = objects.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding')!;
      const policy = objects.find(named('ValidatingAdmissionPolicy', binding.spec.policyName))!;
      const copy = { ...binding, metadata: { ...binding.metadata, name: 'extra' } };
      policy.spec.failurePolicy = 'Ignore';
      return [...objects, copy];
    });
    // The base says Fail already: only the new binding.
    expect(dangers).toEqual([expect.objectContaining({ severity: 'risky', subject: 'ValidatingAdmissionPolicyBinding/extra' })]);
    expect(dangers[0].effect).toMatch(/denies from the start \(no Warn or Audit phase\)$/);
  });

  test('a tenant losing a priority class is destructive', () => {
    const dangers = dangersOf((objects) => objects.map((o) => (named('Namespace', 'data-science')(o)
      ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'volcano-platform.io/allowed-priority-classes': 'volcano-normal' } } }
      : o)));
    expect(dangers).toEqual([{ severity: 'destructive', subject: 'Namespace/data-science', effect: 'tenant data-science loses priority class volcano-low: its new pods naming it are denied' }]);
  });

  test('a capability cut below the guarantee is destructive', () => {
    const dangers = dangersOf((objects) => objects.map((o) => (named('Queue', 'interactive')(o) ? { ...o, spec: { ...o.spec, capability: { cpu: '4', memory: '64Gi' } } } : o)));
    expect(dangers.map((d) => d.effect)).toContain('capability.cpu cut 32 → 4, below its guarantee 8');
  });

  test('a capability cut below the deserved share (a hand edit Volcano would refuse) is destructive', () => {
    const dangers = dangersOf((objects) => objects.map((o) => (named('Queue', 'interactive')(o)
      ? { ...o, spec: { ...o.spec, guarantee: { resource: { cpu: '2', memory: '16Gi' } }, capability: { cpu: '6', memory: '64Gi' } } }
      : o)));
    expect(dangers.map((d) => d.effect)).toContain('capability.cpu cut 32 → 6, below its deserved 8 (Volcano refuses deserved above capability)');
  });
});

describe('freshness of the generated files', () => {
  const trees = [{ root: 'dist', files: [{ path: 'prod/a.yaml', content: 'new' }, { path: 'prod/b.yaml', content: 'b' }, { path: 'prod/c.yaml', content: 'c' }] }];
  test('each file that is not what the synthesis writes, with why', () => {
    const onDisk = [
      { path: 'dist/prod/a.yaml', content: 'old' }, // as at the base: not regenerated
      { path: 'dist/prod/b.yaml', content: 'edited' }, // neither: by hand
      { path: 'dist/prod/d.yaml', content: 'd' }, // as at the base, no longer written
      { path: 'dist/prod/e.yaml', content: 'e' }, // nowhere else
    ];
    const base = [{ path: 'dist/prod/a.yaml', content: 'old' }, { path: 'dist/prod/b.yaml', content: 'b' }, { path: 'dist/prod/d.yaml', content: 'd' }];
    expect(staleFiles(trees, onDisk, base)).toEqual([
      { path: 'dist/prod/a.yaml', reason: 'not regenerated' },
      { path: 'dist/prod/b.yaml', reason: 'edited by hand' },
      { path: 'dist/prod/c.yaml', reason: 'missing' },
      { path: 'dist/prod/d.yaml', reason: 'left over' },
      { path: 'dist/prod/e.yaml', reason: 'added by hand' },
    ]);
    for (const advice of Object.values(STALE_ADVICE)) expect(advice).toMatch(/npm run synth|stacks\//);
  });

  test('fresh files: nothing', () => {
    const files = trees[0].files.map((f) => ({ path: `dist/${f.path}`, content: f.content }));
    expect(staleFiles(trees, files, [])).toEqual([]);
  });
});
