import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ResolvedEnvironment } from '../config/model';
import { persisted } from '../cache/persistent';
import { DashboardSpec } from './dashboard-kit';
import { dashboardSpecs } from './dashboard-specs';

type DashboardEnvironment = ResolvedEnvironment;

/** Dashboards kept between runs: enough for every environment's across many edits. */
const KEEP = 64;

/**
 * The dashboard's JSON text, as Grafana's sidecar reads it from the ConfigMap. It is a pure function of
 * the spec (and the code), kept between runs (lib/cache/persistent.ts): most edits leave an environment's
 * dashboards as they were, and then the Grafana SDK (over 200 modules) is not even loaded.
 */
export function dashboardJson(spec: DashboardSpec): string {
  return persisted('dashboard', spec, () => {
    const { buildDashboard } = require('./dashboard-build') as typeof import('./dashboard-build');
    return `${JSON.stringify(buildDashboard(spec), null, 2)}\n`;
  }, KEEP);
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
