/**
 * One runbook per alert and environment: what it means, what users feel, how to find the cause (commands
 * and queries with the environment's namespace and object names filled in), and what to do. Every
 * mitigation that changes configuration is a change under `stacks/` plus `npm run synth` and a pull
 * request: the cluster is never edited by hand. Rendered to `docs/observability/runbooks/<env>/<Alert>.md`,
 * where each alert's `runbook_url` points.
 */

import { ResolvedEnvironment } from '../config/model';
import { RECORDED } from './recording-rules';
import { RunbookContext, discoveryStep, runbookContext, runsAction, stacksChange } from './runbook-context';
import { queueRunbooks } from './runbooks-queues';

/** One diagnosis step: what to look at, with a shell command and/or a PromQL query. */
export interface DiagnosisStep {
  readonly look: string;
  readonly command?: string;
  readonly query?: string;
}

/** The runbook of one alert. */
export interface Runbook {
  readonly meaning: string;
  readonly impact: string;
  readonly diagnosis: readonly DiagnosisStep[];
  readonly mitigation: readonly string[];
}

/** Every runbook of an environment, by alert name. */
export function runbooksFor(env: ResolvedEnvironment): Readonly<Record<string, Runbook>> {
  const c = runbookContext(env);
  return { ...controlPlaneRunbooks(c), ...schedulingRunbooks(c), ...queueRunbooks(c) };
}

function controlPlaneRunbooks(c: RunbookContext): Record<string, Runbook> {
  const d = c.deployments;
  return {
    VolcanoSchedulerDown: {
      meaning: `Prometheus has no successful scrape of any volcano-scheduler pod in \`${c.ns}\`: the pods are gone, crash-looping, or their metrics Service no longer matches. One healthy replica (during a rolling restart, or a standby) keeps the alert silent.`,
      impact: 'New Volcano Jobs and PodGroups stay Pending: nothing is enqueued, allocated or preempted. Running pods are not affected. Every other scheduling alert goes blind.',
      diagnosis: [
        { look: 'Are the pods running, and restarting?', command: `kubectl -n ${c.ns} get pods -l app=volcano-scheduler -o wide` },
        { look: 'Why did the last container exit (configuration errors, OOM, lost API access)?', command: `kubectl -n ${c.ns} logs deploy/${d.scheduler} --previous --tail=100` },
        { look: `Did the scheduler configuration change? Compare ConfigMap ${c.schedulerConfigMap} with \`scheduler_config_override\` in dist/${c.env}/00-volcano-release.yaml.`, command: `kubectl -n ${c.ns} get configmap ${c.schedulerConfigMap} -o yaml` },
        { look: `Does Service ${c.release}-scheduler-service still have endpoints on port "metrics" (8080)?`, command: `kubectl -n ${c.ns} get endpoints ${c.release}-scheduler-service -o yaml` },
        { look: 'Is it a scrape problem only? Compare target health in Prometheus (Status > Targets) with the pods.', query: `up{namespace="${c.ns}", app="volcano-scheduler"}` },
        discoveryStep(c),
      ],
      mitigation: [
        `If the pods crash on start after a configuration change, revert the pull request that changed it (git revert), run \`npm run synth\` and merge the revert; Flux rolls the release back to it.`,
        `If the pods are OOM-killed: ${stacksChange(c, 'raise `release.components.scheduler.resources.limits.memory`')}`,
        `If the pods run but are not scraped, check the HelmRelease status (\`kubectl -n ${c.ns} get helmrelease ${c.release}\`): the chart's Service carries \`app: volcano-scheduler\` and port \`metrics\`, which the ServiceMonitor volcano-scheduler selects; something outside the platform changed it.`,
      ],
    },
    VolcanoControllerDown: {
      meaning: `Prometheus has no successful scrape of any volcano-controller pod (the controller manager, Deployment ${d.controller}) in \`${c.ns}\`.`,
      impact: 'Volcano Jobs do not create pods or move through phases, PodGroup status is not updated, and the per-queue PodGroup counts used by the backlog and waiting alerts freeze.',
      diagnosis: [
        { look: 'Are the pods running, and restarting?', command: `kubectl -n ${c.ns} get pods -l app=volcano-controller -o wide` },
        { look: 'Why did the last container exit?', command: `kubectl -n ${c.ns} logs deploy/${d.controller} --previous --tail=100` },
        { look: `Does Service ${c.release}-controllers-service have endpoints on port "metrics" (8081)?`, command: `kubectl -n ${c.ns} get endpoints ${c.release}-controllers-service -o yaml` },
        { look: 'Scrape health as Prometheus sees it.', query: `up{namespace="${c.ns}", app="volcano-controller"}` },
        discoveryStep(c),
      ],
      mitigation: [
        `Restart a stuck pod after saving its logs: \`kubectl -n ${c.ns} rollout restart deploy/${d.controller}\` (a restart changes no configuration).`,
        `If it is OOM-killed (it caches every Job, PodGroup and Queue): ${stacksChange(c, 'raise `release.components.controller.resources.limits.memory`')}`,
      ],
    },
    VolcanoAdmissionWebhookErrors: {
      meaning: 'The API server fails to call a Volcano admission webhook (connection refused, TLS error, or timeout) for a large share of requests, with at least the minimum number of calls in 5 minutes (`observability.alerts.admissionWebhookErrors.minRequests`): a few calls failing while an idle webhook restarts do not page.',
      impact: 'Volcano webhooks use failurePolicy Fail: creating or updating the objects the webhook covers (Jobs, Queues, PodGroups, possibly pods) is rejected, so users cannot submit work.',
      diagnosis: [
        { look: 'Which webhooks fail, and how often?', query: RECORDED.webhookErrorRatio },
        { look: 'Is the admission pod running and ready?', command: `kubectl -n ${c.ns} get pods -l app=volcano-admission -o wide` },
        { look: 'What does the API server see? Try a server-side dry run of an object the webhook covers.', command: 'kubectl create --dry-run=server -f <a vcjob or queue manifest>' },
        { look: 'x509 errors mean the webhook configuration lost its caBundle (for example after re-applying it outside Helm).', command: 'kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations -o name | grep volcano' },
      ],
      mitigation: [
        `If the pod is down or the caBundle is lost, restart it: \`kubectl -n ${c.ns} rollout restart deploy/${d.admission}\`; it re-patches the caBundle on start.`,
        'If calls time out, check the network path from the API server to the pod on port 8443 (firewalls on private clusters, network policies).',
        `As a last resort during an outage, delete the failing webhook configuration; \`flux reconcile helmrelease -n ${c.ns} ${c.release} --force\` recreates it once the pod is healthy.`,
      ],
    },
    VolcanoAdmissionWebhookSlow: {
      meaning: 'The p99 latency of a Volcano admission webhook, as the API server measures it, is high. Calls time out at 10 seconds and are then rejected.',
      impact: 'Submissions are slow and, near the timeout, fail intermittently with "context deadline exceeded".',
      diagnosis: [
        { look: 'Which webhook is slow?', query: RECORDED.webhookLatencyP99 },
        { look: 'Is the admission pod CPU-throttled or restarting?', command: `kubectl -n ${c.ns} top pods -l app=volcano-admission` },
        { look: 'Is the API server itself slow (webhook latency includes the network path)?', query: 'histogram_quantile(0.99, sum by (le) (rate(apiserver_admission_webhook_admission_duration_seconds_bucket[5m])))' },
      ],
      mitigation: [
        `If the pod is throttled: ${stacksChange(c, 'raise `release.components.admission.resources` (or `replicas`)')}`,
        'Fix the network path between API server and admission pod if other webhooks are fast.',
      ],
    },
  };
}

