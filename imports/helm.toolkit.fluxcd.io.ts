// Typed L1 bindings for the Flux `helm.toolkit.fluxcd.io/v2` HelmRelease, in the shape `cdk8s import`
// produces. Written for this project from the field list of the Flux CRD; only the fields this project
// sets are typed, and only the field names are shared with upstream.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** The source a chart is fetched from. */
export interface HelmReleaseSpecChartSpecSourceRef {
  readonly kind: 'HelmRepository' | 'GitRepository' | 'Bucket';
  readonly name: string;
  /** Defaults to the HelmRelease's namespace. */
  readonly namespace?: string;
  readonly apiVersion?: string;
}

/** `spec.chart.spec`: which chart, at which version, from which source. */
export interface HelmReleaseSpecChartSpec {
  /** Chart name in the repository. */
  readonly chart: string;
  /** Exact version or semver range; this project always pins an exact version. */
  readonly version?: string;
  readonly sourceRef: HelmReleaseSpecChartSpecSourceRef;
  /** How often Flux checks the source for the chart, a Go duration. */
  readonly interval?: string;
  /** `ChartVersion` (default) or `Revision`. */
  readonly reconcileStrategy?: 'ChartVersion' | 'Revision';
}

/** `spec.chart`. */
export interface HelmReleaseSpecChart {
  readonly spec: HelmReleaseSpecChartSpec;
}

/** What Flux does when an install or upgrade fails. */
export interface HelmReleaseSpecRemediation {
  /** Attempts before giving up; negative means forever. */
  readonly retries?: number;
  /** Whether the last failed attempt is remediated too. */
  readonly remediateLastFailure?: boolean;
  /** On upgrade: `rollback` (default) or `uninstall`. */
  readonly strategy?: 'rollback' | 'uninstall';
}

/** `spec.install`. */
export interface HelmReleaseSpecInstall {
  /** How CRDs in the chart's `crds/` folder are handled. */
  readonly crds?: 'Skip' | 'Create' | 'CreateReplace';
  /** Timeout of the install, a Go duration. */
  readonly timeout?: string;
  readonly remediation?: HelmReleaseSpecRemediation;
}

/** `spec.upgrade`. */
export interface HelmReleaseSpecUpgrade {
  /** How CRDs in the chart's `crds/` folder are handled. */
  readonly crds?: 'Skip' | 'Create' | 'CreateReplace';
  /** Timeout of the upgrade, a Go duration. */
  readonly timeout?: string;
  /** Deletes resources the failed upgrade created. */
  readonly cleanupOnFail?: boolean;
  readonly remediation?: HelmReleaseSpecRemediation;
}

/** `spec.uninstall`. */
export interface HelmReleaseSpecUninstall {
  /** Keeps the release history after uninstall. */
  readonly keepHistory?: boolean;
  readonly timeout?: string;
}

/** `spec` of a HelmRelease. */
export interface HelmReleaseSpec {
  /** Reconcile interval, a Go duration such as `10m`. */
  readonly interval: string;
  readonly chart?: HelmReleaseSpecChart;
  /** Helm release name, at most 53 characters. */
  readonly releaseName?: string;
  /** Namespace the chart's objects are installed into. */
  readonly targetNamespace?: string;
  /** Namespace the Helm release secret is stored in. */
  readonly storageNamespace?: string;
  /** Timeout of each Helm action, a Go duration. */
  readonly timeout?: string;
  /** Number of release revisions Helm keeps. */
  readonly maxHistory?: number;
  readonly install?: HelmReleaseSpecInstall;
  readonly upgrade?: HelmReleaseSpecUpgrade;
  readonly uninstall?: HelmReleaseSpecUninstall;
  /** Stops reconciliation while true. */
  readonly suspend?: boolean;
  /** The chart values, in full. */
  readonly values?: { [key: string]: any };
}

/** Props of a HelmRelease. */
export interface HelmReleaseProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: HelmReleaseSpec;
}

/** A Flux HelmRelease (namespaced). */
export class HelmRelease extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
  };

  /** Renders a HelmRelease manifest without a construct scope. */
  public static manifest(props: HelmReleaseProps): any {
    return { ...HelmRelease.GVK, ...toJson_HelmReleaseProps(props) };
  }

  public constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(scope, id, { ...HelmRelease.GVK, ...props });
  }

  public override toJson(): any {
    const resolved = super.toJson();
    return { ...HelmRelease.GVK, ...toJson_HelmReleaseProps(resolved) };
  }
}

/** Converts HelmReleaseProps to the JSON the API server expects. */
export function toJson_HelmReleaseProps(obj: HelmReleaseProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) return undefined;
  const spec = obj.spec;
  const result = {
    metadata: obj.metadata,
    spec: {
      interval: spec.interval,
      chart: spec.chart,
      releaseName: spec.releaseName,
      targetNamespace: spec.targetNamespace,
      storageNamespace: spec.storageNamespace,
      timeout: spec.timeout,
      maxHistory: spec.maxHistory,
      install: spec.install,
      upgrade: spec.upgrade,
      uninstall: spec.uninstall,
      suspend: spec.suspend,
      values: spec.values,
    },
  };
  // Drop undefined fields, as the generated bindings do.
  return JSON.parse(JSON.stringify(result));
}
