import {
  FLUX, GARBAGE_COLLECTOR, KUBEADM_ADMIN, PULUMI_DEPLOYER, PolicyFixture, TENANT_SERVICE_ACCOUNT, UNDECLARED_CI, VOLCANO_CONTROLLER, merge, queue,
} from '../../testing/fixtures';

const platform = { 'app.kubernetes.io/managed-by': 'volcano-platform' };
const belongs = (name: string, user: string, verb: string) =>
  `Queue ${name} belongs to the volcano-platform: ${user} may not ${verb} it; change it in stacks/environments/fixture.ts through a pull request`
  + '; deployers are exempt once listed in deploy.deployers of stacks/environments/fixture.ts';

/** A Volcano Command in team-a aimed at `target` (the owner-reference shape of bus.volcano.sh_commands.yaml). */
const command = (name: string, action: string, target: Record<string, string>) => ({
  apiVersion: 'bus.volcano.sh/v1alpha1', kind: 'Command', metadata: { name, namespace: 'team-a' }, action, target: { uid: '7f1c5a9e-0000-4000-8000-000000000001', ...target },
});
const queueTarget = (name: string) => ({ apiVersion: 'scheduling.volcano.sh/v1beta1', kind: 'Queue', name });
const byCommand = (command: string, user: string, action: string, queue: string) =>
  `Command team-a/${command}: ${user} may not send ${action} to Queue ${queue}; queues are opened and closed by the platform `
  + '(an administrator closes one in an emergency); deployers are exempt once listed in deploy.deployers of stacks/environments/fixture.ts';

/** Queue `q` being deleted: `deletionTimestamp` set, with `finalizers` still to go. */
const deleting = (q: Record<string, any>, finalizers: string[]) => merge(q, { metadata: { deletionTimestamp: '2025-06-01T12:00:00Z', finalizers } });

