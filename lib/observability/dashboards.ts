import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ResolvedEnvironment } from '../config/model';
import { buildDashboard } from './dashboard-build';
import { DashboardSpec } from './dashboard-kit';
import { dashboardSpecs } from './dashboard-specs';

type DashboardEnvironment = ResolvedEnvironment;

/** The dashboard's JSON text, as Grafana's sidecar reads it from the ConfigMap. */
export function dashboardJson(spec: DashboardSpec): string {
  return `${JSON.stringify(buildDashboard(spec), null, 2)}\n`;
}

/** Props of {@link VolcanoDashboards}. */
export interface VolcanoDashboardsProps {
  readonly env: DashboardEnvironment;
}

/**
 * One ConfigMap per dashboard, labelled for Grafana's sidecar and annotated with the folder it belongs in.
 * The ConfigMap name and data key derive from the stable uid.
 */
export class VolcanoDashboards extends Construct {
  constructor(scope: Construct, id: string, props: VolcanoDashboardsProps) {
    super(scope, id);
    const { grafana } = props.env.observability;
    for (const spec of dashboardSpecs(props.env)) {
      new k8s.KubeConfigMap(this, spec.uid, {
        metadata: {
          name: `grafana-dashboard-${spec.uid}`,
          namespace: grafana.namespace,
          labels: { [grafana.discoveryLabel.key]: grafana.discoveryLabel.value },
          annotations: { [grafana.folderAnnotation.key]: grafana.folderAnnotation.value },
        },
        data: { [`${spec.uid}.json`]: dashboardJson(spec) },
      });
    }
  }
}
