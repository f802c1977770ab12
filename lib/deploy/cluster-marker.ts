import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ANNOTATIONS, PLATFORM_DOMAIN } from '../labels';

/** Name of the ConfigMap that says which environment a cluster runs, in the Volcano namespace. */
export const CLUSTER_MARKER_NAME = 'volcano-platform-environment';
/** Label on the marker, so it can be found with a selector. */
export const CLUSTER_MARKER_LABEL = `${PLATFORM_DOMAIN}/cluster-marker`;

/** Props of {@link ClusterMarker}. */
export interface ClusterMarkerProps {
  /** The environment this cluster runs. */
  readonly environment: string;
  /** The Volcano release namespace, where the marker lives. */
  readonly namespace: string;
}

/**
 * The cluster's claim: an immutable ConfigMap naming the environment. Written on the first deploy; on every
 * later one the API server refuses to change its data (`immutable: true`), so Flux pointed at another
 * environment's folder fails here. Pulumi writes every object of the environment after it, and fails even
 * earlier on such a cluster: pulumi-kubernetes (4.29 and later) refuses to create an object that exists unless
 * its provider sets `upsertExistingObjects`, which this project does not, so the release Namespace's create is
 * refused. The claim lives in the release namespace, so it guards only between environments that share it.
 */
export class ClusterMarker extends Construct {
  constructor(scope: Construct, id: string, props: ClusterMarkerProps) {
    super(scope, id);
    new k8s.KubeConfigMap(this, 'marker', {
      metadata: {
        name: CLUSTER_MARKER_NAME,
        namespace: props.namespace,
        labels: { [CLUSTER_MARKER_LABEL]: 'true' },
        annotations: {
          [ANNOTATIONS.description]: `This cluster runs the volcano-platform environment "${props.environment}". A deploy of another `
            + 'environment fails on this immutable ConfigMap: check kubernetes:context in Pulumi.<stack>.yaml, or the path of the Flux Kustomization.',
          // Never pruned: the claim outlives a Git change; delete it by hand only when the cluster is wiped.
          [ANNOTATIONS.fluxPrune]: 'disabled',
        },
      },
      immutable: true,
      data: { environment: props.environment },
    });
  }
}
