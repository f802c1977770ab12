import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { HelmRelease } from '../../imports/helm.toolkit.fluxcd.io';
import { HelmRepository } from '../../imports/source.toolkit.fluxcd.io';
import { ResolvedEnvironment } from '../config/model';
import { ANNOTATIONS, podSecurityLabels } from '../labels';
import { VOLCANO_COMPONENTS } from './settings';
import { COMPONENT_POD_LABELS, volcanoReleaseSpec } from './values';

/** Props of {@link VolcanoRelease}. */
export interface VolcanoReleaseProps {
  /**
   * The validated environment (from `prepareEnvironments`; the construct does not check it again); its
   * `release` settings (typed props in `settings.ts`, defaults in `resolve.ts`) decide every value.
   */
  readonly environment: ResolvedEnvironment;
  /** How often Flux reconciles the release, a Go duration. Default `10m`. */
  readonly interval?: string;
  /** How often Flux refreshes the repository index, a Go duration. Default `1h`. */
  readonly repositoryInterval?: string;
}

/**
 * The Volcano control plane as a Flux release: its namespace, the chart repository, the HelmRelease
 * carrying the full values, and PodDisruptionBudgets for the components that run several replicas
 * (the chart has none).
 *
 * The namespace and HelmRelease are never pruned by Flux: removing them from Git would uninstall the
 * chart, and the chart's CRDs (rendered as templates) would go with every Queue and Job.
 */
export class VolcanoRelease extends Construct {
  constructor(scope: Construct, id: string, props: VolcanoReleaseProps) {
    super(scope, id);
    const env = props.environment;
    const spec = volcanoReleaseSpec(env);
    const keep = { [ANNOTATIONS.fluxPrune]: 'disabled' };
    const repositoryInterval = props.repositoryInterval ?? '1h';

    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: spec.namespace,
        annotations: { [ANNOTATIONS.description]: 'The Volcano control plane: scheduler, controllers and admission webhook.', ...keep },
        // The components add DAC_OVERRIDE, which `restricted` forbids; `baseline` allows it and nothing broader.
        labels: podSecurityLabels('baseline', env.kubernetesVersion),
      },
    });

    const repository = new HelmRepository(this, 'repository', {
      metadata: { name: spec.chart, namespace: spec.namespace },
      spec: { url: spec.repository, interval: repositoryInterval, ...(spec.repository.startsWith('oci://') ? { type: 'oci' as const } : {}) },
    });

    new HelmRelease(this, 'release', {
      metadata: { name: spec.releaseName, namespace: spec.namespace, annotations: keep },
      spec: {
        interval: props.interval ?? '10m',
        releaseName: spec.releaseName,
        chart: {
          spec: {
            chart: spec.chart,
            version: spec.version,
            sourceRef: { kind: 'HelmRepository', name: repository.name, namespace: spec.namespace },
            interval: repositoryInterval,
          },
        },
        // The admission-init hook Job regenerates the webhook certificate on every install and upgrade.
        timeout: '10m',
        install: { remediation: { retries: 3 } },
        upgrade: { cleanupOnFail: true, remediation: { retries: 3, strategy: 'rollback' } },
        values: spec.values as Record<string, unknown>,
      },
    });

    for (const name of VOLCANO_COMPONENTS) {
      if (!env.release.components[name].podDisruptionBudget) continue;
      new k8s.KubePodDisruptionBudget(this, `pdb-${name}`, {
        metadata: { name: `${spec.releaseName}-${name}`, namespace: spec.namespace },
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: { ...COMPONENT_POD_LABELS[name] } },
        },
      });
    }
  }
}
