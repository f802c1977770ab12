import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { buildAdmission } from './admission/admission-charts';
import { allowedQueues, defaultQueue } from './config/allowed-queues';
import { ResolvedEnvironment } from './config/model';
import { recommendedLabels } from './labels';
import { PriorityClasses } from './scheduling/priority-classes';
import { VolcanoQueues } from './scheduling/queues';
import { TenantNamespace } from './scheduling/tenant';
import { VolcanoRelease } from './volcano/release';
import { VolcanoDashboards } from './observability/dashboards';
import { VolcanoRules } from './observability/rules';
import { VolcanoScrapeTargets } from './observability/scrape-targets';
import { ClusterMarker } from './deploy/cluster-marker';

/** Props of {@link ManifestChart}. */
export interface ManifestChartProps {
  /** File the chart's objects are written to in `dist/<env>/`; its numeric prefix is the apply order. */
  readonly fileName: string;
  /** Recommended labels put on every object of the chart. */
  readonly labels: Record<string, string>;
}

/** A chart that knows which manifest file it becomes. */
export class ManifestChart extends Chart {
  public readonly fileName: string;

  constructor(scope: Construct, id: string, props: ManifestChartProps) {
    super(scope, id, { labels: props.labels, disableResourceNameHashes: true });
    this.fileName = props.fileName;
  }
}

/**
 * The composition root: every chart of one environment, in apply order. File prefixes leave room
 * between concerns: cluster-scoped objects first, then Volcano custom resources, then namespaces and
 * what lives in them.
 */
export function buildPlatform(app: App, env: ResolvedEnvironment): ManifestChart[] {
  const chart = (fileName: string, name: string, component: string) =>
    new ManifestChart(app, fileName.replace(/\.yaml$/, ''), { fileName, labels: recommendedLabels(name, component, env.name) });

  const release = chart('00-volcano-release.yaml', 'volcano', 'control-plane');
  new VolcanoRelease(release, 'volcano', { environment: env });
  new ClusterMarker(release, 'cluster-marker', { environment: env.name, namespace: env.release.namespace });

  const priorityClasses = chart('10-priority-classes.yaml', 'volcano-scheduling', 'priority-class');
  new PriorityClasses(priorityClasses, 'classes', { classes: env.priorityClasses });

  const queues = chart('20-queues.yaml', 'volcano-scheduling', 'queue');
  new VolcanoQueues(queues, 'queues', { queues: env.queues, sharingPolicy: env.sharingPolicy });

  const tenants = chart('30-tenants.yaml', 'volcano-tenancy', 'tenant');
  for (const tenant of env.tenants) {
    new TenantNamespace(tenants, tenant.name, {
      tenant,
      allowedQueues: allowedQueues(env, tenant),
      defaultQueue: defaultQueue(env, tenant),
      kubernetesVersion: env.kubernetesVersion,
    });
  }

  const admission = buildAdmission(env, chart);

  const scrapeTargets = chart('50-monitoring-scrape-targets.yaml', 'volcano-monitoring', 'scrape-target');
  new VolcanoScrapeTargets(scrapeTargets, 'targets', { env });

  const rules = chart('50-monitoring-rules.yaml', 'volcano-monitoring', 'prometheus-rule');
  new VolcanoRules(rules, 'rules', { env });

  const dashboards = chart('50-monitoring-dashboards.yaml', 'volcano-monitoring', 'dashboard');
  new VolcanoDashboards(dashboards, 'dashboards', { env });

  // Manifests are returned (and written, and applied) in file-name order.
  return [release, priorityClasses, queues, tenants, ...admission, scrapeTargets, rules, dashboards]
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
}
