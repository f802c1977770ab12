/**
 * Deployment rehearsals of upgrades that change who deploys or what an environment holds: removing a tenant
 * (kept by default, deleted in two steps), and declaring a new deployer while changing the Queues.
 */
import { prepareEnvironments } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';
import { ClusterState } from '../support/cluster-model';
import { GraphStep, Outcome, pulumiUp, pulumiUpgrade } from '../support/rehearsal';
import { deployerIdentity, preparedCluster, pulumiSteps } from '../support/rehearsal-environment';

const summary = (outcome: Outcome) => outcome.violations.map((v) => v.message);
/** The graph with every Queue changed (a new weight), so that re-deploying it sends a request per Queue. */
const withQueuesChanged = (graph: readonly GraphStep[]): GraphStep[] => graph.map((s) => (s.object?.kind !== 'Queue' ? s
  : { ...s, object: { ...s.object, spec: { ...s.object.spec, weight: s.object.spec.weight + 1 } } }));

describe('removing a tenant', () => {
  const prodDefinition = ENVIRONMENTS.find((e) => e.name === 'prod')!;
  const prepared = (tenants: typeof prodDefinition.tenants) => prepareEnvironments([{ ...prodDefinition, tenants }])[0];
  const withFlag = prepared(prodDefinition.tenants.map((t) => (t.name === 'data-science' ? { ...t, onRemoval: 'delete-namespace' as const } : t)));
  const without = prepared(prodDefinition.tenants.filter((t) => t.name !== 'data-science'));
  const full = prepared(prodDefinition.tenants);
  const identity = deployerIdentity(full, 'pulumi');
  const deploy = (env: typeof full, state?: ClusterState) => pulumiUp(pulumiSteps(env, renderEnvironment(env)), state ?? preparedCluster(env), identity, 'volcano-system');

  test('in one step keeps its Namespace (and whatever runs in it), deleting only the platform\'s objects in it', () => {
    const before = deploy(full).state.with([{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'datasets', namespace: 'data-science' } }]);
    const outcome = pulumiUpgrade(pulumiSteps(full, renderEnvironment(full)), pulumiSteps(without, renderEnvironment(without)), before, identity, 'volcano-system');
    expect(summary(outcome)).toEqual([]);
    expect(outcome.state.has('Namespace/-/data-science')).toBe(true);
    expect(outcome.state.has('PersistentVolumeClaim/data-science/datasets')).toBe(true);
    expect(outcome.state.has('ResourceQuota/data-science/tenant-quota')).toBe(false);
  });

  test('in two steps (onRemoval: delete-namespace, deploy, then remove) deletes it with everything in it', () => {
    const first = pulumiUpgrade(pulumiSteps(full, renderEnvironment(full)), pulumiSteps(withFlag, renderEnvironment(withFlag)), deploy(full).state, identity, 'volcano-system');
    const namespace = renderEnvironment(withFlag).flatMap((m) => m.objects).find((o) => o.kind === 'Namespace' && o.metadata.name === 'data-science')!;
    expect(namespace.metadata.annotations?.['kustomize.toolkit.fluxcd.io/prune']).toBeUndefined();
    const second = pulumiUpgrade(pulumiSteps(withFlag, renderEnvironment(withFlag)), pulumiSteps(without, renderEnvironment(without)),
      first.state.with([{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'datasets', namespace: 'data-science' } }]), identity, 'volcano-system');
    expect(summary(second)).toEqual([]);
    expect(second.state.keys().filter((k) => k.includes('data-science'))).toEqual([]);
  });
});

describe('an upgrade that declares a new deployer and changes the Queues with it', () => {
  const prodDefinition = ENVIRONMENTS.find((e) => e.name === 'prod')!;
  const { deploy: _declared, ...undeclaredDefinition } = prodDefinition;
  const [before, after] = prepareEnvironments([undeclaredDefinition, { ...prodDefinition, name: 'prod-next' }]);
  const oldSteps = pulumiSteps(before, renderEnvironment(before));
  // The same objects as prod's, with the new exemptions and changed Queues (the name only tells the two apart here).
  const newSteps = withQueuesChanged(pulumiSteps({ ...after, name: 'prod' }, renderEnvironment({ ...after, name: 'prod' })));
  const ciDeployer = deployerIdentity(after, 'pulumi');
  const deployed = pulumiUp(oldSteps, preparedCluster(before), deployerIdentity(before, 'administrators'), 'volcano-system').state;

  test('is admitted: the Queues wait for the policies that exempt the new deployer', () => {
    expect(ciDeployer.username).toBe('system:serviceaccount:platform-ci:pulumi');
    expect(summary(pulumiUpgrade(oldSteps, newSteps, deployed, ciDeployer, 'volcano-system'))).toEqual([]);
  });

  test('mutation: without the Queue -> queue-protection policy edge, the old policy denies the new deployer, naming the Queue and the rule', () => {
    const policy = 'ValidatingAdmissionPolicy/-/volcano-platform-queue-protection';
    const mutated = newSteps.map((s) => (s.object?.kind === 'Queue' ? { ...s, dependsOn: s.dependsOn.filter((d) => d !== policy) } : s));
    const outcome = pulumiUpgrade(oldSteps, mutated, deployed, ciDeployer, 'volcano-system');
    expect(outcome.violations.map((v) => `${v.subject} ${v.rule}`).sort()).toEqual(['Queue/-/analytics admission', 'Queue/-/batch admission', 'Queue/-/interactive admission']);
    expect(summary(outcome)[0]).toContain('system:serviceaccount:platform-ci:pulumi is denied: volcano-platform-queue-protection');
  });
});
