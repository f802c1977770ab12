// Typed L1 bindings for the Volcano `scheduling.volcano.sh/v1beta1` resources this project emits,
// in the shape `cdk8s import` produces. Written for this project from the field list of the Volcano
// v1.15.1 CRDs; only the fields are shared with upstream.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** A resource quantity in a Queue's resource lists (int-or-string in the CRD). */
export class QueueResourceQuantity {
  public static fromString(value: string): QueueResourceQuantity {
    return new QueueResourceQuantity(value);
  }
  public static fromNumber(value: number): QueueResourceQuantity {
    return new QueueResourceQuantity(value);
  }
  private constructor(public readonly value: string | number) {}
}

/** Node-group affinity of a queue; read only by Volcano's `nodegroup` plugin. */
export interface QueueSpecAffinityTerms {
  /** Node groups the queue's pods must run in. */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: string[];
  /** Node groups the queue's pods prefer. */
  readonly preferredDuringSchedulingIgnoredDuringExecution?: string[];
}

/** `spec.affinity` of a Queue. */
export interface QueueSpecAffinity {
  /** Node groups to run in. */
  readonly nodeGroupAffinity?: QueueSpecAffinityTerms;
  /** Node groups to stay out of. */
  readonly nodeGroupAntiAffinity?: QueueSpecAffinityTerms;
}

/** `spec.guarantee` of a Queue: resources reserved for it. */
export interface QueueSpecGuarantee {
  /** Reserved amount per resource. */
  readonly resource?: { [resource: string]: QueueResourceQuantity };
}

/** `spec` of a Volcano Queue. */
export interface QueueSpec {
  /** Share weight for the proportion plugin (1 to 65535). */
  readonly weight?: number;
  /** Hard upper limit per resource. */
  readonly capability?: { [resource: string]: QueueResourceQuantity };
  /** Fair share per resource, used by the capacity plugin. */
  readonly deserved?: { [resource: string]: QueueResourceQuantity };
  /** Reserved resources. */
  readonly guarantee?: QueueSpecGuarantee;
  /** Whether other queues may reclaim what this queue borrowed. */
  readonly reclaimable?: boolean;
  /** Parent queue (hierarchical capacity); `root` for top-level queues. */
  readonly parent?: string;
  /** Queue order; higher first. */
  readonly priority?: number;
  /** Node-group affinity. */
  readonly affinity?: QueueSpecAffinity;
  /** `fifo` or `traverse`. */
  readonly dequeueStrategy?: 'fifo' | 'traverse';
  /** Free-form queue type. */
  readonly type?: string;
}

/** Props of a Volcano Queue. */
export interface QueueProps {
  /** Object metadata (the name is the queue name). */
  readonly metadata?: ApiObjectMetadata;
  /** The queue's spec. */
  readonly spec?: QueueSpec;
}

/** A Volcano Queue (cluster-scoped). */
export class Queue extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'scheduling.volcano.sh/v1beta1',
    kind: 'Queue',
  };

  /** Renders a Queue manifest without a construct scope. */
  public static manifest(props: QueueProps = {}): any {
    return { ...Queue.GVK, ...toJson_QueueProps(props) };
  }

  public constructor(scope: Construct, id: string, props: QueueProps = {}) {
    super(scope, id, { ...Queue.GVK, ...props });
  }

  public override toJson(): any {
    const resolved = super.toJson();
    return { ...Queue.GVK, ...toJson_QueueProps(resolved) };
  }
}

function toJson_QuantityMap(map: { [resource: string]: QueueResourceQuantity } | undefined): Record<string, string | number> | undefined {
  if (map === undefined) return undefined;
  // After ApiObject resolution a quantity is a plain `{ value }` object, as in generated bindings.
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, (v as QueueResourceQuantity)?.value]));
}

/** Converts QueueProps to the JSON the API server expects. */
export function toJson_QueueProps(obj: QueueProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) return undefined;
  const spec = obj.spec;
  const result = {
    metadata: obj.metadata,
    spec: spec === undefined ? undefined : {
      parent: spec.parent,
      weight: spec.weight,
      priority: spec.priority,
      reclaimable: spec.reclaimable,
      capability: toJson_QuantityMap(spec.capability),
      deserved: toJson_QuantityMap(spec.deserved),
      guarantee: spec.guarantee === undefined ? undefined : { resource: toJson_QuantityMap(spec.guarantee.resource) },
      affinity: spec.affinity,
      dequeueStrategy: spec.dequeueStrategy,
      type: spec.type,
    },
  };
  // Drop undefined fields, as the generated bindings do.
  return JSON.parse(JSON.stringify(result));
}
