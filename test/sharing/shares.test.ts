import { prepareEnvironments } from '../../lib/config';
import { ResolvedEnvironment } from '../../lib/config/model';
import {
  capacityAllocatable, capacityEnqueueBlockers, capacityShares, divideByWeight, fromUnits, hierarchicalCapacityShares, inUnits, modelQueues,
  proportionAllocatable, proportionEnqueueBlockers, sharesUnderFullContention, toAmounts, unlimited,
} from '../../lib/sharing';
import { simulationSetup } from '../../lib/simulation';
import { ENVIRONMENTS } from '../../stacks/environments';

const [dev, prod, gpuLab] = prepareEnvironments(ENVIRONMENTS);
const all = unlimited(['cpu', 'memory']);
const cores = (amounts: Readonly<Record<string, number>>) => inUnits('cpu', amounts.cpu);

describe('proportion water-filling (proportion.go OnSessionOpen)', () => {
  it('splits by weight when every queue wants more than the cluster', () => {
    const result = divideByWeight(fromUnits({ cpu: 6, memory: 6 }), [
      { name: 'a', weight: 1, request: all },
      { name: 'b', weight: 2, request: all },
    ]);
    expect(result.queues.map((q) => cores(q.deserved))).toEqual([2, 4]);
  });

  it('hands what a satisfied queue does not need to the others in the next round', () => {
    const result = divideByWeight(fromUnits({ cpu: 4, memory: 4 }), [
      { name: 'small', weight: 1, request: fromUnits({ cpu: 1, memory: 1 }) },
      { name: 'big', weight: 1, request: all },
    ]);
    expect(result.queues.map((q) => cores(q.deserved))).toEqual([1, 3]);
    expect(result.rounds).toBe(2);
  });

  it('floors a queue at its guarantee and caps the others at the cluster minus it', () => {
    const result = divideByWeight(fromUnits({ cpu: 4, memory: 4 }), [
      { name: 'guaranteed', weight: 1, guarantee: fromUnits({ cpu: 3, memory: 3 }), request: all },
      { name: 'heavy', weight: 3, request: all },
    ]);
    expect(result.queues.map((q) => cores(q.deserved))).toEqual([3, 1]);
    expect(cores(result.queues[1].realCapability)).toBe(1);
  });
});

describe('shares under full contention of the built-in environments', () => {
  it('prod: interactive is held at its capability, batch gets the rest it can by weight', () => {
    expect(sharesUnderFullContention(prod)).toEqual([
      { queue: 'interactive', resources: { cpu: '32', memory: '64Gi' } },
      { queue: 'batch', resources: { cpu: '64', memory: '320Gi' } },
    ]);
  });

  it('dev: the disabled analytics queue takes no share', () => {
    expect(sharesUnderFullContention(dev).map((s) => s.queue)).toEqual(['interactive', 'batch']);
  });

  it('gpu-lab (capacity with hierarchy): each leaf keeps its declared deserved', () => {
    expect(sharesUnderFullContention(gpuLab)).toEqual([
      { queue: 'lab-vision', resources: { cpu: '64', memory: '256Gi', 'nvidia.com/gpu': '12' } },
      { queue: 'lab-nlp', resources: { cpu: '64', memory: '256Gi', 'nvidia.com/gpu': '12' } },
      { queue: 'lab-robotics', resources: { cpu: '32', memory: '128Gi', 'nvidia.com/gpu': '4' } },
      { queue: 'teaching', resources: { cpu: '32', memory: '128Gi' } },
    ]);
  });
});

