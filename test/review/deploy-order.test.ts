import { EnvironmentDefinition, prepareEnvironments } from '../../lib/config';
import { findDangers } from '../../lib/review/danger';
import { diffObjectSets } from '../../lib/review/diff';
import { objectsFromFiles } from '../../lib/review/manifests';
import { KubeObject, renderOutputFiles } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';

/** The gpu-lab definition, whose queues `labs` → lab-vision, lab-nlp, lab-robotics form a hierarchy. */
const GPU_LAB = ENVIRONMENTS.find((e) => e.name === 'gpu-lab')!;
const LAB_QUEUES = new Set(['labs', 'lab-vision', 'lab-nlp', 'lab-robotics']);

/** The objects an environment definition renders to, as `npm run synth` writes them to dist/<env>/. */
function rendered(definition: EnvironmentDefinition): KubeObject[] {
  return [...objectsFromFiles(renderOutputFiles(prepareEnvironments([definition]))).get(definition.name)!];
}
const GPU_LAB_OBJECTS = rendered(GPU_LAB);

/** The dangers of going from `base` to `head`, as `npm run diff` computes them. */
function dangersBetween(base: readonly KubeObject[], head: readonly KubeObject[]) {
  return findDangers({ base, head, diff: diffObjectSets(base, head) });
}

/** A copy of `objects` with the guarantee of each named Queue replaced. */
function withGuarantees(objects: readonly KubeObject[], guarantees: Record<string, Record<string, string>>): KubeObject[] {
  return objects.map((o) => (o.kind === 'Queue' && guarantees[o.metadata.name]
    ? { ...o, spec: { ...o.spec, guarantee: { resource: { ...o.spec.guarantee.resource, ...guarantees[o.metadata.name] } } } }
    : o));
}

describe('a parent Queue shrunk below its children as they are in the cluster', () => {
  test('labs guarantee cpu 96 → 72 with lab-vision and lab-nlp 32 → 24: refused by the webhook, two steps named', () => {
    const head = withGuarantees(GPU_LAB_OBJECTS, { 'labs': { cpu: '72' }, 'lab-vision': { cpu: '24' }, 'lab-nlp': { cpu: '24' } });
    const dangers = dangersBetween(GPU_LAB_OBJECTS, head).filter((d) => d.subject === 'Queue/labs');
    expect(dangers).toEqual([{
      severity: 'risky',
      subject: 'Queue/labs',
      effect: 'cannot be deployed in one step: Volcano\'s queue webhook refuses the parent\'s update on every retry, since it checks it against its children '
        + 'as they are in the cluster, and Pulumi and Flux update a parent before its children '
        + '(new guarantee.cpu 72 is below the children\'s current sum 80 (lab-vision 32, lab-nlp 32, lab-robotics 16)); '
        + 'deploy in two commits (two `pulumi up` runs): first the children\'s change alone (lab-vision, lab-nlp), then the parent\'s',
    }]);
  });

  test('the two steps themselves are not flagged, nor is growing a parent with its children', () => {
    const childrenFirst = withGuarantees(GPU_LAB_OBJECTS, { 'lab-vision': { cpu: '24' }, 'lab-nlp': { cpu: '24' } });
    const parentNext = withGuarantees(childrenFirst, { labs: { cpu: '72' } });
    const grown = withGuarantees(GPU_LAB_OBJECTS, { 'labs': { cpu: '120' }, 'lab-vision': { cpu: '40' } });
    for (const [base, head] of [[GPU_LAB_OBJECTS, childrenFirst], [childrenFirst, parentNext], [GPU_LAB_OBJECTS, grown]]) {
      expect(dangersBetween(base, head).filter((d) => d.subject === 'Queue/labs')).toEqual([]);
    }
  });

  test('disabling labs with all its children, as validation asks: capability, guarantee and deserved each refused', () => {
    const disabled: EnvironmentDefinition = {
      ...GPU_LAB,
      queues: GPU_LAB.queues.map((q) => (LAB_QUEUES.has(q.name) ? { ...q, enabled: false } : q)),
      // A tenant must keep an enabled queue: the labs' tenants move to teaching.
      tenants: GPU_LAB.tenants.map((t) => (t.queues.every((q) => LAB_QUEUES.has(q)) ? { ...t, queues: ['teaching'] } : t)),
      // Work may only go to enabled queues: the simulated day keeps its other classes.
      workload: GPU_LAB.workload && {
        ...GPU_LAB.workload,
        scenarios: GPU_LAB.workload.scenarios.map((s) => ({ ...s, classes: s.classes.filter((c) => !LAB_QUEUES.has(c.queue)) })),
      },
    };
    const labs = dangersBetween(GPU_LAB_OBJECTS, rendered(disabled)).filter((d) => d.subject === 'Queue/labs');
    expect(labs.map((d) => d.effect)).toEqual([
      'queue disabled: capability 1m cpu / 1 byte memory, nothing new is scheduled in it and its running work can be reclaimed',
      expect.stringContaining('cannot be deployed in one step'),
    ]);
    const refusals = labs[1].effect;
    expect(refusals).toContain('new capability.cpu 1m is below lab-vision\'s 160, lab-nlp\'s 160, lab-robotics\'s 96');
    expect(refusals).toContain('new guarantee.nvidia.com/gpu unset (0) is below the children\'s current sum 14 (lab-vision 6, lab-nlp 6, lab-robotics 2)');
    expect(refusals).toContain('new deserved.cpu 0 is below the children\'s current sum 160 (lab-vision 64, lab-nlp 64, lab-robotics 32)');
    expect(refusals).toMatch(/first the children's change alone \(lab-vision, lab-nlp, lab-robotics\), then the parent's$/);
  });
});

