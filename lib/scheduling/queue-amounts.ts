import { ResolvedQueue, ResourceList, SharingPolicy } from '../config/model';

/** The amounts a queue is rendered with, and therefore held to. */
export interface QueueAmounts {
  /** The most the queue may use; zero for every listed resource of a disabled queue. */
  readonly capability: ResourceList;
  /** The deserved share written to the Queue: see {@link effectiveQueueAmounts}. */
  readonly deserved?: ResourceList;
  /** The guarantee; absent for a disabled queue and for an empty guarantee. */
  readonly guarantee?: ResourceList;
}

/**
 * What a queue's spec carries. `deserved` is the queue's share under `capacity`; under `proportion` the
 * scheduler ignores it, but Volcano's queue webhook requires `deserved >= guarantee`, so it equals the
 * guarantee there.
 *
 * A disabled queue gets zero capability (and zero deserved) for every resource it lists and no guarantee,
 * so nothing can be enqueued to it while it stays defined (Volcano has no open/closed field).
 */
export function effectiveQueueAmounts(queue: ResolvedQueue, sharingPolicy: SharingPolicy): QueueAmounts {
  const guarantee = queue.enabled ? nonEmpty(queue.guarantee) : undefined;
  const deserved = sharingPolicy === 'capacity' ? queue.deserved : guarantee;
  if (queue.enabled) return { capability: queue.capability, deserved, guarantee };
  return { capability: zero(queue.capability), deserved: deserved && zero(deserved) };
}

function zero(list: ResourceList): ResourceList {
  return Object.fromEntries(Object.keys(list).map((name) => [name, '0']));
}

function nonEmpty(list: ResourceList | undefined): ResourceList | undefined {
  return list && Object.keys(list).length > 0 ? list : undefined;
}
