import { JobSpec, QueueSpec, runSession, scheduler } from './harness';

// Volcano v1.15.1's plugin and action tests, re-expressed as one queue-level session each: the same
// queues, pods and PodGroups (nodes summed into the cluster) and the same expected binds and evictions.
// A pod of a PodGroup with minMember 1 is its own job here.

const r = (cpu: string, memory: string, extra: Record<string, string> = {}) => ({ cpu, memory, ...extra });
type Case = {
  name: string; queues: QueueSpec[]; total: Record<string, string>;
  running?: JobSpec[]; inqueue?: JobSpec[]; pending?: JobSpec[];
  started: string[]; evicted: string[];
};

describe('capacity_test.go Test_capacityPlugin_OnSessionOpenWithoutHierarchy (allocate, reclaim)', () => {
  const cases: Case[] = [
    {
      name: 'case0: Pod allocatable when queue has not exceed capability',
      total: r('4', '8Gi'), queues: [{ name: 'q1', capability: r('2', '2Gi') }],
      running: [{ name: 'p1', queue: 'q1', requests: r('1', '1Gi') }], inqueue: [{ name: 'p2', queue: 'q1', requests: r('1', '1Gi') }],
      started: ['p2'], evicted: [],
    },
    {
      name: 'case1: Pod not allocatable when queue exceed queue capability',
      total: r('4', '8Gi'), queues: [{ name: 'q2', capability: r('1.5', '1.5Gi') }],
      running: [{ name: 'p3', queue: 'q2', requests: r('1', '1Gi') }], inqueue: [{ name: 'p4', queue: 'q2', requests: r('1', '1Gi') }],
      started: [], evicted: [],
    },
    {
      name: 'case2: Can reclaim from other queues when allocated < deserved',
      total: r('4', '8Gi'), queues: [{ name: 'q3', deserved: r('2', '4Gi') }, { name: 'q4', deserved: r('2', '4Gi') }],
      running: [{ name: 'p5', queue: 'q3', requests: r('2', '4Gi'), preemptable: false }, { name: 'p6', queue: 'q3', requests: r('2', '4Gi') }],
      inqueue: [{ name: 'p7', queue: 'q4', requests: r('2', '4Gi') }],
      started: ['p7'], evicted: ['p6'],
    },
    {
      name: 'case3: CPU & Memory are overused, scalar resource is not overused, but candidate pod has not request CPU & Memory, reclaim should happen',
      total: r('4', '8Gi', { 'nvidia.com/A100': '20' }),
      queues: [{ name: 'q5', deserved: r('2', '4Gi', { 'nvidia.com/A100': '10' }) }, { name: 'q6', deserved: r('2', '4Gi', { 'nvidia.com/A100': '10' }) }],
      running: [
        { name: 'p8', queue: 'q5', requests: r('0', '0Gi', { 'nvidia.com/A100': '10' }), preemptable: false },
        { name: 'p9', queue: 'q5', requests: r('0', '0Gi', { 'nvidia.com/A100': '10' }) },
        { name: 'p10', queue: 'q6', requests: r('2', '4Gi') },
        { name: 'p11', queue: 'q6', requests: r('2', '4Gi') },
      ],
      inqueue: [{ name: 'p12', queue: 'q6', requests: r('0', '0Gi', { 'nvidia.com/A100': '10' }) }],
      started: ['p12'], evicted: ['p9'],
    },
    {
      name: 'case4: Pods are assigned according to the order of Queue Priority in which PGs are placed',
      total: r('4', '8Gi'),
      queues: [{ name: 'q7', priority: 5, capability: r('2', '4Gi') }, { name: 'q8', priority: 1, capability: r('2', '4Gi') }, { name: 'q9', priority: 10, capability: r('2', '4Gi') }],
      running: [{ name: 'p13', queue: 'q7', requests: r('2', '4Gi') }],
      inqueue: [{ name: 'p14', queue: 'q8', requests: r('2', '4Gi') }, { name: 'p15', queue: 'q9', requests: r('2', '4Gi') }],
      started: ['p15'], evicted: [],
    },
    {
      name: 'case5: Can reclaim from other queues when allocated + req <= deserved on one dimension',
      total: r('2', '4Gi'), queues: [{ name: 'q10', deserved: r('2', '2Gi'), capability: r('4', '4Gi') }, { name: 'q11', deserved: r('0', '0Gi'), capability: r('2', '2Gi') }],
      running: [{ name: 'p16', queue: 'q10', requests: r('1', '3Gi') }, { name: 'p18', queue: 'q11', requests: r('1', '1Gi') }],
      inqueue: [{ name: 'p17', queue: 'q10', requests: r('1', '1Gi') }],
      started: ['p17'], evicted: ['p18'],
    },
    {
      name: 'case6: Can not reclaim from other queues when allocated + req > deserved',
      total: r('2', '4Gi'), queues: [{ name: 'q12', deserved: r('1', '2Gi'), capability: r('4', '4Gi') }, { name: 'q13', deserved: r('0', '0Gi'), capability: r('2', '2Gi') }],
      running: [{ name: 'p19', queue: 'q12', requests: r('1', '1Gi') }, { name: 'p21', queue: 'q13', requests: r('1', '1Gi') }],
      inqueue: [{ name: 'p20', queue: 'q12', requests: r('1', '2Gi') }],
      started: [], evicted: [],
    },
    {
      name: 'case7: allocated does not contain scalar dimension (GPU), deserved does; should not reclaim',
      total: r('4', '8Gi', { 'nvidia.com/gpu': '4' }),
      queues: [{ name: 'queue14', deserved: r('2', '4Gi', { 'nvidia.com/gpu': '2' }) }, { name: 'queue15' }, { name: 'queue16', deserved: r('2', '4Gi', { 'nvidia.com/gpu': '2' }) }],
      running: [
        { name: 'p22', queue: 'queue14', requests: r('2', '4Gi') },
        { name: 'p23', queue: 'queue15', requests: r('0', '0Gi', { 'nvidia.com/gpu': '1' }) },
        { name: 'p24', queue: 'queue16', requests: r('2', '1Gi', { 'nvidia.com/gpu': '1' }) },
      ],
      inqueue: [{ name: 'p25', queue: 'queue16', requests: r('2', '3Gi', { 'nvidia.com/gpu': '1' }) }],
      started: [], evicted: [],
    },
    {
      name: 'case8: reclaimer dimensions are considered properly while evicting reclaimees',
      total: r('4', '8Gi', { 'nvidia.com/gpu': '1' }),
      queues: [{ name: 'queue17', deserved: r('2', '2Gi') }, { name: 'queue18', deserved: r('2', '4Gi', { 'nvidia.com/gpu': '1' }) }],
      running: [
        { name: 'p26', queue: 'queue17', requests: r('0', '4Gi') },
        { name: 'p27', queue: 'queue17', requests: r('1', '0Gi') },
        { name: 'p28', queue: 'queue17', requests: r('0', '0Gi', { 'nvidia.com/gpu': '1' }) },
        { name: 'p29', queue: 'queue18', requests: r('2', '4Gi') },
      ],
      inqueue: [{ name: 'p30', queue: 'queue18', requests: r('1', '0Gi', { 'nvidia.com/gpu': '1' }) }],
      started: ['p30'], evicted: ['p28'],
    },
    {
      name: 'case9: reclaimee has intersecting scalar dimensions with deserved shouldn\'t be reclaimed on cpu/memory',
      total: r('4', '8Gi', { 'nvidia.com/gpu': '1' }),
      queues: [{ name: 'queue19', deserved: { 'nvidia.com/gpu': '1' } }, { name: 'queue20', deserved: r('2', '2Gi') }],
      running: [{ name: 'p31', queue: 'queue19', requests: r('4', '4Gi', { 'nvidia.com/gpu': '1' }) }],
      inqueue: [{ name: 'p32', queue: 'queue20', requests: r('1', '1Gi') }],
      started: [], evicted: [],
    },
    {
      name: 'case10: PreemptiveFn respects capability — no reclaim when futureUsed would exceed capability',
      total: r('16', '200Gi'), queues: [{ name: 'queue21', deserved: r('8', '100Gi'), capability: r('8', '100Gi') }, { name: 'queue22', capability: r('2', '5Gi') }],
      running: [{ name: 'p33', queue: 'queue21', requests: r('7', '90Gi') }, { name: 'p35', queue: 'queue22', requests: r('2', '5Gi') }],
      inqueue: [{ name: 'p34', queue: 'queue21', requests: r('2', '5Gi') }],
      started: [], evicted: [],
    },
  ];
  it.each(cases)('$name', (c) => {
    const outcome = runSession(scheduler('capacity', c.total, c.queues, { reclaim: true }), c);
    expect(outcome.started).toEqual(c.started);
    expect(outcome.evicted).toEqual(c.evicted);
  });
});

