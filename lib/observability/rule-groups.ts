import type { PrometheusRuleSpecGroups } from '../../imports/monitoring.coreos.com';
import { ResolvedEnvironment } from '../config/model';
import { AlertGroup, alertDefinitions, renderAlert } from './alert-rules';
import { runsSchedulerAction } from './scheduler-actions';
import { queueConfigRecordingRules, sharedRecordingRules } from './recording-rules';

/**
 * The rule groups of an environment's two PrometheusRules (`rules.ts` renders them), as data. Validation
 * reads them too, which is why they live apart from the construct: the bindings it uses load cdk8s, which
 * validation, on the way to the simulated days `npm run synth` starts early, has no use for (a type-only
 * import, erased when transpiled, brings the groups' type and nothing else).
 */

/** The environment the alerts are rendered for. */
export type MonitoredEnvironment = Parameters<typeof alertDefinitions>[0];

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