describe('a PriorityClass whose immutable fields change', () => {
  const PROD = rendered(ENVIRONMENTS.find((e) => e.name === 'prod')!);
  const editClass = (name: string, edit: Record<string, unknown>) => PROD.map((o) => (o.kind === 'PriorityClass' && o.metadata.name === name ? { ...o, ...edit } : o));

  test('a new value: Pulumi replaces it, Flux needs it deleted by hand; both said', () => {
    expect(dangersBetween(PROD, editClass('volcano-high', { value: 20000 }))).toEqual([{
      severity: 'risky',
      subject: 'PriorityClass/volcano-high',
      effect: 'value 10000 → 20000: Kubernetes cannot update this in place. `pulumi up` replaces it, deleting it first: pods naming it are '
        + 'refused until it is created again, and running pods keep the priority they were admitted with. Under Flux the dry run of stage '
        + 'volcano-platform fails and it applies nothing: once merged, `kubectl delete priorityclass volcano-high`, then '
        + '`flux reconcile kustomization volcano-platform -n flux-system` recreates it',
    }]);
  });

  test('a new preemptionPolicy is flagged; the same policy written out or left to its default, or a new description, is not', () => {
    const [never] = dangersBetween(PROD, editClass('volcano-high', { preemptionPolicy: 'Never' }));
    expect(never.effect).toMatch(/^preemptionPolicy PreemptLowerPriority → Never: Kubernetes cannot update this in place/);
    const { preemptionPolicy: _default, ...implicit } = PROD.find((o) => o.kind === 'PriorityClass' && o.metadata.name === 'volcano-high')!;
    const defaulted = PROD.map((o) => (o.kind === 'PriorityClass' && o.metadata.name === 'volcano-high' ? implicit as KubeObject : o));
    expect(dangersBetween(PROD, defaulted)).toEqual([]);
    expect(dangersBetween(PROD, editClass('volcano-high', { description: 'changed' }))).toEqual([]);
  });
});