describe('proportion_test.go TestEnqueueAndAllocable (enqueue, allocate)', () => {
  // Two nodes of 2 cpu / 2G; q1 capability 2/2G runs 1c2g, q2 capability 3/3G runs 2c1g.
  const queues: QueueSpec[] = [{ name: 'q1', capability: r('2', '2G') }, { name: 'q2', capability: r('3', '3G') }];
  const running: JobSpec[] = [{ name: 'p1', queue: 'q1', requests: r('1', '2G') }, { name: 'p2', queue: 'q2', requests: r('2', '1G') }];
  it.each([
    { name: 'case0: memory exceed derserved, job only request cpu can be enqueued and allocated', job: { name: 'p3', queue: 'q1', requests: r('1', '0G') }, enqueue: true, started: ['p3'] },
    { name: 'case1: cpu exceed derserved, job only request memory can be enqueued and allocated', job: { name: 'p4', queue: 'q2', requests: r('0', '1G') }, enqueue: true, started: ['p4'] },
    { name: 'case2: exceed capacity, can not enqueue', job: { name: 'p5', queue: 'q1', requests: r('1', '1G') }, enqueue: true, started: [] },
    { name: 'case3: exceed deserved, can not allocate', job: { name: 'p5', queue: 'q1', requests: r('1', '1G') }, enqueue: false, started: [] },
  ])('$name', ({ job, enqueue, started }) => {
    const outcome = runSession(scheduler('proportion', r('4', '4G'), queues, { enqueue }), { running, pending: [job] });
    expect(outcome.started).toEqual(started);
    if (enqueue && started.length === 0) expect(outcome.jobs.get(job.name)!.phase).toBe('pending');
  });

  it('inqueue resources are not counted twice once a job\'s tasks are allocated (TestProportionInqueueDoubleCounting)', () => {
    const s = scheduler('proportion', r('4', '8Gi'), [{ name: 'q1', capability: r('4', '8Gi') }], { enqueue: true });
    // Cycle 1: jobA, 3 tasks of 1 cpu, already Inqueue, is placed.
    expect(runSession(s, { inqueue: [{ name: 'jobA', queue: 'q1', requests: r('1', '1Gi'), pods: 3 }] }).started).toEqual(['jobA']);
    // Cycle 2: jobB (1 cpu) fits the 4 cpu capability beside jobA's 3: enqueued and placed.
    const cycle2 = runSession(s, { pending: [{ name: 'jobB', queue: 'q1', requests: r('1', '1Gi') }] });
    expect(cycle2.enqueued).toEqual(['jobB']);
    expect(cycle2.started).toEqual(['jobB']);
  });

  it('Pods are assigned according to the order of Queue Priority (TestAllocate case0: only the queue order enabled)', () => {
    const queueOrderOnly = { allocatable: false, overused: false, enqueueable: false, reclaimable: false, preemptive: false };
    const outcome = runSession(
      scheduler('proportion', r('4', '8Gi'), [
        { name: 'q1', priority: 5, capability: r('2', '4Gi') }, { name: 'q2', priority: 1, capability: r('2', '4Gi') }, { name: 'q3', priority: 10, capability: r('2', '4Gi') },
      ], { reclaim: true, switches: queueOrderOnly }),
      { running: [{ name: 'p1', queue: 'q1', requests: r('2', '4Gi') }], inqueue: [{ name: 'p2', queue: 'q2', requests: r('2', '4Gi') }, { name: 'p3', queue: 'q3', requests: r('2', '4Gi') }] },
    );
    expect(outcome.started).toEqual(['p3']);
    expect(outcome.evicted).toEqual([]);
  });
});