/** Fixtures of `queue-protection`; the fixture environment's queues are interactive, batch and gpu-train. */
export const fixtures: readonly PolicyFixture[] = [
  {
    name: 'Flux updating a platform queue',
    operation: 'UPDATE',
    oldObject: queue('batch', {}, platform),
    object: queue('batch', { weight: 3 }, platform),
    user: FLUX,
    expect: 'admitted',
  },
  { name: 'Volcano\'s scheduler creating the default queue', object: queue('default'), user: VOLCANO_CONTROLLER, expect: 'admitted' },
  {
    name: 'a cluster administrator creating a queue',
    object: queue('experiments'),
    user: { username: 'admin@example.com', groups: ['system:masters', 'system:authenticated'] },
    expect: 'admitted',
  },
  {
    name: 'someone else changing a queue the platform does not own',
    operation: 'UPDATE',
    oldObject: queue('legacy-team'),
    object: queue('legacy-team', { weight: 2 }),
    expect: 'admitted',
  },
  {
    name: 'a tenant raising a platform queue\'s capability',
    operation: 'UPDATE',
    oldObject: queue('batch', {}, platform),
    object: queue('batch', { capability: { cpu: '1000' } }, platform),
    expect: { denied: [belongs('batch', 'jane@example.com', 'change')] },
  },
  {
    name: 'a tenant deleting a platform queue',
    operation: 'DELETE',
    oldObject: queue('interactive', {}, platform),
    object: null,
    user: TENANT_SERVICE_ACCOUNT,
    expect: { denied: [belongs('interactive', 'system:serviceaccount:team-a:temporal-worker', 'delete')] },
  },
  {
    name: 'removing the platform label does not help',
    operation: 'UPDATE',
    oldObject: queue('gpu-train', {}, platform),
    object: queue('gpu-train', { weight: 100 }),
    expect: { denied: [belongs('gpu-train', 'jane@example.com', 'change')] },
  },
  {
    name: 'a tenant changing Volcano\'s root queue',
    operation: 'UPDATE',
    oldObject: queue('root'),
    object: queue('root', { capability: { cpu: '1' } }),
    expect: { denied: [belongs('root', 'jane@example.com', 'change')] },
  },
  {
    name: 'a tenant creating a queue of their own',
    object: queue('team-a-private', { weight: 10 }),
    expect: { denied: ['Queue team-a-private: jane@example.com may not create Queues; queues are declared in stacks/environments/fixture.ts and created by the platform'
      + '; deployers are exempt once listed in deploy.deployers of stacks/environments/fixture.ts'] },
  },
  {
    name: 'the declared Pulumi deployer (a CI service account) changing a platform queue',
    operation: 'UPDATE',
    oldObject: queue('interactive', {}, platform),
    object: queue('interactive', { weight: 5 }, platform),
    user: PULUMI_DEPLOYER,
    expect: 'admitted',
  },
  {
    name: 'the declared Pulumi deployer deleting a platform queue removed from the environment',
    operation: 'DELETE',
    oldObject: queue('gpu-train', {}, platform),
    object: null,
    user: PULUMI_DEPLOYER,
    expect: 'admitted',
  },
  { name: 'a kubeadm administrator (kubeadm:cluster-admins) creating a platform queue', object: queue('batch', {}, platform), user: KUBEADM_ADMIN, expect: 'admitted' },
  {
    name: 'an undeclared CI service account changing a platform queue is told which setting exempts it',
    operation: 'UPDATE',
    oldObject: queue('batch', {}, platform),
    object: queue('batch', { weight: 3 }, platform),
    user: UNDECLARED_CI,
    expect: { denied: [belongs('batch', 'system:serviceaccount:other-ci:deployer', 'change')] },
  },
  {
    // `pulumi up` deletes with foreground propagation: the API server adds the finalizer, the garbage collector removes it.
    name: 'the garbage collector removing foregroundDeletion from a platform queue Pulumi deletes',
    operation: 'UPDATE',
    oldObject: deleting(queue('gpu-train', {}, platform), ['foregroundDeletion']),
    object: deleting(queue('gpu-train', {}, platform), []),
    user: GARBAGE_COLLECTOR,
    expect: 'admitted',
  },
  {
    name: 'the garbage collector removing the orphan finalizer from a platform queue',
    operation: 'UPDATE',
    oldObject: deleting(queue('batch', {}, platform), ['orphan']),
    object: deleting(queue('batch', {}, platform), []),
    user: GARBAGE_COLLECTOR,
    expect: 'admitted',
  },
  {
    // The API server accepts spec changes until the last finalizer is gone: only finalizing is left alone.
    name: 'a tenant raising the capability of a platform queue while it is being deleted',
    operation: 'UPDATE',
    oldObject: deleting(queue('batch', {}, platform), ['foregroundDeletion']),
    object: deleting(queue('batch', { capability: { cpu: '1000' } }, platform), ['foregroundDeletion']),
    expect: { denied: [belongs('batch', 'jane@example.com', 'change')] },
  },
  {
    name: 'a tenant removing the platform label from a queue being deleted, finalizer and all',
    operation: 'UPDATE',
    oldObject: deleting(queue('batch', {}, platform), ['foregroundDeletion']),
    object: deleting(queue('batch'), []),
    expect: { denied: [belongs('batch', 'jane@example.com', 'change')] },
  },
  {
    name: 'the garbage collector changing a platform queue that is not being deleted',
    operation: 'UPDATE',
    oldObject: queue('batch', {}, platform),
    object: merge(queue('batch', {}, platform), { metadata: { finalizers: [] } }),
    user: GARBAGE_COLLECTOR,
    expect: { denied: [belongs('batch', 'system:serviceaccount:kube-system:generic-garbage-collector', 'change')] },
  },
  {
    name: 'a tenant creating a queue with a platform queue\'s name',
    object: queue('interactive'),
    user: TENANT_SERVICE_ACCOUNT,
    expect: { denied: [belongs('interactive', 'system:serviceaccount:team-a:temporal-worker', 'create')] },
  },
  {
    // Volcano's queue controller closes the targeted queue whatever the Command's namespace; vcjob-editor-role lets tenants create Commands.
    name: 'a tenant closing a platform queue with a Command',
    object: command('close-batch', 'CloseQueue', queueTarget('batch')),
    expect: { denied: [byCommand('close-batch', 'jane@example.com', 'CloseQueue', 'batch')] },
  },
  {
    name: 'a tenant opening a queue that is not the platform\'s with a Command',
    object: command('open-experiments', 'OpenQueue', queueTarget('experiments')),
    user: TENANT_SERVICE_ACCOUNT,
    expect: { denied: [byCommand('open-experiments', 'system:serviceaccount:team-a:temporal-worker', 'OpenQueue', 'experiments')] },
  },
  {
    name: 'a tenant aborting its own Job with a Command',
    object: command('abort-report', 'AbortJob', { apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', name: 'report' }),
    expect: 'admitted',
  },
  {
    name: 'an administrator closing a queue with a Command (vcctl queue operate)',
    object: command('close-batch', 'CloseQueue', queueTarget('batch')),
    user: KUBEADM_ADMIN,
    expect: 'admitted',
  },
];
