import { Fields, ObjectOptions, Schema, list, map, num, object, oneOf, text } from '../config/schema';
import { suggestion } from '../config/suggest';
import {
  DEFAULT_ALERT_THRESHOLDS,
  AlertOverride,
  AlertSeverity,
  AlertThresholds,
  AlertTiming,
  GrafanaSidecarSettings,
  KeyValue,
  ObservabilitySettings,
  SchedulingSla,
  ServiceAccountRef,
} from './settings';

/**
 * The runtime schema of `observability` (the types are in `settings.ts`): every key an environment may
 * write, checked before anything is rendered (see `lib/config/schema.ts`). To add a setting, add it to its
 * type in `settings.ts` and its entry here; the compiler refuses the one without the other. Values and
 * their relations (durations, ratios, SLA coverage) are checked in `validate.ts`.
 */

export const SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];

const KEY_VALUE = object<KeyValue>({ key: text, value: text }, { what: 'a key and value', required: { key: 'a string', value: 'a string' } });

/** The fields every alert has. */
const TIMING: Fields<AlertTiming> = { for: text };

/** What an environment adds when it sets an alert: why (required, checked in `validate.ts`), and optionally another severity. */
const OVERRIDE: Fields<AlertOverride> = { reason: text, severity: oneOf(SEVERITIES, 'an alert severity') };

/**
 * One alert's settings: its timing and its own thresholds. They replace the default whole, so every
 * field the default has is required again.
 */
function alert<K extends keyof AlertThresholds>(name: K, thresholds: Fields<Omit<AlertThresholds[K], keyof AlertTiming>>): Schema {
  const defaults = DEFAULT_ALERT_THRESHOLDS[name] as unknown as Record<string, unknown>;
  const required = Object.fromEntries(Object.entries(defaults).map(([field, value]) => [
    field, `the alert's settings replace its default whole (default: ${JSON.stringify(value)})`,
  ]));
  type Settings = AlertThresholds[K] & AlertOverride;
  return object<Settings>({ ...TIMING, ...OVERRIDE, ...thresholds } as Fields<Settings>, {
    what: `a map with ${Object.keys(defaults).join(', ')}`,
    required: required as ObjectOptions<Settings>['required'],
  });
}

const ALERTS = object<Partial<AlertThresholds>>({
  controlPlaneDown: alert('controlPlaneDown', {}),
  admissionWebhookErrors: alert('admissionWebhookErrors', { ratio: num, minRequests: num }),
  admissionWebhookLatency: alert('admissionWebhookLatency', { p99Seconds: num }),
  schedulingCycleLatency: alert('schedulingCycleLatency', { p95Milliseconds: num }),
  jobWaiting: alert('jobWaiting', { waitMinutes: num }),
  queueBacklog: alert('queueBacklog', { pendingPodGroups: num }),
  queueOverused: alert('queueOverused', {}),
  queueStarved: alert('queueStarved', {}),
  gangUnschedulable: alert('gangUnschedulable', {}),
  preemptionRate: alert('preemptionRate', { attemptsPerMinute: num }),
  jobFailureRate: alert('jobFailureRate', { ratio: num, minFinishedJobs: num }),
}, { what: 'a map of alert name to its settings', unknown: (key, known) => `unknown alert "${key}"${suggestion(key, known)}` });

const SLA = object<SchedulingSla>({
  name: text,
  queues: list(text, 'a list of queue names'),
  p95: text,
  for: text,
  severity: oneOf(SEVERITIES, 'an alert severity'),
  minJobs: num,
  reason: text,
}, {
  what: 'a scheduling SLA',
  required: {
    name: 'the SLA name, a string',
    queues: 'a list of queue names',
    p95: 'the p95 target, a duration such as "2m"',
    for: 'how long the p95 may exceed it, such as "5m"',
    severity: 'critical, warning or info',
  },
});

const SERVICE_ACCOUNT = object<ServiceAccountRef>({ namespace: text, name: text }, {
  what: 'a service account (namespace and name)',
  required: { namespace: 'the namespace of the Prometheus service account, e.g. "monitoring"', name: 'the name of the Prometheus service account, e.g. "prometheus-k8s"' },
});

const FIELDS: Fields<ObservabilitySettings> = {
  prometheusSelector: map(text, 'a map of label key to value'),
  runbookUrlPattern: text,
  grafanaUrl: text,
  prometheusNamespace: text,
  prometheusServiceAccount: SERVICE_ACCOUNT,
  grafana: object<GrafanaSidecarSettings>({ discoveryLabel: KEY_VALUE, folderAnnotation: KEY_VALUE, namespace: text }),
  alerts: ALERTS,
  schedulingSlas: list(SLA, 'a list of scheduling SLAs'),
  queuesWithoutSla: list(text, 'a list of queue names'),
};

/** The schema of an environment's `observability`. */
export const OBSERVABILITY_SETTINGS_SCHEMA: Schema = object<ObservabilitySettings>(FIELDS, {
  what: 'the observability settings',
  // Once a setting of its own, which could disagree with the release; an old file must not pass silently.
  retired: { volcanoNamespace: 'is not a setting: the rules, targets and alerts use release.namespace; set the namespace there' },
});