describe('reclaim_test.go TestReclaim (proportion)', () => {
  const priorityClasses = { 'low-priority': { value: 100 }, 'mid-priority': { value: 500 }, 'high-priority': { value: 1000 } };
  const pod = (name: string, queue: string, priorityClass: string, preemptable = true): JobSpec => ({ name, queue, requests: r('1', '1G'), priorityClass, preemptable });
  it.each([
    {
      name: 'Two Queue with one Queue overusing resource, should reclaim',
      total: r('3', '3Gi'), queues: [{ name: 'q1' }, { name: 'q2' }],
      running: [pod('preemptee1', 'q1', 'low-priority', false), pod('preemptee2', 'q1', 'low-priority'), pod('preemptee3', 'q1', 'low-priority', false)],
      inqueue: [pod('preemptor1', 'q2', 'high-priority')],
      evicted: ['preemptee2'],
    },
    {
      name: 'sort reclaimees when reclaiming from overusing queue',
      total: r('4', '4Gi'), queues: [{ name: 'q1' }, { name: 'q2' }, { name: 'q3' }],
      running: [pod('preemptee1-1', 'q1', 'mid-priority'), pod('preemptee1-2', 'q1', 'mid-priority'), pod('preemptee2-1', 'q2', 'low-priority'), pod('preemptee2-2', 'q2', 'low-priority', false)],
      inqueue: [pod('preemptor1', 'q3', 'high-priority')],
      evicted: ['preemptee2-1'],
    },
    {
      name: 'sort reclaimees when reclaiming from overusing queues with different queue priority',
      total: r('4', '4Gi'), queues: [{ name: 'q1', priority: 5 }, { name: 'q2', priority: 10 }, { name: 'q3', priority: 1 }],
      running: [pod('preemptee1-1', 'q1', 'mid-priority'), pod('preemptee1-2', 'q1', 'mid-priority', false), pod('preemptee2-1', 'q2', 'mid-priority'), pod('preemptee2-2', 'q2', 'mid-priority', false)],
      inqueue: [pod('preemptor1', 'q3', 'mid-priority')],
      evicted: ['preemptee1-1'],
    },
  ])('$name', (c) => {
    const outcome = runSession(scheduler('proportion', c.total, c.queues, { reclaim: true, priorityClasses }), c);
    expect(outcome.evicted).toEqual(c.evicted);
    expect(outcome.started).toEqual(['preemptor1']);
  });

  it('can not reclaim resources when task preemption policy is never', () => {
    const outcome = runSession(
      scheduler('proportion', r('1', '1Gi'), [{ name: 'q1', weight: 5 }, { name: 'q2', weight: 10 }], { reclaim: true, priorityClasses: { 'low-priority': { value: 100 }, 'high-priority': { value: 1000, never: true } } }),
      { running: [pod('preemptee1', 'q1', 'low-priority')], inqueue: [pod('preemptor1', 'q2', 'high-priority')] },
    );
    expect(outcome.evicted).toEqual([]);
    expect(outcome.started).toEqual([]);
  });
});

describe('enqueue_test.go TestEnqueue (proportion)', () => {
  const queues: QueueSpec[] = [{ name: 'c1', capability: r('4', '4G') }, { name: 'c2', capability: r('4', '4G') }];
  it('when podgroup status is pending: both PodGroups are admitted', () => {
    const outcome = runSession(scheduler('proportion', r('8', '8G'), queues, { enqueue: true }), {
      pending: [{ name: 'pg1', queue: 'c1', requests: r('3', '1G') }, { name: 'pg2', queue: 'c2', requests: r('1', '1G') }],
    });
    expect([...outcome.enqueued].sort()).toEqual(['pg1', 'pg2']);
  });

  it('pggroup cannot enqueue because queue resources are less than podgroup MinResources', () => {
    const outcome = runSession(scheduler('proportion', r('8', '8G'), [{ name: 'c1', capability: r('1', '1G') }], { enqueue: true }), {
      pending: [{ name: 'pg1', queue: 'c1', requests: r('8', '8G') }],
    });
    expect(outcome.enqueued).toEqual([]);
    expect(outcome.jobs.get('pg1')!.phase).toBe('pending');
  });
});
