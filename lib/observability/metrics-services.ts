import { COMPONENT_POD_LABELS } from '../volcano/values';
import { VolcanoComponent } from '../volcano/settings';

// Where Volcano serves its metrics and how a Prometheus finds them, as data: validation and the dashboards
// read it without loading the constructs of scrape-targets.ts (and with them cdk8s).

/** A Volcano component that serves metrics, as the v1.15.1 chart exposes it. */
export interface MetricsService {
  /** The component. */
  readonly component: VolcanoComponent;
  /** The Service's (and pods') `app` label, which becomes the targets' `app` label. */
  readonly app: string;
  /** Name of the Service port serving `/metrics` (plain HTTP). */
  readonly port: string;
  /** Its number, for documentation and the plain scrape configuration. */
  readonly portNumber: number;
}

/** The chart labels a component's Service like its pods, so the `app` comes from the release's pod labels. */
function metricsService(component: VolcanoComponent, portNumber: number): MetricsService {
  return { component, app: COMPONENT_POD_LABELS[component].app, port: 'metrics', portNumber };
}

/** The scheduler (8080) and controller manager (8081); the admission webhook serves no metrics. */
export const VOLCANO_METRICS_SERVICES: readonly MetricsService[] = [
  metricsService('scheduler', 8080),
  metricsService('controller', 8081),
];

/** A PromQL regex matching the `app` label of every scraped component, e.g. for `up{app=~"..."}`. */
export const METRICS_APPS_REGEX = VOLCANO_METRICS_SERVICES.map((s) => s.app).join('|');

/** Job name of the plain-Prometheus scrape configuration. */
export const PLAIN_SCRAPE_JOB = 'volcano-control-plane';
/** Secret (and key) holding that configuration, for a Prometheus `additionalScrapeConfigs`. */
export const SCRAPE_CONFIG_SECRET = { name: 'volcano-additional-scrape-configs', key: 'volcano-control-plane.yaml' };
/** How often Prometheus scrapes each target. */
export const SCRAPE_INTERVAL = '30s';

/** The scrape configuration for a Prometheus without the operator (a list of `scrape_configs` entries). */
export function plainScrapeConfigs(volcanoNamespace: string): Record<string, unknown>[] {
  return [
    {
      job_name: PLAIN_SCRAPE_JOB,
      scrape_interval: SCRAPE_INTERVAL,
      metrics_path: '/metrics',
      scheme: 'http',
      kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: [volcanoNamespace] } }],
      relabel_configs: [
        { source_labels: ['__meta_kubernetes_service_label_app'], regex: METRICS_APPS_REGEX, action: 'keep' },
        { source_labels: ['__meta_kubernetes_endpoint_port_name'], regex: 'metrics', action: 'keep' },
        { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
        { source_labels: ['__meta_kubernetes_service_name'], target_label: 'service' },
        { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        { source_labels: ['__meta_kubernetes_service_label_app'], target_label: 'app' },
      ],
    },
  ];
}

/** Role and RoleBinding in the Volcano namespace that let the cluster's Prometheus discover the targets there. */
export const PROMETHEUS_DISCOVERY_ROLE = 'volcano-prometheus-discovery';

/**
 * What service discovery reads in the Volcano namespace: a ServiceMonitor's endpoints (or endpointslice)
 * role and the plain job's `endpoints` role list Services, their Endpoints or EndpointSlices, and the Pods behind them.
 */
export const PROMETHEUS_DISCOVERY_RULES: ReadonlyArray<{ readonly apiGroups: readonly string[]; readonly resources: readonly string[]; readonly verbs: readonly string[] }> = [
  { apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
];
