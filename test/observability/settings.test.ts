import { EnvironmentDefinition, EnvironmentValidationError, prepareEnvironment, prepareEnvironments, validateEnvironment } from '../../lib/config';
import { alertDefinitions } from '../../lib/observability/alert-rules';
import { ObservabilitySettings } from '../../lib/observability/settings';
import { prod } from '../../stacks/environments/prod';

const withObservability = (observability: ObservabilitySettings | undefined): EnvironmentDefinition => ({ ...prod, observability });
const base = prod.observability!;

describe('observability settings validation', () => {
  test('the built-in settings are valid', () => {
    expect(validateEnvironment(prod)).toEqual([]);
  });

  test('an environment without observability settings names every required input', () => {
    expect(validateEnvironment(withObservability(undefined))).toEqual([
      'prod: observability.prometheusSelector: is required: the labels the cluster\'s Prometheus selects ServiceMonitors and PrometheusRules by, e.g. { release: "kube-prometheus-stack" }',
      'prod: observability.runbookUrlPattern: is required: an https URL containing {alert} (and {environment}, where the runbooks of several environments live side by side), where each alert\'s runbook lives',
      'prod: observability.grafanaUrl: is required: the https base URL of the Grafana that shows the dashboards',
      'prod: queues[0] (interactive): is covered by no scheduling SLA: add it to the queues of an observability.schedulingSlas entry, or list it in observability.queuesWithoutSla if nobody waits on it',
      'prod: queues[1] (batch): is covered by no scheduling SLA: add it to the queues of an observability.schedulingSlas entry, or list it in observability.queuesWithoutSla if nobody waits on it',
    ]);
  });

  test('nothing is synthesized for such an environment', () => {
    expect(() => prepareEnvironments([withObservability({ ...base, prometheusSelector: undefined })])).toThrow(EnvironmentValidationError);
  });

  test.each<[string, ObservabilitySettings, string[]]>([
    ['empty selector', { ...base, prometheusSelector: {} }, [
      'prod: observability.prometheusSelector: is required: the labels the cluster\'s Prometheus selects ServiceMonitors and PrometheusRules by, e.g. { release: "kube-prometheus-stack" }',
    ]],
    ['bad selector label', { ...base, prometheusSelector: { 'bad key!': 'x y' } }, [
      'prod: observability.prometheusSelector.bad key!: key "bad key!" must be a Kubernetes label key (optional DNS prefix and "/", then at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric)',
      'prod: observability.prometheusSelector.bad key!: value "x y" must be a Kubernetes label value (at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric)',
    ]],
    ['runbook pattern without {alert}', { ...base, runbookUrlPattern: 'https://runbooks.example.com/volcano' }, [
      'prod: observability.runbookUrlPattern: "https://runbooks.example.com/volcano" must be an https URL containing {alert}',
    ]],
    ['plain http Grafana', { ...base, grafanaUrl: 'http://grafana.local' }, [
      'prod: observability.grafanaUrl: "http://grafana.local" must be an https URL without query or fragment',
    ]],
    ['the retired volcanoNamespace', { ...base, volcanoNamespace: 'Volcano' } as ObservabilitySettings, [
      'prod: observability.volcanoNamespace: is not a setting: the rules, targets and alerts use release.namespace; set the namespace there',
    ]],
    ['bad namespaces and sidecar label', { ...base, prometheusNamespace: 'monitoring.', grafana: { namespace: 'monitoring_', discoveryLabel: { key: 'grafana_dashboard', value: '-' } } }, [
      'prod: observability.prometheusNamespace: "monitoring." must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)',
      'prod: observability.grafana.discoveryLabel: value "-" must be a Kubernetes label value (at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric)',
      'prod: observability.grafana.namespace: "monitoring_" must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)',
    ]],
    ['bad Prometheus service account', { ...base, prometheusServiceAccount: { namespace: 'Monitoring', name: 'prometheus_k8s' } }, [
      'prod: observability.prometheusServiceAccount.namespace: "Monitoring" must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)',
      'prod: observability.prometheusServiceAccount.name: "prometheus_k8s" must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)',
    ]],
    ['a Prometheus service account without its name, and a misspelt setting', { ...base, prometheusServiceAccount: { namespace: 'monitoring' }, prometheusServiceAcount: {} } as unknown as ObservabilitySettings, [
      'prod: observability.prometheusServiceAccount.name: is required: the name of the Prometheus service account, e.g. "prometheus-k8s"',
      'prod: observability.prometheusServiceAcount: unknown field; did you mean "prometheusServiceAccount"?',
    ]],
    ['bad thresholds and durations', {
      ...base,
      alerts: {
        queueBacklog: { pendingPodGroups: -1, for: '90s', reason: 'r' },
        jobFailureRate: { ratio: 1.5, minFinishedJobs: 2.5, for: '1h', reason: 'r' },
        controlPlaneDown: { for: '5', reason: 'r' },
      },
    }, [
      'prod: observability.alerts.controlPlaneDown.for: "5" must be a whole number of minutes or hours such as "5m" or "1h"',
      'prod: observability.alerts.queueBacklog.for: "90s" must be a whole number of minutes or hours such as "5m" or "1h"',
      'prod: observability.alerts.queueBacklog.pendingPodGroups: -1 must be a number above 0',
      'prod: observability.alerts.jobFailureRate.ratio: 1.5 must be a ratio above 0 and at most 1',
      'prod: observability.alerts.jobFailureRate.minFinishedJobs: 2.5 must be a whole number above 0',
    ]],
    ['a gang alert shorter than the longest SLA, which the alert would wait anyway', {
      ...base,
      alerts: { gangUnschedulable: { for: '20m', reason: 'r' } },
    }, [
      'prod: observability.alerts.gangUnschedulable.for: "20m" is shorter than the longest scheduling SLA p95 (30m, SLA "batch"): the gang plugin counts a gang that waits its turn as unschedulable, so the alert waits at least that long; set 30m or longer',
    ]],
    ['unknown alert setting', { ...base, alerts: { queueDepth: { for: '5m' } } as any }, [
      'prod: observability.alerts.queueDepth: unknown alert "queueDepth"; known: controlPlaneDown, admissionWebhookErrors, admissionWebhookLatency, schedulingCycleLatency, jobWaiting, queueBacklog, queueOverused, queueStarved, gangUnschedulable, preemptionRate, jobFailureRate',
    ]],
    ['an alert missing a threshold, an alert with an unknown field', {
      ...base,
      alerts: { queueBacklog: { for: '15m', reason: 'r' } as any, preemptionRate: { attemptsPerMinute: 10, for: '5m', burst: 3, reason: 'r' } as any, jobFailureRate: { ratio: 0.5, reason: 'r' } as any },
    }, [
      'prod: observability.alerts.queueBacklog.pendingPodGroups: is required: the alert\'s settings replace its default whole (default: 20)',
      'prod: observability.alerts.preemptionRate.burst: unknown field; known: for, reason, severity, attemptsPerMinute',
      'prod: observability.alerts.jobFailureRate.minFinishedJobs: is required: the alert\'s settings replace its default whole (default: 5)',
      'prod: observability.alerts.jobFailureRate.for: is required: the alert\'s settings replace its default whole (default: "15m")',
    ]],
    ['thresholds set without a reason', {
      ...base,
      alerts: { queueBacklog: { pendingPodGroups: 40, for: '30m' }, queueOverused: { for: '1h', reason: '  ' } },
    }, [
      'prod: observability.alerts.queueBacklog.reason: is required: say why this environment sets the alert\'s thresholds (the alert catalog prints it next to them)',
      'prod: observability.alerts.queueOverused.reason: is required: say why this environment sets the alert\'s thresholds (the alert catalog prints it next to them)',
    ]],
    ['a severity that does not exist (a structural problem: reported alone)', {
      ...base,
      alerts: { queueOverused: { for: '1h', severity: 'page' as any, reason: 'r' } },
    }, [
      'prod: observability.alerts.queueOverused.severity: "page" is not an alert severity; known: critical, warning, info',
    ]],
    ['an SLA minimum job count that is not a whole number above 0', {
      ...base,
      schedulingSlas: [{ name: 'interactive', queues: ['interactive', 'batch'], p95: '2m', for: '5m', severity: 'critical', minJobs: 0 }],
    }, [
      'prod: observability.schedulingSlas[0] (interactive).minJobs: 0 must be a whole number of jobs above 0',
    ]],
    ['alert settings that are not an object', { ...base, alerts: { queueStarved: '10m' as any } }, [
      'prod: observability.alerts.queueStarved: must be a map with for, got "10m"',
    ]],
    ['bad SLAs', {
      ...base,
      schedulingSlas: [
        { name: 'interactive', queues: ['interactive', 'nope'], p95: '2 minutes', for: '5m', severity: 'critical' },
        { name: 'interactive', queues: ['interactive'], p95: '30m', for: '30s', severity: 'warning' },
        { name: 'empty', queues: [], p95: '1h', for: '1h', severity: 'info' },
      ],
    }, [
      'prod: observability.schedulingSlas[0] (interactive).queues[1]: unknown queue "nope"; known: interactive, batch, analytics',
      'prod: observability.schedulingSlas[0] (interactive).p95: "2 minutes" must be a duration in whole seconds, minutes or hours such as "90s", "2m" or "4h"',
      'prod: observability.schedulingSlas[1] (interactive).name: duplicate SLA name "interactive" (also schedulingSlas[0])',
      'prod: observability.schedulingSlas[1] (interactive).queues[0]: queue "interactive" is already covered by SLA "interactive"',
      'prod: observability.schedulingSlas[1] (interactive).for: "30s" must be a whole number of minutes or hours such as "5m" or "1h"',
      'prod: observability.schedulingSlas[2] (empty).queues: must name at least one queue',
      'prod: queues[1] (batch): is covered by no scheduling SLA: add it to the queues of an observability.schedulingSlas entry, or list it in observability.queuesWithoutSla if nobody waits on it',
    ]],
    ['an SLA severity Alertmanager does not route', { ...base, schedulingSlas: [{ ...base.schedulingSlas![0], severity: 'crtical' as never }, base.schedulingSlas![1]] }, [
      'prod: observability.schedulingSlas[0] (interactive).severity: "crtical" is not an alert severity; did you mean "critical"?',
    ]],
  ])('%s', (_name, observability, expected) => {
    expect(validateEnvironment(withObservability(observability))).toEqual(expected);
  });
});

