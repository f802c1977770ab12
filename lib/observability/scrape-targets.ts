import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { stringify } from 'yaml';
import { ServiceMonitor } from '../../imports/monitoring.coreos.com';
import { ResolvedEnvironment } from '../config/model';
import { PROMETHEUS_DISCOVERY_ROLE, PROMETHEUS_DISCOVERY_RULES, SCRAPE_CONFIG_SECRET, SCRAPE_INTERVAL, VOLCANO_METRICS_SERVICES, plainScrapeConfigs } from './metrics-services';

/** Props of {@link VolcanoScrapeTargets}. */
export interface VolcanoScrapeTargetsProps {
  /** The environment: its observability settings, and the release namespace the targets live in. */
  readonly env: Pick<ResolvedEnvironment, 'observability' | 'release'>;
}

/**
 * How Prometheus finds Volcano: a ServiceMonitor per metrics Service for the Prometheus operator, and the
 * same targets as a plain scrape configuration in a Secret. Both produce the target labels the rules rely
 * on: `namespace`, `app` (the component), `service`, `pod`. Where the environment names Prometheus' service
 * account, a Role and RoleBinding let it discover them (either route needs that).
 */
export class VolcanoScrapeTargets extends Construct {
  constructor(scope: Construct, id: string, props: VolcanoScrapeTargetsProps) {
    super(scope, id);
    const settings = props.env.observability;
    const volcanoNamespace = props.env.release.namespace;
    for (const service of VOLCANO_METRICS_SERVICES) {
      new ServiceMonitor(this, service.app, {
        metadata: { name: service.app, namespace: volcanoNamespace, labels: { ...settings.prometheusSelector } },
        spec: {
          selector: { matchLabels: { app: service.app } },
          namespaceSelector: { matchNames: [volcanoNamespace] },
          jobLabel: 'app',
          targetLabels: ['app'],
          endpoints: [{ port: service.port, path: '/metrics', scheme: 'http', interval: SCRAPE_INTERVAL }],
        },
      });
    }
    const account = settings.prometheusServiceAccount;
    if (account !== undefined) {
      const metadata = { name: PROMETHEUS_DISCOVERY_ROLE, namespace: volcanoNamespace };
      new k8s.KubeRole(this, 'prometheus-discovery-role', {
        metadata,
        rules: PROMETHEUS_DISCOVERY_RULES.map((rule) => ({ apiGroups: [...rule.apiGroups], resources: [...rule.resources], verbs: [...rule.verbs] })),
      });
      new k8s.KubeRoleBinding(this, 'prometheus-discovery-binding', {
        metadata,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: PROMETHEUS_DISCOVERY_ROLE },
        subjects: [{ kind: 'ServiceAccount', namespace: account.namespace, name: account.name }],
      });
    }
    new k8s.KubeSecret(this, 'additional-scrape-configs', {
      metadata: { name: SCRAPE_CONFIG_SECRET.name, namespace: settings.prometheusNamespace },
      type: 'Opaque',
      stringData: { [SCRAPE_CONFIG_SECRET.key]: stringify(plainScrapeConfigs(volcanoNamespace), { lineWidth: 0 }) },
    });
  }
}
