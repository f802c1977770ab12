import { Construct } from 'constructs';
import { Queue, QueueResourceQuantity, QueueSpec } from '../../imports/scheduling.volcano.sh';
import { ResolvedQueue, ResourceList, SharingPolicy } from '../config/model';
import { ANNOTATIONS } from '../labels';

/** Props of {@link VolcanoQueues}. */
export interface VolcanoQueuesProps {
  /** The environment's queues, rendered in this order. */
  readonly queues: readonly ResolvedQueue[];
  /** The environment's sharing policy; decides whether `deserved` carries meaning. */
  readonly sharingPolicy: SharingPolicy;
}

/** Volcano Queues, each declared in full so Volcano's webhook and controller have nothing to fill in. */
export class VolcanoQueues extends Construct {
  constructor(scope: Construct, id: string, props: VolcanoQueuesProps) {
    super(scope, id);
    for (const queue of props.queues) {
      new Queue(this, queue.name, {
        metadata: {
          name: queue.name,
          annotations: {
            [ANNOTATIONS.description]: queue.description,
            [ANNOTATIONS.queueEnabled]: String(queue.enabled),
          },
        },
        spec: queueSpec(queue, props.sharingPolicy),
      });
    }
  }
}

/**
 * The Queue spec for a resolved queue. Every field Volcano would otherwise default is explicit:
 * `weight` and `reclaimable` (set by the webhook), `parent` (set to `root` by the controller),
 * `dequeueStrategy` (a CRD default), and a capability for every resource of the cluster.
 *
 * `deserved` is written under `capacity`, where it is the queue's share. Under `proportion` it is
 * ignored by the scheduler, but Volcano's queue webhook still requires `deserved >= guarantee` for every
 * guaranteed resource, so it is written equal to the guarantee there.
 *
 * A disabled queue gets zero capability (and zero deserved) for every resource and no guarantee, so
 * nothing can be enqueued to it while it stays defined.
 */
export function queueSpec(queue: ResolvedQueue, sharingPolicy: SharingPolicy): QueueSpec {
  const zero = (list: ResourceList | undefined) => list && Object.fromEntries(Object.keys(list).map((k) => [k, '0']));
  const guarantee = queue.enabled ? nonEmpty(queue.guarantee) : undefined;
  const deserved = sharingPolicy === 'capacity' ? queue.deserved : guarantee;
  return {
    parent: queue.parent ?? 'root',
    weight: queue.weight,
    priority: queue.priority,
    reclaimable: queue.reclaimable,
    capability: quantities(queue.enabled ? queue.capability : zero(queue.capability)),
    deserved: quantities(queue.enabled ? deserved : zero(deserved)),
    guarantee: guarantee && { resource: quantities(guarantee) },
    // The CRD's default, written out so the stored object equals the manifest (no Volcano code reads it).
    dequeueStrategy: 'traverse',
  };
}

function nonEmpty(list: ResourceList | undefined): ResourceList | undefined {
  return list && Object.keys(list).length > 0 ? list : undefined;
}

function quantities(list: ResourceList | undefined): Record<string, QueueResourceQuantity> | undefined {
  if (list === undefined) return undefined;
  return Object.fromEntries(Object.keys(list).sort().map((k) => [k, QueueResourceQuantity.fromString(String(list[k]))]));
}
