import type { ResolvedReleaseSettings } from '../volcano/settings';
import { statedFields } from '../util';

/**
 * Observability settings of an environment: where the cluster's Prometheus and Grafana look for our
 * objects, where runbooks and dashboards live, and the alert thresholds. Types, defaults and resolution
 * are here; validation is in `validate.ts`. The Volcano namespace (where the scrape targets, rules and
 * alerts point) is not one of them: it is `release.namespace`, the one place the release is installed.
 */

/** Severity of an alert, as Alertmanager routes it. */
export type AlertSeverity = 'critical' | 'warning' | 'info';

/** A label or annotation: key and value. */
export interface KeyValue {
  /** Label or annotation key. */
  readonly key: string;
  /** Its value. */
  readonly value: string;
}

/** How long a condition must hold before its alert fires. */
export interface AlertTiming {
  /** Prometheus `for:` duration in whole minutes or hours, e.g. `5m`, `1h`. */
  readonly for: string;
}

/** What an environment adds when it sets an alert's thresholds: why, and optionally another severity. */
export interface AlertOverride {
  /** Why this environment differs from the default (or keeps it after review); printed in the alert catalog. Required. */
  readonly reason?: string;
  /** Severity for this environment instead of the alert's default; Alertmanager routes on it. */
  readonly severity?: AlertSeverity;
}

/** Threshold and duration of one alert; the threshold's unit is in its name. */
export interface AlertThresholds {
  /** Scheduler or controller manager without a healthy target. */
  readonly controlPlaneDown: AlertTiming;
  /**
   * Share of calls from the API server to a Volcano webhook that fail (0 to 1), once the webhook got at least
   * `minRequests` calls in the 5-minute window: on an idle webhook two calls failing while its pod restarts
   * (every helm upgrade) would read 100%.
   */
  readonly admissionWebhookErrors: AlertTiming & { readonly ratio: number; readonly minRequests: number };
  /** p99 latency of a Volcano webhook as seen by the API server, in seconds (the webhooks time out at 10 s). */
  readonly admissionWebhookLatency: AlertTiming & { readonly p99Seconds: number };
  /** p95 duration of one scheduling session (cycle), in milliseconds. */
  readonly schedulingCycleLatency: AlertTiming & { readonly p95Milliseconds: number };
  /**
   * A queue with waiting work in which no job has been placed for `waitMinutes` while its oldest unplaced
   * job has waited that long: covers the fully stuck queue, which the SLA alert (placed jobs only) misses.
   */
  readonly jobWaiting: AlertTiming & { readonly waitMinutes: number };
  /** PodGroups in a queue still Pending (not admitted) after `for`. */
  readonly queueBacklog: AlertTiming & { readonly pendingPodGroups: number };
  /** A queue using more than its deserved share. */
  readonly queueOverused: AlertTiming;
  /** A queue holding less of a resource than its guarantee while its pending tasks request more of that resource. */
  readonly queueStarved: AlertTiming;
  /**
   * A gang job whose minimum member count cannot be placed. The alert's `for:` is this `for`, but never
   * shorter than the longest `schedulingSlas` p95 of the environment (`gangUnschedulableFor` in
   * alert-rules.ts): the gang plugin counts a gang merely waiting its turn too, and its gauge names no queue.
   * An environment that sets a shorter `for` is refused, so the default alone is raised to that floor.
   */
  readonly gangUnschedulable: AlertTiming;
  /** Preemption attempts per minute (over 10 minutes). */
  readonly preemptionRate: AlertTiming & { readonly attemptsPerMinute: number };
  /** Share of jobs of a queue finished in the last hour that failed (0 to 1), once at least `minFinishedJobs` finished. */
  readonly jobFailureRate: AlertTiming & { readonly ratio: number; readonly minFinishedJobs: number };
}

/** A service level for the time from job submission to running, for some queues. */
export interface SchedulingSla {
  /** SLA name, a DNS-1123 label; becomes the alert's `sla` label. */
  readonly name: string;
  /** Queues the SLA covers. */
  readonly queues: readonly string[];
  /**
   * Jobs of a queue that must have been first placed within the last hour before its p95 is judged: below
   * that a p95 is one or two jobs' luck, not a service level. Default: {@link DEFAULT_SLA_MIN_JOBS}.
   */
  readonly minJobs?: number;
  /** The p95 of submission-to-running must stay below this duration, e.g. `2m`. */
  readonly p95: string;
  /** How long the p95 may exceed it before paging. */
  readonly for: string;
  /** `critical` pages, `warning` tickets. */
  readonly severity: AlertSeverity;
  /** Why this target, printed in the alert catalog. */
  readonly reason?: string;
}

