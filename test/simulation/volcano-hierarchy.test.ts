import { JobSpec, QueueSpec, runSession, scheduler } from './harness';

// capacity_test.go Test_capacityPlugin_OnSessionOpenWithHierarchy (Volcano v1.15.1), re-expressed as one
// queue-level session each (enqueue, allocate, reclaim); `queue(name, parent, deserved, capability)` as
// the test's buildQueueWithParents. Pods of a PodGroup with minMember 1 are jobs of their own here.

const r = (cpu: string, memory: string, extra: Record<string, string> = {}) => ({ cpu, memory, ...extra });
const queue = (name: string, parent: string, deserved?: Record<string, string>, capability?: Record<string, string>): QueueSpec => ({ name, parent, deserved, capability });
const root = queue('root', '');

type Case = {
  name: string; total: Record<string, string>; queues: QueueSpec[];
  running?: JobSpec[]; inqueue?: JobSpec[]; pending?: JobSpec[];
  started: string[]; evicted?: string[];
};

const q3 = queue('q3', 'root', r('4', '4Gi'), r('4', '4Gi'));
const q31 = queue('q31', 'q3', r('2', '2Gi'), r('4', '4Gi'));
const q32 = queue('q32', 'q3', r('2', '2Gi'), r('4', '4Gi'));
const q4 = queue('q4', 'root', r('2', '2Gi'), r('4', '4Gi'));
const tree1 = [root, queue('q1', 'root', undefined, r('4', '4Gi')), queue('q2', 'root', undefined, r('4', '4Gi')), queue('q11', 'q1', undefined, r('1', '1Gi')), queue('q12', 'q1', undefined, r('3', '3Gi'))];

