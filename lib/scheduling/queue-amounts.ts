import { ResolvedQueue, ResourceList, SharingPolicy } from '../config/model';

/** The amounts a queue is rendered with, and therefore held to. */
export interface QueueAmounts {
  /** The most the queue may use; for a disabled queue, {@link CLOSED_CAPABILITY} for every listed resource. */
  readonly capability: ResourceList;
  /** The deserved share written to the Queue: see {@link effectiveQueueAmounts}. */
  readonly deserved?: ResourceList;
  /** The guarantee; absent for a disabled queue and for an empty guarantee. */
  readonly guarantee?: ResourceList;
}

/**
 * The capability that closes a disabled queue: the smallest amount Volcano v1.15.1 does not read as
 * "unlimited" in each resource. The proportion and capacity plugins replace a cpu or memory capability of
 * zero with the largest number (pkg/scheduler/plugins/proportion/proportion.go OnSessionOpen,
 * pkg/scheduler/plugins/capacity/capacity.go buildQueueAttrs; with hierarchy, checkHierarchicalQueue gives
 * it the parent's), so cpu and memory get one millicore and one byte, the smallest quantities their
 * `MilliValue`/`Value` keep. Any other resource is read as written, zero included, and the queue webhook
 * requires whole numbers for extended resources (ValidateResourceQuantityValue), so it gets zero.
 */
export const CLOSED_CAPABILITY: Readonly<Record<string, string>> = { cpu: '1m', memory: '1' };

/** The amount of `resource` in {@link CLOSED_CAPABILITY}: zero for everything but cpu and memory. */
function closedAmount(resource: string): string {
  return CLOSED_CAPABILITY[resource] ?? '0';
}

/**
 * What a queue's spec carries. `deserved` is the queue's share under `capacity`; under `proportion` the
 * scheduler ignores it, but Volcano's queue webhook requires `deserved >= guarantee`, so it equals the
 * guarantee there.
 *
 * A disabled queue gets {@link CLOSED_CAPABILITY} for every resource it lists (cpu and memory always),
 * zero deserved and no guarantee: both plugins then hold it to a real capability no task asking for more
 * than 1m cpu, 1 byte of memory or any other resource fits, at enqueue and at allocate. Volcano's
 * open/closed state is status written by its controller from one-shot Commands, nothing a manifest can
 * declare, so the capability is what closes the queue. The webhook accepts it: deserved (zero) stays
 * within it, and there is no guarantee.
 */
export function effectiveQueueAmounts(queue: ResolvedQueue, sharingPolicy: SharingPolicy): QueueAmounts {
  const guarantee = queue.enabled ? nonEmpty(queue.guarantee) : undefined;
  const deserved = sharingPolicy === 'capacity' ? queue.deserved : guarantee;
  if (queue.enabled) return { capability: queue.capability, deserved, guarantee };
  return { capability: closed(queue.capability), deserved: deserved && zero(deserved) };
}

function closed(list: ResourceList): ResourceList {
  const names = [...new Set([...Object.keys(list), ...Object.keys(CLOSED_CAPABILITY)])];
  return Object.fromEntries(names.map((name) => [name, closedAmount(name)]));
}

function zero(list: ResourceList): ResourceList {
  return Object.fromEntries(Object.keys(list).map((name) => [name, '0']));
}

function nonEmpty(list: ResourceList | undefined): ResourceList | undefined {
  return list && Object.keys(list).length > 0 ? list : undefined;
}
