// Typed L1 bindings for the Flux `kustomize.toolkit.fluxcd.io/v1` Kustomization, in the shape `cdk8s import`
// produces. Written for this project from the field list of the Flux CRD; only the fields this project
// sets are typed, and only the field names are shared with upstream.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** A reference to the Flux source (GitRepository, OCIRepository, Bucket) the Kustomization builds from. */
export interface KustomizationSourceRef {
  readonly kind: 'GitRepository' | 'OCIRepository' | 'Bucket';
  readonly name: string;
  /** Default: the Kustomization's namespace. */
  readonly namespace?: string;
}

/** Another Kustomization that must be Ready first. */
export interface KustomizationDependency {
  readonly name: string;
  readonly namespace?: string;
}

/** An object whose readiness the Kustomization waits for. */
export interface KustomizationHealthCheck {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** `spec` of a Kustomization. */
export interface KustomizationSpec {
  /** How often Flux reconciles, a Go duration. */
  readonly interval: string;
  /** How soon a failed reconciliation is retried, a Go duration. */
  readonly retryInterval?: string;
  /** Path of the kustomization (or plain manifests) inside the source, e.g. `./flux/stages/prod/release`. */
  readonly path: string;
  /** Whether objects removed from the source are deleted from the cluster. */
  readonly prune: boolean;
  /** The source to build from. */
  readonly sourceRef: KustomizationSourceRef;
  /** Kustomizations that must be Ready before this one is applied. */
  readonly dependsOn?: readonly KustomizationDependency[];
  /** Objects that must become Ready before this Kustomization is. */
  readonly healthChecks?: readonly KustomizationHealthCheck[];
  /** Wait for every applied object to become Ready. */
  readonly wait?: boolean;
  /** Timeout of apply and health checks, a Go duration. */
  readonly timeout?: string;
}

/** Props of a Kustomization. */
export interface KustomizationProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: KustomizationSpec;
}

/** A Flux Kustomization (namespaced). */
export class Kustomization extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
  };

  /** Renders a Kustomization manifest without a construct scope. */
  public static manifest(props: KustomizationProps): any {
    return { ...Kustomization.GVK, ...toJson_KustomizationProps(props) };
  }

  public constructor(scope: Construct, id: string, props: KustomizationProps) {
    super(scope, id, { ...Kustomization.GVK, ...props });
  }

  public override toJson(): any {
    const resolved = super.toJson();
    return { ...Kustomization.GVK, ...toJson_KustomizationProps(resolved) };
  }
}

/** Converts KustomizationProps to the JSON the API server expects. */
export function toJson_KustomizationProps(obj: KustomizationProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) return undefined;
  const s = obj.spec;
  const result = {
    metadata: obj.metadata,
    spec: {
      interval: s.interval,
      retryInterval: s.retryInterval,
      path: s.path,
      prune: s.prune,
      sourceRef: { kind: s.sourceRef.kind, name: s.sourceRef.name, namespace: s.sourceRef.namespace },
      dependsOn: s.dependsOn?.map((d) => ({ name: d.name, namespace: d.namespace })),
      healthChecks: s.healthChecks?.map((h) => ({ apiVersion: h.apiVersion, kind: h.kind, name: h.name, namespace: h.namespace })),
      wait: s.wait,
      timeout: s.timeout,
    },
  };
  // Drop undefined fields, as the generated bindings do.
  return JSON.parse(JSON.stringify(result));
}