/** Grafana's dashboard sidecar: how it finds our ConfigMaps and which folder they land in. */
export interface GrafanaSidecarSettings {
  /** Label the sidecar watches for (kube-prometheus-stack: `grafana_dashboard: "1"`). */
  readonly discoveryLabel?: KeyValue;
  /** Annotation naming the Grafana folder (the sidecar's `folderAnnotation`). */
  readonly folderAnnotation?: KeyValue;
  /** Namespace of the dashboard ConfigMaps; must be one the sidecar searches. Default: `release.namespace`. */
  readonly namespace?: string;
}

/** A Kubernetes service account, by namespace and name. */
export interface ServiceAccountRef {
  /** Namespace of the service account, e.g. `monitoring`. */
  readonly namespace: string;
  /** Name of the service account, e.g. `prometheus-k8s`. */
  readonly name: string;
}

/** Observability settings as written in an environment file. */
export interface ObservabilitySettings {
  /**
   * Labels the cluster's Prometheus selects ServiceMonitors and PrometheusRules by, e.g.
   * `{ release: 'kube-prometheus-stack' }` or `{ prometheus: 'k8s' }`. Required: without them Prometheus
   * silently ignores every object we render.
   */
  readonly prometheusSelector?: Readonly<Record<string, string>>;
  /**
   * Runbook address per alert: an https URL containing `{alert}`, replaced by the alert name, and usually
   * `{environment}`, replaced by the environment name: the generated runbooks are written per environment
   * (`docs/observability/runbooks/<env>/<Alert>.md`). Required.
   */
  readonly runbookUrlPattern?: string;
  /** Grafana's base https URL; alerts link to `<grafanaUrl>/d/<dashboard uid>`. Required. */
  readonly grafanaUrl?: string;
  /**
   * Namespace of the cluster's Prometheus: the Secret with the plain scrape configuration goes there, since a
   * Prometheus (operator-managed or not) can only read Secrets of its own namespace. Default: `release.namespace`.
   */
  readonly prometheusNamespace?: string;
  /**
   * The service account the cluster's Prometheus runs as, to be allowed to discover the Volcano metrics
   * Services in `release.namespace`: a Role there (get, list and watch on services, endpoints, endpointslices
   * and pods) and a RoleBinding to this account are generated. Needed where Prometheus has no ClusterRole to
   * read them: the kube-prometheus (jsonnet) stack grants its `prometheus-k8s` Roles only in `default`,
   * `kube-system` and its own namespace, so without them it finds no target in the Volcano namespace.
   * Default: none, for a Prometheus with a ClusterRole (kube-prometheus-stack's chart gives it one).
   */
  readonly prometheusServiceAccount?: ServiceAccountRef;
  /** Grafana sidecar discovery. */
  readonly grafana?: GrafanaSidecarSettings;
  /**
   * Alert thresholds and durations; each alert's settings replace the default whole, and say why
   * (`reason`), optionally with another `severity`.
   */
  readonly alerts?: { readonly [K in keyof AlertThresholds]?: AlertThresholds[K] & AlertOverride };
  /** Submission-to-running SLAs. Every enabled leaf queue must be in one, or in `queuesWithoutSla`. Default: none. */
  readonly schedulingSlas?: readonly SchedulingSla[];
  /**
   * Enabled leaf queues that deliberately have no scheduling SLA (nobody waits on them). Saying so is
   * required, so that a new queue cannot go unwatched by accident. Default: none.
   */
  readonly queuesWithoutSla?: readonly string[];
}

/** Observability settings with every default applied (see {@link ObservabilitySettings} for each field). */
export interface ResolvedObservability {
  /** Labels on every ServiceMonitor and PrometheusRule; empty only in an invalid environment. */
  readonly prometheusSelector: Readonly<Record<string, string>>;
  /** Runbook URL with `{alert}`. */
  readonly runbookUrlPattern: string;
  /** Grafana base URL. */
  readonly grafanaUrl: string;
  /** Where the plain scrape configuration Secret goes. */
  readonly prometheusNamespace: string;
  /** The Prometheus service account granted discovery in the Volcano namespace; absent: no Role is generated. */
  readonly prometheusServiceAccount?: ServiceAccountRef;
  /** Sidecar discovery of the dashboards. */
  readonly grafana: Required<GrafanaSidecarSettings>;
  /** Every alert's threshold and duration, with the environment's reason and severity where it set them. */
  readonly alerts: { readonly [K in keyof AlertThresholds]: AlertThresholds[K] & AlertOverride };
  /** Scheduling SLAs, possibly none, each with its minimum job count. */
  readonly schedulingSlas: ReadonlyArray<SchedulingSla & { readonly minJobs: number }>;
  /** Queues stated to have no scheduling SLA. */
  readonly queuesWithoutSla: readonly string[];
}