describe('severity overrides and settings keys', () => {
  const alertsOf = (observability: ObservabilitySettings) => alertDefinitions(prepareEnvironment(withObservability(observability)));

  test('a severity override changes the alert\'s severity label in that environment only, and the alert names its settings key and reason', () => {
    const overridden = alertsOf({ ...base, alerts: { queueStarved: { for: '10m', severity: 'critical', reason: 'tenants pay for their guarantee' } } });
    const starved = overridden.find((a) => a.name === 'VolcanoQueueStarved')!;
    expect([starved.severity, starved.settingsKey, starved.reason]).toEqual(['critical', 'observability.alerts.queueStarved', 'tenants pay for their guarantee']);
    const untouched = alertsOf(base).find((a) => a.name === 'VolcanoQueueStarved')!;
    expect([untouched.severity, untouched.settingsKey, untouched.reason]).toEqual(['warning', 'observability.alerts.queueStarved', undefined]);
  });

  test('one settings key tunes both control-plane alerts; the SLA alert is tuned by its SLA', () => {
    const alerts = alertsOf({ ...base, alerts: { controlPlaneDown: { for: '10m', severity: 'warning', reason: 'a staging cluster' } } });
    expect(alerts.filter((a) => a.settingsKey === 'observability.alerts.controlPlaneDown').map((a) => [a.name, a.severity, a.for])).toEqual([
      ['VolcanoSchedulerDown', 'warning', '10m'],
      ['VolcanoControllerDown', 'warning', '10m'],
    ]);
    expect(alerts.filter((a) => a.name === 'VolcanoJobSchedulingLatencyHigh').map((a) => a.settingsKey)).toEqual([
      'observability.schedulingSlas[name=interactive]',
      'observability.schedulingSlas[name=batch]',
    ]);
  });
});
