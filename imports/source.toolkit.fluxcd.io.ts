// Typed L1 bindings for the Flux `source.toolkit.fluxcd.io/v1` HelmRepository, in the shape `cdk8s import`
// produces. Written for this project from the field list of the Flux CRD; only the fields this project
// sets are typed, and only the field names are shared with upstream.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** `spec` of a HelmRepository: where Flux fetches chart indexes from. */
export interface HelmRepositorySpec {
  /** Repository URL (`https://` for an index, `oci://` with `type: oci`). */
  readonly url: string;
  /** How often Flux refreshes the index, a Go duration such as `1h`. */
  readonly interval?: string;
  /** `default` (an HTTP index) or `oci`. */
  readonly type?: 'default' | 'oci';
  /** Timeout of each index fetch, a Go duration. */
  readonly timeout?: string;
  /** Stops reconciliation while true. */
  readonly suspend?: boolean;
}

/** Props of a HelmRepository. */
export interface HelmRepositoryProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: HelmRepositorySpec;
}

/** A Flux HelmRepository (namespaced). */
export class HelmRepository extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
  };

  /** Renders a HelmRepository manifest without a construct scope. */
  public static manifest(props: HelmRepositoryProps): any {
    return { ...HelmRepository.GVK, ...toJson_HelmRepositoryProps(props) };
  }

  public constructor(scope: Construct, id: string, props: HelmRepositoryProps) {
    super(scope, id, { ...HelmRepository.GVK, ...props });
  }

  public override toJson(): any {
    const resolved = super.toJson();
    return { ...HelmRepository.GVK, ...toJson_HelmRepositoryProps(resolved) };
  }
}

/** Converts HelmRepositoryProps to the JSON the API server expects. */
export function toJson_HelmRepositoryProps(obj: HelmRepositoryProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) return undefined;
  const result = {
    metadata: obj.metadata,
    spec: {
      url: obj.spec.url,
      type: obj.spec.type,
      interval: obj.spec.interval,
      timeout: obj.spec.timeout,
      suspend: obj.spec.suspend,
    },
  };
  // Drop undefined fields, as the generated bindings do.
  return JSON.parse(JSON.stringify(result));
}
