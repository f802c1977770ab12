/**
 * Mutations of the checks that come before any write: the prerequisite lookups and the cluster marker.
 * With their edges, a deploy that cannot succeed writes nothing (see rehearsal.test.ts); without them, it
 * fails only after it has written, which this file shows, naming the object and the rule.
 */
import { prepareEnvironments } from '../../lib/config';
import { CLUSTER_MARKER_NAME } from '../../lib/deploy/cluster-marker';
import { RELEASE_ID } from '../../lib/deploy/graph';
import { renderEnvironment } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';
import { GraphStep, pulumiUp } from '../support/rehearsal';
import { deployerIdentity, preparedCluster, pulumiSteps } from '../support/rehearsal-environment';

const envs = prepareEnvironments(ENVIRONMENTS);
const without = (steps: readonly GraphStep[], dependency: (id: string) => boolean): GraphStep[] =>
  steps.map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => !dependency(d)) }));

describe.each(envs.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const steps = pulumiSteps(env, renderEnvironment(env));
  const identity = deployerIdentity(env, 'pulumi');

  test('without the edges to the lookups, a missing monitoring namespace is found only after Volcano is installed', () => {
    const lookups = new Set(steps.filter((s) => s.step === 'lookup').map((s) => s.id));
    const outcome = pulumiUp(without(steps, (d) => lookups.has(d)), preparedCluster(env, ['Namespace/-/monitoring']), identity, env.release.namespace);
    expect(outcome.done).toContain(RELEASE_ID);
    expect(outcome.violations.map((v) => v.rule)).toEqual(expect.arrayContaining(['prerequisite', 'namespace-exists']));
    expect(outcome.violations.find((v) => v.rule === 'namespace-exists')!.message).toMatch(/^(ConfigMap|Secret)\/monitoring\/[a-z-]+: namespace-exists: namespaces "monitoring" not found$/);
  });
});

describe('the cluster marker', () => {
  const [prod, gpuLab] = ['prod', 'gpu-lab'].map((name) => envs.find((e) => e.name === name)!);
  const marker = `ConfigMap/volcano-system/${CLUSTER_MARKER_NAME}`;

  test('without the edges to the marker, deploying gpu-lab to prod\'s cluster rewrites prod\'s platform before it is refused', () => {
    const prodCluster = pulumiUp(pulumiSteps(prod, renderEnvironment(prod)), preparedCluster(prod), deployerIdentity(prod, 'pulumi'), 'volcano-system').state;
    const outcome = pulumiUp(without(pulumiSteps(gpuLab, renderEnvironment(gpuLab)), (d) => d === marker), prodCluster, deployerIdentity(gpuLab, 'pulumi'), 'volcano-system');
    expect(outcome.violations.map((v) => `${v.subject} ${v.rule}`)).toContain(`${marker} immutable`);
    expect(outcome.done).toEqual(expect.arrayContaining([RELEASE_ID, 'Queue/-/labs', 'Namespace/-/lab-vision']));
  });
});
