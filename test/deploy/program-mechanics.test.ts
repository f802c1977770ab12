import * as pulumi from '@pulumi/pulumi';

// Mechanics of the Pulumi program under mocks: every object becomes one resource with its content,
// and the records describe the dependsOn actually passed.
const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      registered.push(args);
      return { id: args.id ?? `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  }, 'volcano-platform', 'dev', false);
});

test('deploys each object of dev once, with its rendered content', async () => {
  const { prepareEnvironment } = await import('../../lib/config');
  const { deployPlatform } = await import('../../lib/deploy/program');
  const { environment } = await import('../../stacks/environments');
  const env = prepareEnvironment(environment('dev'));
  const deployed = deployPlatform({
    env,
    release: { chart: 'volcano', repository: 'https://example.invalid/charts', version: '1.0.0', releaseName: 'volcano', namespace: 'volcano-system', values: { a: 1 } },
    protect: false,
    monitoring: true,
  });
  await Promise.all([...deployed.resources.values()].map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  const queues = registered.filter((r) => r.type === 'kubernetes:scheduling.volcano.sh/v1beta1:Queue');
  expect(queues.map((q) => q.inputs.metadata.name).sort()).toEqual(env.queues.map((q) => q.name).sort());
  const release = registered.find((r) => r.type === 'kubernetes:helm.sh/v3:Release');
  expect(release?.inputs.values).toEqual({ a: 1 });
  const namespaces = registered.filter((r) => r.type === 'kubernetes:core/v1:Namespace').map((r) => r.inputs.metadata.name);
  expect(namespaces.sort()).toEqual([...env.tenants.map((t) => t.name), 'volcano-system'].sort());
  const queueRecord = deployed.records.find((r) => r.id === 'Queue/-/interactive');
  expect(queueRecord?.dependsOn).toContain('HelmRelease(Pulumi)/volcano');
});