const cases: Case[] = [
  { name: 'case0: Pod allocatable when queue is leaf queue', total: r('8', '8Gi'), queues: tree1, inqueue: [{ name: 'p1', queue: 'q11', requests: r('1', '1Gi') }], started: ['p1'] },
  { name: 'case1: Pod not allocatable when queue is not leaf queue', total: r('8', '8Gi'), queues: tree1, pending: [{ name: 'p2', queue: 'q1', requests: r('1', '1Gi') }], started: [] },
  {
    name: 'case2: Pod allocatable when queue has not exceed capability', total: r('8', '8Gi'), queues: [root, q3, q4, q31, q32],
    inqueue: [{ name: 'pg3', queue: 'q31', requests: r('2', '2Gi'), pods: 2 }], started: ['pg3'],
  },
  {
    name: 'case3: Can reclaim from other queues when allocated < deserved', total: r('8', '8Gi'), queues: [root, q3, q31, q32, q4],
    running: [
      { name: 'p5', queue: 'q4', requests: r('4', '4Gi') },
      { name: 'p6', queue: 'q31', requests: r('2', '2Gi'), preemptable: false },
      { name: 'p7', queue: 'q31', requests: r('2', '2Gi') },
    ],
    inqueue: [{ name: 'p8', queue: 'q32', requests: r('2', '2Gi') }],
    started: ['p8'], evicted: ['p7'],
  },
  {
    name: 'case4: Pod is not allocatable when ancestor queue\'s real capability not enough', total: r('8', '8Gi'),
    queues: [root, q3, q31, q32, queue('q33', 'q3', r('0', '0Gi'), r('4', '4Gi'))],
    running: [{ name: 'p6', queue: 'q31', requests: r('2', '2Gi'), preemptable: false }, { name: 'p9', queue: 'q32', requests: r('2', '2Gi') }],
    inqueue: [{ name: 'p10', queue: 'q33', requests: r('3', '3Gi') }],
    started: [], evicted: [],
  },
  {
    name: 'case5: If the capability cpu or memory is not specified, the value should be inherited from parent queue', total: r('8', '8Gi'),
    queues: [root, queue('q5', 'root', undefined, { memory: '4Gi' }), queue('q51', 'q5', undefined, { memory: '2Gi' })],
    inqueue: [{ name: 'p11', queue: 'q51', requests: { cpu: '1' } }], started: ['p11'],
  },
  {
    name: 'case8: When the queue\'s deserved value has a scalar resource set, the check can pass', total: r('8', '8Gi', { 'nvidia.com/gpu': '8' }),
    queues: [root, queue('q8', 'root', r('4', '4Gi', { 'nvidia.com/gpu': '8' })), queue('q81', 'q8', r('2', '2Gi', { 'nvidia.com/gpu': '4' })), queue('q82', 'q8', r('2', '2Gi', { 'nvidia.com/gpu': '4' }))],
    inqueue: [{ name: 'p12', queue: 'q81', requests: r('2', '2Gi', { 'nvidia.com/gpu': '1' }) }], started: ['p12'],
  },
  {
    name: 'case11: If the capability scalar resources is not specified, the value should be inherited from parent queue', total: r('8', '8Gi', { 'nvidia.com/gpu': '8' }),
    queues: [root, queue('case11_queue1', 'root'), queue('case11_queue11', 'case11_queue1', undefined, r('4', '4Gi', { 'nvidia.com/gpu': '4' })), queue('case11_queue12', 'case11_queue1', undefined, r('4', '4Gi', { 'nvidia.com/gpu': '4' }))],
    inqueue: [{ name: 'p14', queue: 'case11_queue11', requests: r('1', '1Gi', { 'nvidia.com/gpu': '4' }) }, { name: 'p15', queue: 'case11_queue12', requests: r('1', '1Gi', { 'nvidia.com/gpu': '4' }) }],
    started: ['p14', 'p15'],
  },
  {
    name: 'case12: Can reclaim from other queues when allocated <= deserved on a single scalar dimension', total: r('16', '16Gi', { 'nvidia.com/a100': '5', 'rdma/hca': '1001' }),
    queues: [
      { name: 'root', deserved: r('16', '16Gi', { 'nvidia.com/a100': '4', rdma: '1000' }) },
      queue('case12_queue1', 'root', { 'nvidia.com/a100': '2' }), queue('case12_queue11', 'case12_queue1', { 'nvidia.com/a100': '2' }), queue('case12_queue12', 'case12_queue1'),
    ],
    running: [
      { name: 'p17', queue: 'case12_queue12', requests: r('1', '1Gi', { 'nvidia.com/a100': '2', 'rdma/hca': '1' }) },
      { name: 'p18', queue: 'case12_queue12', requests: r('1', '1Gi', { 'nvidia.com/a100': '2', 'rdma/hca': '1' }), preemptable: false },
    ],
    inqueue: [{ name: 'p16', queue: 'case12_queue11', requests: r('1', '1Gi', { 'nvidia.com/a100': '2', 'rdma/hca': '1' }) }],
    started: ['p16'], evicted: ['p17'],
  },
];

describe('capacity_test.go Test_capacityPlugin_OnSessionOpenWithHierarchy', () => {
  it.each(cases)('$name', (c) => {
    const outcome = runSession(scheduler('capacity-hierarchy', c.total, c.queues, { enqueue: true, reclaim: true }), c);
    expect(outcome.started).toEqual(c.started);
    expect(outcome.evicted).toEqual(c.evicted ?? []);
  });

  it('case6: podgroup can\'t be enqueued when any ancestor queue\'s capability is not enough', () => {
    const queues = [root, queue('q6', 'root', undefined, r('2', '4Gi')), queue('q61', 'q6'), queue('q62', 'q6')];
    const outcome = runSession(scheduler('capacity-hierarchy', r('8', '8Gi'), queues, { enqueue: true }), {
      pending: [{ name: 'pg10', queue: 'q61', requests: r('2', '4Gi') }, { name: 'pg11', queue: 'q62', requests: r('2', '4Gi') }],
    });
    expect(outcome.enqueued).toEqual(['pg10']);
    expect(outcome.jobs.get('pg11')!.phase).toBe('pending');
  });
});