describe('Flux stages: a removed parent and a queue moving deeper', () => {
  const without = (objects: readonly KubeObject[], names: readonly string[]) => objects.filter((o) => !(o.kind === 'Queue' && names.includes(o.metadata.name)));
  const reparented = (name: string, parent: string) => GPU_LAB_OBJECTS.map((o) => (o.kind === 'Queue' && o.metadata.name === name ? { ...o, spec: { ...o.spec, parent } } : o));
  const deployOrder = (dangers: ReturnType<typeof dangersBetween>) => dangers.filter((d) => /deadlocks|moves it from stage/.test(d.effect));

  test('removing labs with its children in one commit deadlocks under Flux: remove the children first', () => {
    const dangers = deployOrder(dangersBetween(GPU_LAB_OBJECTS, without(GPU_LAB_OBJECTS, [...LAB_QUEUES])));
    expect(dangers).toEqual([{
      severity: 'risky',
      subject: 'Queue/labs',
      effect: 'under Flux, removing a parent with its children (lab-vision, lab-nlp, lab-robotics) in one commit deadlocks: the parent\'s stage prunes it first, '
        + 'Volcano refuses to delete a queue that has children, and the children\'s stage, which waits for the parent\'s, never runs to prune them; '
        + 'remove (or move) the children in one commit and the parent in the next (when that removes their stage and your Flux does not '
        + 'apply flux/clusters/<env>/ itself, delete the stage by hand, which prunes them: `flux delete kustomization volcano-platform-queues-depth-2`)',
    }]);
  });

  test('the two commits of the way out are not flagged', () => {
    const childrenGone = without(GPU_LAB_OBJECTS, ['lab-vision', 'lab-nlp', 'lab-robotics']);
    expect(deployOrder(dangersBetween(GPU_LAB_OBJECTS, childrenGone))).toEqual([]);
    expect(deployOrder(dangersBetween(childrenGone, without(childrenGone, ['labs'])))).toEqual([]);
  });

  test('a queue moved under a parent changes stage: the earlier one deletes it first; the annotation that avoids the gap is named', () => {
    expect(deployOrder(dangersBetween(GPU_LAB_OBJECTS, reparented('teaching', 'labs')))).toEqual([{
      severity: 'risky',
      subject: 'Queue/teaching',
      effect: 'under Flux, depth 1 → 2 moves it from stage volcano-platform to volcano-platform-queues-depth-2: the first deletes it '
        + 'before the second recreates it, and PodGroups and jobs submitted to it in between are refused; before merging, as a deployer '
        + 'or administrator (deploy.deployers), `kubectl annotate queue teaching kustomize.toolkit.fluxcd.io/prune=disabled` so the first stage leaves it, '
        + 'and once the second has applied it, `kubectl annotate queue teaching kustomize.toolkit.fluxcd.io/prune-`',
    }]);
  });

  test('a queue moving to an earlier stage is not flagged: that stage applies it first and takes it over', () => {
    expect(deployOrder(dangersBetween(GPU_LAB_OBJECTS, reparented('lab-robotics', 'root')))).toEqual([]);
  });
});

// pkg/webhooks/admission/queues/validate/validate_queue.go (v1.15.1), validateHierarchicalQueue: a parent without
// children must have no allocated pods when a child is created under it or moved to it.
describe('a leaf Queue that gets its first child', () => {
  const teaching = GPU_LAB_OBJECTS.find((o) => o.kind === 'Queue' && o.metadata.name === 'teaching')!;
  const childOf = (parent: string, name: string): KubeObject => ({ ...teaching, metadata: { ...teaching.metadata, name }, spec: { ...teaching.spec, parent } });
  const reparented = (name: string, parent: string) => GPU_LAB_OBJECTS.map((o) => (o.kind === 'Queue' && o.metadata.name === name ? { ...o, spec: { ...o.spec, parent } } : o));
  const firstChild = (dangers: ReturnType<typeof dangersBetween>) => dangers.filter((d) => d.effect.startsWith('becomes a parent'));

  test('a new queue under teaching: refused while jobs run in teaching, with the check to run first', () => {
    expect(firstChild(dangersBetween(GPU_LAB_OBJECTS, [...GPU_LAB_OBJECTS, childOf('teaching', 'teaching-intro')]))).toEqual([{
      severity: 'risky',
      subject: 'Queue/teaching',
      effect: 'becomes a parent (of teaching-intro): Volcano\'s queue webhook refuses a queue\'s first child while pods are allocated in it, '
        + 'so the child is refused on every retry for as long as jobs run in teaching; deploy it once '
        + '`kubectl get queue teaching -o jsonpath=\'{.status.allocated.pods}\'` prints nothing or 0 (to get there, move teaching\'s tenants to '
        + 'another queue in a commit of their own and let its jobs finish)',
    }]);
  });

  test('a queue moved under a leaf is the same first child', () => {
    expect(firstChild(dangersBetween(GPU_LAB_OBJECTS, reparented('lab-robotics', 'teaching'))).map((d) => d.subject)).toEqual(['Queue/teaching']);
  });

  test('a child added to a queue that is a parent already, or a new parent created with its children, is not flagged', () => {
    expect(firstChild(dangersBetween(GPU_LAB_OBJECTS, [...GPU_LAB_OBJECTS, childOf('labs', 'lab-audio')]))).toEqual([]);
    expect(firstChild(dangersBetween(GPU_LAB_OBJECTS, reparented('teaching', 'labs')))).toEqual([]);
    expect(firstChild(dangersBetween(GPU_LAB_OBJECTS, [...GPU_LAB_OBJECTS, childOf('root', 'courses'), childOf('courses', 'course-ml')]))).toEqual([]);
  });
});
