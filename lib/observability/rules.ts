import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroups } from '../../imports/monitoring.coreos.com';
import { ResolvedEnvironment } from '../config/model';
import { AlertGroup, alertDefinitions, renderAlert } from './alert-rules';
import { runsSchedulerAction } from './scheduler-actions';
import { queueConfigRecordingRules, sharedRecordingRules } from './recording-rules';

type MonitoredEnvironment = Parameters<typeof alertDefinitions>[0];

const GROUP_ORDER: readonly AlertGroup[] = ['control-plane', 'scheduling', 'queues', 'jobs'];

/**
 * Recording rule groups: the queues' declared guarantee and capability first (the shared rules compare
 * allocation with them in the same evaluation), then the shared queries.
 */
export function recordingRuleGroups(env: ResolvedEnvironment): PrometheusRuleSpecGroups[] {
  const config = queueConfigRecordingRules(env);
  return [
    ...(config.length > 0 ? [{ name: 'volcano-platform.queue-config', rules: config }] : []),
    { name: 'volcano-platform.recording', rules: sharedRecordingRules(runsSchedulerAction(env, 'preempt')) },
  ];
}

/** Alerting rule groups, one per concern. */
export function alertRuleGroups(env: MonitoredEnvironment): PrometheusRuleSpecGroups[] {
  const alerts = alertDefinitions(env);
  return GROUP_ORDER.map((group) => ({
    name: `volcano-platform.${group}`,
    rules: alerts.filter((a) => a.group === group).map((a) => renderAlert(a, env.observability, env.name)),
  })).filter((group) => group.rules.length > 0);
}

/** Props of {@link VolcanoRules}. */
export interface VolcanoRulesProps {
  readonly env: MonitoredEnvironment;
}

/** The recording rules and the alerts, as two PrometheusRules selected by the cluster's Prometheus. */
export class VolcanoRules extends Construct {
  constructor(scope: Construct, id: string, props: VolcanoRulesProps) {
    super(scope, id);
    const settings = props.env.observability;
    const metadata = (name: string) => ({ name, namespace: props.env.release.namespace, labels: { ...settings.prometheusSelector } });
    new PrometheusRule(this, 'recording', { metadata: metadata('volcano-recording-rules'), spec: { groups: recordingRuleGroups(props.env) } });
    new PrometheusRule(this, 'alerts', { metadata: metadata('volcano-alerts'), spec: { groups: alertRuleGroups(props.env) } });
  }
}
