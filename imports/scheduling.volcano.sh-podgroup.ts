// Typed L1 binding for the Volcano `scheduling.volcano.sh/v1beta1` PodGroup, in the shape `cdk8s import`
// produces. Written for this project from the field list of the Volcano v1.15.1 CRD. Kept beside the
// Queue binding of the same API group so that file stays as it is.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** `spec` of a PodGroup. */
export interface PodGroupSpec {
  /** Gang size: pods that must be schedulable together. */
  readonly minMember?: number;
  /** Volcano Queue; `default` when empty. */
  readonly queue?: string;
  /** PriorityClass of the group. */
  readonly priorityClassName?: string;
  /** Resources the whole gang needs; used to decide when the group may be enqueued. */
  readonly minResources?: { [resource: string]: string };
}

/** Props of a PodGroup. */
export interface PodGroupProps {
  /** Object metadata. */
  readonly metadata?: ApiObjectMetadata;
  /** The PodGroup's spec. */
  readonly spec: PodGroupSpec;
}

/** A Volcano PodGroup (namespaced): pods that are scheduled as one gang. */
export class PodGroup extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'scheduling.volcano.sh/v1beta1',
    kind: 'PodGroup',
  };

  public constructor(scope: Construct, id: string, props: PodGroupProps) {
    super(scope, id, { ...PodGroup.GVK, ...props });
  }

  public override toJson(): any {
    return JSON.parse(JSON.stringify(super.toJson()));
  }
}
