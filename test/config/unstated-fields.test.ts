import { EnvironmentDefinition, deriveEnvironment, derivationOf, prepareEnvironments } from '../../lib/config';
import { DEFAULT_PRIORITY_CLASSES } from '../../lib/config/defaults';
import { renderEnvironment } from '../../lib/synth/render';
import { renderOutputTrees } from '../../lib/synth/render-trees';
import { outputFilesOf } from '../support/render';
import { dev } from '../../stacks/environments/dev';
import { gpuLab } from '../../stacks/environments/gpu-lab';
import { prod } from '../../stacks/environments/prod';

/**
 * Strict TypeScript accepts `field: undefined` for an optional field (a helper passing an option through),
 * and the schemas read it as absent. Each case writes a field as `undefined` and as absent: both must
 * synthesize the same files, byte for byte, with the field's default.
 */

type Loose = Record<string, unknown>;

type Written = 'absent' | 'undefined';

/** `item` with each of `fields` removed (`absent`) or written as `undefined`. */
const unstated = <T extends object>(item: T, fields: readonly string[], how: Written): T => {
  const rest: Loose = Object.fromEntries(Object.entries(item).filter(([key]) => !fields.includes(key)));
  return (how === 'absent' ? rest : { ...rest, ...Object.fromEntries(fields.map((field) => [field, undefined])) }) as T;
};

const inQueue = (queue: string, ...fields: string[]) => (how: Written): EnvironmentDefinition =>
  ({ ...prod, queues: prod.queues.map((q) => (q.name === queue ? unstated(q, fields, how) : q)) });
const inTenant = (tenant: string, ...fields: string[]) => (how: Written): EnvironmentDefinition =>
  ({ ...prod, tenants: prod.tenants.map((t) => (t.name === tenant ? unstated(t, fields, how) : t)) });
const inPriorityClass = (name: string, ...fields: string[]) => (how: Written): EnvironmentDefinition =>
  ({ ...prod, priorityClasses: DEFAULT_PRIORITY_CLASSES.map((pc) => (pc.name === name ? unstated(pc, fields, how) : pc)) });

/** prod as changed, with dev derived from it by dev's own overrides, so a default both inherit is checked in both. */
const withDev = (change: (how: Written) => EnvironmentDefinition) => (how: Written) => {
  const changed = change(how);
  return [changed, deriveEnvironment(changed, derivationOf(dev)!.overrides)];
};

const cases: Array<[string, (how: Written) => EnvironmentDefinition[]]> = [
  ['a tenant\'s onRemoval (its Namespace stays out of Flux\'s pruning)', withDev(inTenant('workflows', 'onRemoval'))],
  ['a tenant\'s priorityClasses', withDev(inTenant('workflows', 'priorityClasses'))],
  ['a tenant\'s podSecurity and containerDefaults', withDev(inTenant('workflows', 'podSecurity', 'containerDefaults'))],
  ['a queue\'s weight and reclaimable', withDev(inQueue('batch', 'weight', 'reclaimable'))],
  ['a queue\'s priority', withDev(inQueue('batch', 'priority'))],
  ['a queue\'s enabled (it stays open)', withDev(inQueue('batch', 'enabled'))],
  ['a priority class\'s preemptionPolicy and globalDefault', withDev(inPriorityClass('volcano-low', 'preemptionPolicy', 'globalDefault'))],
  ['an alert of gpu-lab (it takes the default thresholds)', (how) => [
    { ...gpuLab, observability: { ...gpuLab.observability, alerts: unstated(gpuLab.observability!.alerts!, ['preemptionRate'], how) } },
  ]],
  ['a top-level field of dev\'s overrides (deploy stays prod\'s)', (how) => [prod, deriveEnvironment(prod, unstated(derivationOf(dev)!.overrides, ['deploy'], how))]],
];

describe('a field written as undefined is not stated: it takes the default', () => {
  test.each(cases)('%s', (_what, environments) => {
    const synthesized = (how: Written) => outputFilesOf(renderOutputTrees(prepareEnvironments(environments(how))));
    const absent = synthesized('absent');
    expect(absent.length).toBeGreaterThan(0);
    expect(synthesized('undefined')).toEqual(absent);
  });

  test('the Namespace of a tenant whose onRemoval is undefined is still kept from Flux\'s pruning', () => {
    const [env] = prepareEnvironments([inTenant('workflows', 'onRemoval')('undefined')]);
    const namespace = renderEnvironment(env).flatMap((m) => m.objects).find((o) => o.kind === 'Namespace' && o.metadata.name === 'workflows');
    expect(namespace?.metadata.annotations?.['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled');
  });
});
