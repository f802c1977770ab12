import { Construct } from 'constructs';
import { Queue, QueueResourceQuantity, QueueSpec } from '../../imports/scheduling.volcano.sh';
import { ResolvedQueue, ResourceList, SharingPolicy } from '../config/model';
import { ANNOTATIONS } from '../labels';
import { quantities } from '../util';
import { effectiveQueueAmounts } from './queue-amounts';

/** Props of {@link VolcanoQueues}. */
export interface VolcanoQueuesProps {
  /** The environment's queues, rendered in this order. */
  readonly queues: readonly ResolvedQueue[];
  /** The environment's sharing policy; decides whether `deserved` carries meaning. */
  readonly sharingPolicy: SharingPolicy;
}

/**
 * Volcano Queues, each declared in full so Volcano's webhook and controller have nothing to fill in, and
 * each parent before its children: Volcano's `/queues/validate` refuses a queue whose parent does not exist
 * yet (pkg/webhooks/admission/queues/validate/validate_queue.go), and `kubectl apply` and Flux create them in
 * the order of the file.
 */
export class VolcanoQueues extends Construct {
  constructor(scope: Construct, id: string, props: VolcanoQueuesProps) {
    super(scope, id);
    for (const queue of parentsFirst(props.queues)) {
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
 * The queues with every parent before its children, otherwise in the order given (a depth-first walk that
 * places a queue's missing ancestors right before it). Total: an unknown parent leaves the queue where it
 * is, and a cycle (both reported by validation) ends the walk without placing a queue twice.
 */
export function parentsFirst<Q extends { readonly name: string; readonly parent?: string }>(queues: readonly Q[]): Q[] {
  const byName = new Map(queues.map((q) => [q.name, q] as const));
  const placed = new Set<Q>();
  const ordered: Q[] = [];
  const place = (queue: Q, path: Set<Q>) => {
    if (placed.has(queue) || path.has(queue)) return;
    const parent = queue.parent === undefined ? undefined : byName.get(queue.parent);
    if (parent) place(parent, new Set([...path, queue]));
    placed.add(queue);
    ordered.push(queue);
  };
  for (const queue of queues) place(queue, new Set());
  return ordered;
}

/**
 * The Queue spec for a resolved queue. Every field Volcano would otherwise default is explicit:
 * `weight` and `reclaimable` (set by the webhook), `parent` (set to `root` by the controller),
 * `dequeueStrategy` (a CRD default), and a capability for every resource of the cluster. The amounts
 * (and what a disabled queue gets) come from {@link effectiveQueueAmounts}.
 */
export function queueSpec(queue: ResolvedQueue, sharingPolicy: SharingPolicy): QueueSpec {
  const { capability, deserved, guarantee } = effectiveQueueAmounts(queue, sharingPolicy);
  return {
    parent: queue.parent ?? 'root',
    weight: queue.weight,
    priority: queue.priority,
    reclaimable: queue.reclaimable,
    capability: queueQuantities(capability),
    deserved: queueQuantities(deserved),
    guarantee: guarantee && { resource: queueQuantities(guarantee) },
    // The CRD's default, written out so the stored object equals the manifest (no Volcano code reads it).
    dequeueStrategy: 'traverse',
  };
}

function queueQuantities(list: ResourceList | undefined): Record<string, QueueResourceQuantity> | undefined {
  return list && quantities(list, QueueResourceQuantity.fromString);
}
