import { dominantShare } from '../sharing/proportion';
import { isEmpty } from '../sharing/resources';
import { SimulationSetup } from './setup';
import { JobState, QueueState } from './state';

/**
 * The orders the scheduler serves queues and picks victims in, per sharing plugin (v1.15.1):
 * proportion.go and capacity.go AddQueueOrderFn, capacity.go AddVictimQueueOrderFn, and the session's
 * BuildVictimsPriorityQueue.
 */

/** A queue's share: allocated over deserved at its largest; under capacity, 1 for a queue without deserved (best effort). */
export function shareOf(setup: SimulationSetup, q: QueueState): number {
  if (setup.mode !== 'proportion' && isEmpty(q.deserved)) return 1;
  return dominantShare(q.allocated, q.deserved);
}

/** Recomputes the share of a queue and, with hierarchy, of its ancestors. */
export function updateShares(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>, q: QueueState): void {
  const chain = q.setup.chain;
  // By index: a for-of allocates an iterator until the JIT has optimized the code (see session.ts).
  for (let i = 0; i < chain.length; i++) {
    const state = queues.get(chain[i])!;
    state.share = shareOf(setup, state);
  }
}

/** capacity's compareShareWithDeserved: the lower share first; on a tie, a queue with deserved before a best-effort one. */
function compareShare(a: QueueState, b: QueueState): number {
  if (a.share !== b.share) return a.share < b.share ? -1 : 1;
  const aHas = !isEmpty(a.deserved);
  const bHas = !isEmpty(b.deserved);
  return aHas === bHas ? 0 : aHas ? -1 : 1;
}

/** Ancestors from the top down, then the queue itself. */
function path(q: QueueState): readonly string[] {
  return [...q.setup.chain].reverse();
}

/**
 * The queue order: higher `priority` first; then proportion, the lower share; capacity, the lower share
 * (queues with deserved first on a tie); with hierarchy, the shares of the two queues' ancestors just
 * below the ancestor they have in common.
 */
export function queueComparator(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>): (a: QueueState, b: QueueState) => number {
  return (a, b) => {
    if (a.setup.priority !== b.setup.priority) return b.setup.priority - a.setup.priority;
    if (setup.mode === 'proportion') return a.share - b.share;
    if (setup.mode === 'capacity') return compareShare(a, b);
    const [pa, pb] = [path(a), path(b)];
    let level = 0;
    while (level < pa.length && level < pb.length && pa[level] === pb[level]) level += 1;
    const left = queues.get(pa[Math.min(level, pa.length - 1)])!;
    const right = queues.get(pb[Math.min(level, pb.length - 1)])!;
    return compareShare(left, right);
  };
}

/** Depth of the deepest ancestor two queues share (0: only the root). */
function commonLevel(a: QueueState, b: QueueState): number {
  const [pa, pb] = [path(a), path(b)];
  let level = 0;
  while (level < pa.length && level < pb.length && pa[level] === pb[level]) level += 1;
  return level;
}

/**
 * The order reclaim takes victims in for `reclaimer`: with hierarchy, queues closer to the reclaimer's
 * first; then the queue last in queue order first; within a queue, lower priority and newer jobs first.
 */
export function victimComparator(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>, reclaimer: JobState): (a: JobState, b: JobState) => number {
  const queueOrder = queueComparator(setup, queues);
  return (a, b) => {
    if (a.queue !== b.queue) {
      if (setup.mode === 'capacity-hierarchy') {
        const byLevel = commonLevel(b.queue, reclaimer.queue) - commonLevel(a.queue, reclaimer.queue);
        if (byLevel !== 0) return byLevel;
      }
      const reversed = queueOrder(b.queue, a.queue);
      if (reversed !== 0) return reversed;
    }
    return newestFirst(a, b);
  };
}

/**
 * A copy of `items` sorted by `compare` as Array.prototype.sort sorts (stably), by insertion: a session
 * sorts its two to five queues this way because the built-in sort allocates about a kilobyte of work
 * space at every call. The copy is written into `into` (emptied first) when given, which a caller that
 * sorts at every session keeps.
 */
export function sortedStably<T>(items: readonly T[], compare: (a: T, b: T) => number, into: T[] = []): T[] {
  const sorted = into;
  sorted.length = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    let at = sorted.length;
    sorted.push(item);
    // Only past what it sorts strictly before, so equal items keep their order (asked as the built-in asks).
    for (; at > 0 && compare(item, sorted[at - 1]) < 0; at--) sorted[at] = sorted[at - 1];
    sorted[at] = item;
  }
  return sorted;
}

/** Lower priority first, then the job that started last (then the later submitted). */
export function newestFirst(a: JobState, b: JobState): number {
  return a.priority - b.priority || b.runStart! - a.runStart! || b.job.id - a.job.id;
}