/** Jobs first placed within the hour a queue needs before its scheduling p95 is judged, unless its SLA says otherwise. */
export const DEFAULT_SLA_MIN_JOBS = 20;

/** kube-prometheus-stack's Grafana sidecar defaults. */
export const DEFAULT_GRAFANA_DISCOVERY_LABEL: KeyValue = { key: 'grafana_dashboard', value: '1' };
export const DEFAULT_GRAFANA_FOLDER_ANNOTATION: KeyValue = { key: 'grafana_folder', value: 'Volcano' };

/**
 * Default thresholds. Volcano schedules every second, so a session over 1 s means it falls behind;
 * webhooks time out at 10 s with `failurePolicy: Fail`, so 2 s p99 is well before users see errors.
 */
export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  controlPlaneDown: { for: '5m' },
  admissionWebhookErrors: { ratio: 0.05, minRequests: 20, for: '5m' },
  admissionWebhookLatency: { p99Seconds: 2, for: '10m' },
  schedulingCycleLatency: { p95Milliseconds: 1000, for: '15m' },
  jobWaiting: { waitMinutes: 60, for: '5m' },
  queueBacklog: { pendingPodGroups: 20, for: '15m' },
  queueOverused: { for: '30m' },
  queueStarved: { for: '10m' },
  gangUnschedulable: { for: '15m' },
  preemptionRate: { attemptsPerMinute: 30, for: '10m' },
  jobFailureRate: { ratio: 0.25, minFinishedJobs: 5, for: '15m' },
};

/**
 * Applies the defaults; the namespaces default to the release's. Total: missing required fields resolve to
 * empty values that validation reports.
 */
export function resolveObservability(
  settings: ObservabilitySettings | undefined,
  env: { readonly release: Pick<ResolvedReleaseSettings, 'namespace'> },
): ResolvedObservability {
  const volcanoNamespace = env.release.namespace;
  return {
    prometheusSelector: settings?.prometheusSelector ?? {},
    runbookUrlPattern: settings?.runbookUrlPattern ?? '',
    grafanaUrl: settings?.grafanaUrl ?? '',
    prometheusNamespace: settings?.prometheusNamespace ?? volcanoNamespace,
    ...(settings?.prometheusServiceAccount !== undefined ? { prometheusServiceAccount: settings.prometheusServiceAccount } : {}),
    grafana: {
      discoveryLabel: settings?.grafana?.discoveryLabel ?? DEFAULT_GRAFANA_DISCOVERY_LABEL,
      folderAnnotation: settings?.grafana?.folderAnnotation ?? DEFAULT_GRAFANA_FOLDER_ANNOTATION,
      namespace: settings?.grafana?.namespace ?? volcanoNamespace,
    },
    alerts: { ...DEFAULT_ALERT_THRESHOLDS, ...statedFields(settings?.alerts ?? {}) },
    schedulingSlas: (settings?.schedulingSlas ?? []).map((sla) => ({ ...sla, minJobs: sla.minJobs ?? DEFAULT_SLA_MIN_JOBS })),
    queuesWithoutSla: settings?.queuesWithoutSla ?? [],
  };
}

/** Seconds of a duration written as whole seconds, minutes or hours (`90s`, `2m`, `4h`); undefined if malformed. */
export function durationSeconds(duration: string): number | undefined {
  const match = /^([1-9]\d*)(s|m|h)$/.exec(String(duration));
  if (!match) return undefined;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
}

/** The SLA with the longest p95 (the first of equals), if there is any: the gang alert waits at least that long. */
export function longestSla(slas: readonly SchedulingSla[]): SchedulingSla | undefined {
  return slas.reduce<SchedulingSla | undefined>((longest, sla) => ((durationSeconds(sla.p95) ?? 0) > (longest === undefined ? -1 : durationSeconds(longest.p95) ?? 0) ? sla : longest), undefined);
}

/** The runbook address of an alert in an environment (`{environment}` and `{alert}` replaced). */
export function runbookUrl(settings: ResolvedObservability, environment: string, alert: string): string {
  return settings.runbookUrlPattern.split('{environment}').join(environment).split('{alert}').join(alert);
}

/** The address of a dashboard. */
export function dashboardUrl(settings: ResolvedObservability, uid: string): string {
  return `${settings.grafanaUrl.replace(/\/+$/, '')}/d/${uid}`;
}
