import { ResourceList } from '../../lib/config';
import { capacityShares, hierarchicalCapacityShares } from '../../lib/sharing/capacity';
import { SharingMode } from '../../lib/sharing/environment';
import { toAmounts, scale } from '../../lib/sharing/resources';
import { SimulatedJob } from '../../lib/simulation/jobs';
import { QueueLevelScheduler, SessionResult } from '../../lib/simulation/session';
import { SharingSwitches, SimulationSetup } from '../../lib/simulation/setup';
import { JobState } from '../../lib/simulation/state';

/**
 * One scheduling session over a hand-made cluster, the way Volcano's own plugin and action tests set one up:
 * queues with their spec, running pods, Inqueue and Pending PodGroups. Nodes are summed into the cluster.
 */

/** A queue's spec as Volcano's test helpers build it. */
export interface QueueSpec {
  readonly name: string;
  readonly weight?: number;
  readonly priority?: number;
  readonly reclaimable?: boolean;
  readonly parent?: string;
  readonly deserved?: ResourceList;
  readonly guarantee?: ResourceList;
  readonly capability?: ResourceList;
}

/** A job (PodGroup) in the test: its queue, each pod's requests, gang size and priority class. */
export interface JobSpec {
  readonly name: string;
  readonly queue: string;
  readonly requests: ResourceList;
  readonly pods?: number;
  readonly priorityClass?: string;
  /** `volcano.sh/preemptable` of its pods; default true. */
  readonly preemptable?: boolean;
}

/** Scheduler configuration of the test: which actions run, overcommit and priority classes. */
export interface SessionOptions {
  readonly enqueue?: boolean;
  readonly reclaim?: boolean;
  readonly preempt?: boolean;
  readonly overcommitFactor?: number;
  readonly priorityClasses?: Readonly<Record<string, { value: number; never?: boolean }>>;
  /** The sharing plugin's switches; default all on. */
  readonly switches?: Partial<SharingSwitches>;
}

const opt = (list: ResourceList | undefined) => (list === undefined ? undefined : toAmounts(list));

/** A cluster of `queues` under a sharing plugin; with hierarchy, a queue named `root` gives the root's capability. */
export function scheduler(mode: SharingMode, total: ResourceList, allQueues: readonly QueueSpec[], options: SessionOptions = {}): QueueLevelScheduler {
  const root = allQueues.find((q) => q.name === 'root');
  const queues = allQueues.filter((q) => q !== root);
  const parents = new Set(queues.map((q) => q.parent).filter((p) => p !== undefined));
  const models = queues.map((q) => ({
    name: q.name, parent: q.parent, weight: q.weight ?? 1, guarantee: opt(q.guarantee), capability: opt(q.capability), deserved: opt(q.deserved), request: toAmounts({}),
  }));
  const totalAmounts = toAmounts(total);
  const shares = mode === 'proportion' ? undefined : mode === 'capacity' ? capacityShares(totalAmounts, models) : hierarchicalCapacityShares(models, Object.keys(totalAmounts), root?.capability && toAmounts(root.capability));
  const byName = new Map(queues.map((q) => [q.name, q]));
  const chain = (name: string) => {
    const names = [name];
    for (let p = byName.get(name)?.parent; mode === 'capacity-hierarchy' && p && p !== 'root'; p = byName.get(p)?.parent) names.push(p);
    return names;
  };
  const setup: SimulationSetup = {
    environment: 'test',
    total: totalAmounts,
    mode,
    queues: queues.map((q, i) => ({ name: q.name, priority: q.priority ?? 0, reclaimable: q.reclaimable ?? true, accepting: !parents.has(q.name), chain: chain(q.name), model: models[i] })),
    capacity: shares && new Map(shares.map((s) => [s.name, s])),
    enqueue: options.enqueue ?? false,
    reclaim: options.reclaim ?? false,
    preempt: options.preempt ?? false,
    overcommitFactor: options.overcommitFactor,
    sla: false,
    switches: { allocatable: true, overused: true, enqueueable: true, reclaimable: true, preemptive: true, ...options.switches },
    priorityClasses: new Map(Object.entries(options.priorityClasses ?? {}).map(([name, pc]) => [name, { value: pc.value, preempts: !pc.never }])),
  };
  return new QueueLevelScheduler(setup);
}

let ids = 0;

function simulatedJob(spec: JobSpec): SimulatedJob {
  const pods = spec.pods ?? 1;
  return {
    id: ids++,
    workloadClass: {
      name: spec.name, description: spec.name, tenant: 'test', queue: spec.queue, priorityClass: spec.priorityClass ?? 'none',
      arrivalsPerHour: 0, gang: pods, podRequests: spec.requests, runTime: { mean: '1h' },
    },
    arrival: 0,
    pods,
    demand: scale(toAmounts(spec.requests), pods),
    runTime: 3600,
  };
}

/** The session's outcome by job name. */
export interface SessionNames {
  readonly enqueued: string[];
  readonly started: string[];
  readonly evicted: string[];
  readonly jobs: ReadonlyMap<string, JobState>;
}

/** Sets up running, Inqueue and Pending jobs, then runs one session. */
export function runSession(s: QueueLevelScheduler, jobs: { running?: JobSpec[]; inqueue?: JobSpec[]; pending?: JobSpec[] }): SessionNames {
  const states = new Map<string, JobState>();
  const add = (spec: JobSpec) => {
    const state = s.submit(simulatedJob(spec), spec.preemptable ?? true);
    states.set(spec.name, state);
    return state;
  };
  for (const spec of jobs.running ?? []) {
    const state = add(spec);
    s.admit(state);
    s.start(state, 0);
  }
  for (const spec of jobs.inqueue ?? []) s.admit(add(spec));
  for (const spec of jobs.pending ?? []) add(spec);
  const result: SessionResult = s.session(1);
  const name = (j: JobState) => j.job.workloadClass.name;
  return { enqueued: result.enqueued.map(name), started: result.started.map(name), evicted: result.evicted.map((e) => name(e.job)), jobs: states };
}
