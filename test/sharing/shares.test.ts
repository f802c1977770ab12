import { prepareEnvironments } from '../../lib/config';
import { divideByWeight, fromUnits, inUnits, modelQueues, proportionEnqueueBlockers, sharesUnderFullContention, unlimited } from '../../lib/sharing';
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

describe('what Volcano reads from a rendered disabled queue (proportion.go OnSessionOpen)', () => {
  it('a zero cpu/memory capability reads as unlimited: only admission keeps work out of a disabled queue', () => {
    // analytics is disabled in prod: rendered with capability cpu 0 / memory 0 and no guarantee.
    const queues = modelQueues(prod, (q) => (q.name === 'analytics' ? fromUnits({ cpu: 4, memory: 4 }) : undefined));
    const [analytics] = divideByWeight(fromUnits({ cpu: 96, memory: 384 }), queues).queues;
    expect(analytics.name).toBe('analytics');
    expect(cores(analytics.realCapability)).toBe(96 - 24);
    expect(proportionEnqueueBlockers(analytics, fromUnits({ cpu: 4, memory: 4 }))).toEqual([]);
  });
});