function schedulingRunbooks(c: RunbookContext): Record<string, Runbook> {
  return {
    VolcanoSchedulingCycleSlow: {
      meaning: 'One scheduling session (snapshot, actions, close) takes longer than the threshold at p95. The scheduler starts a session every second.',
      impact: 'Every queue waits longer for placement; interactive SLAs are at risk first.',
      diagnosis: [
        { look: 'Which action dominates?', query: 'histogram_quantile(0.95, sum by (le, action) (rate(volcano_action_scheduling_latency_milliseconds_bucket[5m])))' },
        { look: 'Which plugin is slow to open or close a session?', query: 'histogram_quantile(0.95, sum by (le, plugin, OnSession) (rate(volcano_plugin_scheduling_latency_milliseconds_bucket[5m])))' },
        { look: 'How much work is there (pending and running PodGroups)?', query: 'sum(volcano_queue_pod_group_pending_count) + sum(volcano_queue_pod_group_running_count)' },
        { look: 'Is the scheduler CPU-throttled?', command: `kubectl -n ${c.ns} top pods -l app=volcano-scheduler` },
      ],
      mitigation: [
        `If it is throttled (it is single-leader and CPU-bound): ${stacksChange(c, 'raise `release.components.scheduler.resources.limits.cpu`')}`,
        `If one plugin dominates, review whether the environment needs it (for example the GPU or NUMA settings under \`release.scheduler\`); ${stacksChange(c, 'change them')}`,
        'Delete stale PodGroups of deleted workloads, which the scheduler still snapshots every session.',
      ],
    },
    VolcanoJobSchedulingLatencyHigh: {
      meaning: 'For the queues of a scheduling SLA, the p95, over the jobs first placed in the last hour, of the time from submission (PodGroup creation) to the first placement of one of its tasks is above the SLA, with at least the SLA\'s minimum number of such jobs. Re-placements after evictions, reclaims or node drains, Volcano Job restarts (which re-create the PodGroup under the same name), and new pods of long-lived Deployments, do not count: the rules remember each job\'s earliest creation and first placement across restarts of the job and of the scheduler. Jobs still waiting count once placed: VolcanoJobWaitingTooLong covers a queue where nothing is placed, VolcanoQueueBacklog a long queue. The alert\'s `sla` and `queue` labels say which.',
      impact: 'Users of the queue wait longer than promised: for interactive work, sessions start late; for batch, phases miss their completion window.',
      diagnosis: [
        { look: 'Which jobs first placed in the last hour waited longest (seconds)?', query: `topk(10, ${RECORDED.jobFirstPlacementWait}{queue="<queue>"} and on (queue, job_namespace, job_name) (${RECORDED.jobFirstPlaced} > time() - 3600))` },
        { look: 'Is the queue at its capability or deserved share (then it is waiting for its own work to finish)?', query: `${RECORDED.queueAllocated}{queue="<queue>"}` },
        { look: 'Is the backlog growing?', query: `${RECORDED.podGroupsPending}{queue="<queue>"}` },
        { look: 'Why are its PodGroups not placed? The conditions name the failed predicate or gang shortfall.', command: 'kubectl get podgroups -A -o wide | grep <queue>; kubectl describe podgroup -n <namespace> <name>' },
      ],
      mitigation: [
        `If the queue is at its capability: ${stacksChange(c, 'raise `queues[<queue>].capability`')}`,
        `If other queues borrow its share: ${runsAction(c, 'reclaim')}; reclaim only takes back from queues with \`reclaimable: true\`. ${stacksChange(c, 'Set `reclaimable: true` on the borrowing queues, or give this queue a `guarantee`')}`,
        'If the cluster is full, add nodes; if jobs ask for more than any node has, fix their requests with their owners.',
      ],
    },
  };
}