describe('what Volcano reads from a rendered disabled queue (proportion.go OnSessionOpen, capacity.go buildQueueAttrs)', () => {
  const fourByFour = fromUnits({ cpu: 4, memory: 4 });
  const smallPod = toAmounts({ cpu: '100m', memory: '128Mi' });
  /** An environment with `names` disabled, as rendered: the model reads effectiveQueueAmounts, not validation. */
  const disabling = (env: ResolvedEnvironment, ...names: string[]): ResolvedEnvironment => ({
    ...env,
    queues: env.queues.map((q) => (names.includes(q.name) ? { ...q, enabled: false } : q)),
  });

  it('a zero cpu/memory capability reads as unlimited, which is why a disabled queue is not rendered with zeros', () => {
    const [open] = divideByWeight(fromUnits({ cpu: 96, memory: 384 }), [
      { name: 'zeroed', weight: 1, capability: toAmounts({ cpu: '0', memory: '0' }), request: fourByFour },
    ]).queues;
    expect(cores(open.realCapability)).toBe(96);
    expect(proportionEnqueueBlockers(open, fourByFour)).toEqual([]);
  });

  it('proportion (prod analytics): real capability of 1m cpu and 1 byte, so enqueue and allocate refuse its work', () => {
    const queues = modelQueues(prod, (q) => (q.name === 'analytics' ? fourByFour : undefined));
    const [analytics] = divideByWeight(fromUnits({ cpu: 96, memory: 384 }), queues).queues;
    expect(analytics.name).toBe('analytics');
    expect(analytics.realCapability).toEqual({ cpu: 1, memory: 1 });
    expect(analytics.deserved).toEqual({ cpu: 1, memory: 1 });
    expect(proportionEnqueueBlockers(analytics, fourByFour)).toEqual(['cpu', 'memory']);
    expect(proportionAllocatable(analytics, smallPod)).toBe(false);
    // What the README admits still fits: pods asking in all for at most 1m cpu and 1 byte of memory.
    expect(proportionAllocatable(analytics, toAmounts({ cpu: '1m' }))).toBe(true);
    expect(proportionAllocatable({ ...analytics, allocated: toAmounts({ cpu: '1m' }) }, toAmounts({ cpu: '1m' }))).toBe(false);
  });

  it('capacity without hierarchy (gpu-lab teaching disabled): closed in cpu, memory and GPUs', () => {
    const env = disabling(gpuLab, 'teaching');
    const teaching = capacityShares(toAmounts(env.capacity), modelQueues(env, () => undefined).map((q) => ({ ...q, parent: undefined, hasJobs: true })))
      .find((s) => s.name === 'teaching')!;
    expect(teaching.realCapability).toEqual({ cpu: 1, memory: 1, 'nvidia.com/gpu': 0 });
    const view = { ...teaching, allocated: toAmounts({}), inqueue: toAmounts({}) };
    expect(capacityEnqueueBlockers([view], fourByFour)).toEqual(['cpu', 'memory']);
    expect(capacityAllocatable([view], smallPod)).toBe(false);
    expect(capacityAllocatable([view], toAmounts({ cpu: '1m', 'nvidia.com/gpu': '1' }))).toBe(false);
  });

  it('capacity with hierarchy (gpu-lab lab-robotics disabled): the child keeps its closing capability instead of inheriting the parent\'s', () => {
    const env = disabling(gpuLab, 'lab-robotics');
    const shares = hierarchicalCapacityShares(modelQueues(env, () => undefined), Object.keys(env.capacity));
    const robotics = shares.find((s) => s.name === 'lab-robotics')!;
    expect(robotics.realCapability).toEqual({ cpu: 1, memory: 1, 'nvidia.com/gpu': 0 });
    const chain = [robotics, shares.find((s) => s.name === 'labs')!].map((s) => ({ ...s, allocated: toAmounts({}), inqueue: toAmounts({}) }));
    expect(capacityEnqueueBlockers(chain, fourByFour)).toEqual(['cpu', 'memory']);
    expect(capacityAllocatable(chain, smallPod)).toBe(false);
  });

  it('the simulation holds a disabled queue to the same closed capability and sends it no work', () => {
    const analytics = simulationSetup(prod).queues.find((q) => q.name === 'analytics')!;
    expect(analytics.accepting).toBe(false);
    expect(analytics.model.capability).toEqual({ cpu: 1, memory: 1 });
    expect(analytics.model.guarantee).toBeUndefined();
    const robotics = simulationSetup(disabling(gpuLab, 'lab-robotics')).capacity!.get('lab-robotics')!;
    expect(robotics.realCapability).toEqual({ cpu: 1, memory: 1, 'nvidia.com/gpu': 0 });
    expect(robotics.deserved).toEqual({ cpu: 0, memory: 0, 'nvidia.com/gpu': 0 });
  });
});
