import { Construct } from 'constructs';
import { PrometheusRule } from '../../imports/monitoring.coreos.com';
import { MonitoredEnvironment, alertRuleGroups, recordingRuleGroups } from './rule-groups';

/** Props of {@link VolcanoRules}. */
export interface VolcanoRulesProps {
  readonly env: MonitoredEnvironment;
}

/** The recording rules and the alerts (`rule-groups.ts`), as two PrometheusRules selected by the cluster's Prometheus. */
export class VolcanoRules extends Construct {
  constructor(scope: Construct, id: string, props: VolcanoRulesProps) {
    super(scope, id);
    const settings = props.env.observability;
    const metadata = (name: string) => ({ name, namespace: props.env.release.namespace, labels: { ...settings.prometheusSelector } });
    new PrometheusRule(this, 'recording', { metadata: metadata('volcano-recording-rules'), spec: { groups: recordingRuleGroups(props.env) } });
    new PrometheusRule(this, 'alerts', { metadata: metadata('volcano-alerts'), spec: { groups: alertRuleGroups(props.env) } });
  }
}
