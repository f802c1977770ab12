/**
 * One runbook per alert: what it means, what users feel, how to find the cause (commands and queries),
 * and what to do. Rendered to `docs/observability/runbooks/<Alert>.md`, where each alert's `runbook_url`
 * points. `$NS` stands for the environment's Volcano namespace (listed in the alert catalog).
 */

import { RECORDED } from './recording-rules';

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

const schedulerPods = 'kubectl -n "$NS" get pods -l app=volcano-scheduler -o wide';

export const RUNBOOKS: Readonly<Record<string, Runbook>> = {
  VolcanoSchedulerDown: {
    meaning: 'Prometheus has no successful scrape of any volcano-scheduler pod: the pods are gone, crash-looping, or their metrics Service no longer matches.',
    impact: 'New Volcano Jobs and PodGroups stay Pending: nothing is enqueued, allocated or preempted. Running pods are not affected. Every other scheduling alert goes blind.',
    diagnosis: [
      { look: 'Are the pods running, and restarting?', command: schedulerPods },
      { look: 'Why did the last container exit (configuration errors, OOM, lost API access)?', command: 'kubectl -n "$NS" logs deploy/volcano-scheduler --previous --tail=100' },
      { look: 'Does the Service still have endpoints on port "metrics" (8080)?', command: 'kubectl -n "$NS" get endpoints -l app=volcano-scheduler -o yaml' },
      { look: 'Is it a scrape problem only? Compare target health in Prometheus (Status > Targets) with the pods.', query: 'up{app="volcano-scheduler"}' },
    ],
    mitigation: [
      'If the pods crash on start, check the scheduler ConfigMap for the last change and roll it back; an invalid configuration is otherwise kept silently only while the old pod lives.',
      'If the pods are OOM-killed, raise the scheduler memory limit (large clusters and many PodGroups grow its cache).',
      'If the pods run but are not scraped, restore the Service label `app: volcano-scheduler` and port name `metrics`, which the ServiceMonitor selects.',
    ],
  },
  VolcanoControllerDown: {
    meaning: 'Prometheus has no successful scrape of any volcano-controller pod (the controller manager).',
    impact: 'Volcano Jobs do not create pods or move through phases, queue state (Open/Closed) and PodGroup status are not updated, and the per-queue PodGroup counts used by the backlog and starvation alerts freeze.',
    diagnosis: [
      { look: 'Are the pods running, and restarting?', command: 'kubectl -n "$NS" get pods -l app=volcano-controller -o wide' },
      { look: 'Why did the last container exit?', command: 'kubectl -n "$NS" logs deploy/volcano-controllers --previous --tail=100' },
      { look: 'Does the Service have endpoints on port "metrics" (8081)?', command: 'kubectl -n "$NS" get endpoints -l app=volcano-controller -o yaml' },
      { look: 'Scrape health as Prometheus sees it.', query: 'up{app="volcano-controller"}' },
    ],
    mitigation: [
      'Restart a stuck pod (`kubectl -n "$NS" rollout restart deploy/volcano-controllers`) after saving its logs.',
      'If it is OOM-killed, raise its memory limit; it caches every Job, PodGroup and Queue.',
      'With several replicas, make sure leader election is enabled, or replicas fight over the same objects.',
    ],
  },
  VolcanoAdmissionWebhookErrors: {
    meaning: 'The API server fails to call a Volcano admission webhook (connection refused, TLS error, or timeout) for a large share of requests.',
    impact: 'Volcano webhooks use failurePolicy Fail: creating or updating the objects the webhook covers (Jobs, Queues, PodGroups, possibly pods) is rejected, so users cannot submit work.',
    diagnosis: [
      { look: 'Which webhooks fail, and how often?', query: RECORDED.webhookErrorRatio },
      { look: 'Is the admission pod running and ready?', command: 'kubectl -n "$NS" get pods -l app=volcano-admission -o wide' },
      { look: 'What does the API server see? Try a server-side dry run of an object the webhook covers.', command: 'kubectl create --dry-run=server -f <a vcjob or queue manifest>' },
      { look: 'x509 errors mean the webhook configuration lost its caBundle (for example after re-applying it outside Helm).', command: 'kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations -o name | grep volcano' },
    ],
    mitigation: [
      'If the pod is down, restart it: `kubectl -n "$NS" rollout restart deploy/volcano-admission`; it also re-patches the caBundle on start.',
      'If calls time out, check the network path from the API server to the pod on port 8443 (firewalls on private clusters, network policies).',
      'As a last resort during an outage, delete the failing webhook configuration; the next Helm upgrade recreates it.',
    ],
  },
  VolcanoAdmissionWebhookSlow: {
    meaning: 'The p99 latency of a Volcano admission webhook, as the API server measures it, is high. Calls time out at 10 seconds and are then rejected.',
    impact: 'Submissions are slow and, near the timeout, fail intermittently with "context deadline exceeded".',
    diagnosis: [
      { look: 'Which webhook is slow?', query: RECORDED.webhookLatencyP99 },
      { look: 'Is the admission pod CPU-throttled or restarting?', command: 'kubectl -n "$NS" top pods -l app=volcano-admission' },
      { look: 'Is the API server itself slow (webhook latency includes the network path)?', query: 'histogram_quantile(0.99, sum by (le) (rate(apiserver_admission_webhook_admission_duration_seconds_bucket[5m])))' },
    ],
    mitigation: [
      'Give the admission pod more CPU, or more replicas.',
      'Fix the network path between API server and admission pod if other webhooks are fast.',
    ],
  },
  VolcanoSchedulingCycleSlow: {
    meaning: 'One scheduling session (snapshot, actions, close) takes longer than the threshold at p95. The scheduler starts a session every second.',
    impact: 'Every queue waits longer for placement; interactive SLAs are at risk first.',
    diagnosis: [
      { look: 'Which action dominates?', query: 'histogram_quantile(0.95, sum by (le, action) (rate(volcano_action_scheduling_latency_milliseconds_bucket[5m])))' },
      { look: 'Which plugin is slow to open or close a session?', query: 'histogram_quantile(0.95, sum by (le, plugin, OnSession) (rate(volcano_plugin_scheduling_latency_milliseconds_bucket[5m])))' },
      { look: 'How much work is there (pending and running PodGroups)?', query: 'sum(volcano_queue_pod_group_pending_count) + sum(volcano_queue_pod_group_running_count)' },
      { look: 'Is the scheduler CPU-throttled?', command: 'kubectl -n "$NS" top pods -l app=volcano-scheduler' },
    ],
    mitigation: [
      'Raise the scheduler CPU limit; it is single-leader and CPU-bound.',
      'If one plugin dominates, review its arguments or whether it is needed (for example a heavy node-order or topology plugin).',
      'Clean up stale PodGroups of deleted workloads, which the scheduler still snapshots.',
    ],
  },
  VolcanoJobSchedulingLatencyHigh: {
    meaning: 'For the queues of a scheduling SLA, the p95, over the jobs placed in the last hour, of the time from submission (PodGroup creation) to the last task placed is above the SLA. Jobs still waiting are not counted until placed: VolcanoJobWaitingTooLong covers a queue where nothing is placed, VolcanoQueueBacklog a long queue. The alert\'s `sla` and `queue` labels say which.',
    impact: 'Users of the queue wait longer than promised: for interactive work, sessions start late; for batch, phases miss their completion window.',
    diagnosis: [
      { look: 'Which jobs wait longest in the queue?', query: 'topk(10, max by (job_namespace, job_name) (volcano_e2e_job_scheduling_duration{queue="<queue>"}))' },
      { look: 'Is the queue at its capability or deserved share (then it is waiting for its own work to finish)?', query: `${RECORDED.queueAllocated}{queue_name="<queue>"}` },
      { look: 'Is the backlog growing?', query: `${RECORDED.podGroupsPending}{queue_name="<queue>"}` },
      { look: 'Why are its PodGroups not placed? The conditions name the failed predicate or gang shortfall.', command: 'kubectl get podgroups -A -o wide | grep <queue>; kubectl describe podgroup -n <namespace> <name>' },
    ],
    mitigation: [
      'If the queue is at its capability, raise the capability or move work to another queue.',
      'If other queues borrow its share, make sure the preempt/reclaim actions are enabled so the share comes back.',
      'If the cluster is full, add nodes; if jobs ask for more than any node has, fix their requests.',
    ],
  },
  VolcanoJobWaitingTooLong: {
    meaning: 'In the queue named by the `queue` label, a job has waited longer than the threshold for its first placement, no job of the queue has been placed in that time, and the queue has PodGroups pending or admitted but not running. The queue is stuck: the SLA alert cannot see it, since it only measures jobs once placed.',
    impact: 'Nothing submitted to the queue starts. Users see their jobs Pending with no progress.',
    diagnosis: [
      { look: 'Which jobs have never been placed, oldest first (seconds waited)?', query: 'sort_desc(time() - (max by (job_namespace, job_name) (volcano_e2e_job_scheduling_start_time{queue="<queue>"}) unless on (job_namespace, job_name) volcano_e2e_job_scheduling_last_time))' },
      { look: 'Is the queue open, and what do its PodGroups say?', command: 'kubectl get queue <queue> -o yaml; kubectl get podgroups -A -o wide | grep <queue>' },
      { look: 'Is the queue at its capability, or below its guarantee with others borrowing?', query: `${RECORDED.queueAllocated}{queue_name="<queue>"}` },
      { look: 'Why is the oldest job not placed? Its PodGroup conditions name the failed predicate or gang shortfall.', command: 'kubectl describe podgroup -n <namespace> <name>' },
    ],
    mitigation: [
      'If the queue is Closed, open it; if it is at its capability by design, tell its tenants.',
      'If the jobs ask for more than any node or the whole queue can hold (minMember, minResources), fix the jobs.',
      'If other queues hold its guarantee, make sure the reclaim action is enabled so the share comes back.',
      'Right after a scheduler restart, jobs placed before it have no placement time in the new process: the alert ignores them unless the queue also has waiting work and no placement.',
    ],
  },
  VolcanoQueueBacklog: {
    meaning: 'More PodGroups than the threshold have been Pending (not admitted to the queue) for the alert\'s duration.',
    impact: 'Work submitted to the queue does not start; the wait grows with every submission.',
    diagnosis: [
      { look: 'Is the queue open?', command: 'kubectl get queue <queue> -o jsonpath="{.status.state}"' },
      { look: 'Is the queue over its capability or deserved share (then enqueue holds new PodGroups back)?', query: `${RECORDED.queueAllocated}{queue_name="<queue>"}` },
      { look: 'What do the oldest pending PodGroups say?', command: 'kubectl get podgroups -A --field-selector=status.phase=Pending --sort-by=.metadata.creationTimestamp | grep <queue>' },
      { look: 'Is the scheduler healthy (the enqueue action runs every session)?', query: RECORDED.sessionLatencyP95 },
    ],
    mitigation: [
      'If the queue is full by design, tell its tenants and let it drain; otherwise raise its capability.',
      'If PodGroups ask for more than the queue can ever hold (minResources above capability), fix the jobs.',
      'If the queue is Closed, open it again.',
    ],
  },
  VolcanoQueueOverused: {
    meaning: 'The sharing plugin reports the queue using more than its deserved share.',
    impact: 'Informational: the queue is borrowing idle capacity. It cannot enqueue more work, and its reclaimable work may be evicted when other queues reclaim their share.',
    diagnosis: [
      { look: 'How far over its share is it?', query: 'max by (queue_name) (volcano_queue_share{queue_name="<queue>"})' },
      { look: 'Are other queues waiting while this one borrows?', query: RECORDED.podGroupsWaiting },
    ],
    mitigation: [
      'Nothing to do if other queues are idle: borrowing is the point of sharing.',
      'If the queue should own more, raise its weight (proportion) or deserved (capacity) in the environment file.',
    ],
  },
  VolcanoQueueStarved: {
    meaning: 'A queue holds less of a resource than its declared guarantee while it has PodGroups waiting. The `resource` label says which.',
    impact: 'The queue\'s tenants do not get what the platform guarantees them.',
    diagnosis: [
      { look: 'Guarantee against allocation, per resource.', query: `${RECORDED.queueGuarantee}{queue_name="<queue>"} - on (queue_name, resource) ${RECORDED.queueAllocated}` },
      { look: 'Who holds the resources? Queues over their share are the reclaim candidates.', query: 'max by (queue_name) (volcano_queue_overused) > 0' },
      { look: 'Are reclaim and preempt enabled in the scheduler configuration? Without them nothing is taken back.', command: 'kubectl -n "$NS" get configmap volcano-scheduler-configmap -o yaml | grep actions' },
      { look: 'Do the waiting jobs fit at all (node shapes, GPU types, gang size)?', command: 'kubectl describe podgroup -n <namespace> <name>' },
    ],
    mitigation: [
      'Enable the reclaim action if it is off; make sure the borrowing queues are reclaimable.',
      'If the guarantee exceeds what the cluster has (nodes lost), restore capacity or lower the guarantee.',
      'If the waiting jobs cannot fit on any node, fix their requests; the guarantee cannot help them.',
    ],
  },
  VolcanoGangJobUnschedulable: {
    meaning: 'The gang plugin could not place the minimum member count of a job (PodGroup named in `job_id`) in any session for the alert\'s duration.',
    impact: 'The job holds no resources but never starts; its users wait indefinitely.',
    diagnosis: [
      { look: 'How many tasks are missing?', query: 'volcano_unschedule_task_count{job_id="<job>"}' },
      { look: 'Why? The PodGroup conditions and events list the failed predicates.', command: 'kubectl get podgroups -A | grep <job>; kubectl describe podgroup -n <namespace> <job>' },
      { look: 'Does any set of nodes have room for minAvailable pods together?', command: 'kubectl describe nodes | grep -A5 "Allocated resources"' },
    ],
    mitigation: [
      'Lower minAvailable if the job can start with fewer members, or shrink per-pod requests.',
      'Free or add nodes with the needed shape (GPUs, memory); with the preempt action on, a higher priority class lets it take lower-priority work.',
      'Delete the job if it can never fit, and tell its owner.',
    ],
  },
  VolcanoPreemptionRateHigh: {
    meaning: 'The preempt action attempts more preemptions per minute than the threshold.',
    impact: 'Lower-priority work is evicted repeatedly and loses progress; cluster throughput drops. Oscillation between queues is a common cause.',
    diagnosis: [
      { look: 'Rate and victims over time.', query: `${RECORDED.preemptionRate} * 60` },
      { look: 'Which pods were preempted recently?', command: 'kubectl get events -A --field-selector reason=Preempted --sort-by=.lastTimestamp | tail -20' },
      { look: 'Which queues are over their share (likely victims) and which are starved (likely preemptors)?', query: 'max by (queue_name) (volcano_queue_share)' },
    ],
    mitigation: [
      'Check that priority classes are used as intended; a default class that is too high makes everything preempt.',
      'Give interactive work a guarantee instead of relying on preemption.',
      'Mark long batch work non-preemptible when losing its progress costs more than the wait.',
    ],
  },
  VolcanoJobFailureRateHigh: {
    meaning: 'More than the threshold share of the Volcano Jobs of a queue that finished in the last hour ended Failed (with at least the minimum number finished).',
    impact: 'Tenants\' work fails: either their jobs are broken, or the platform (nodes, images, quotas, evictions) makes them fail.',
    diagnosis: [
      { look: 'Failures and completions per queue.', query: `${RECORDED.jobsFailed} / ${RECORDED.jobsFinished}` },
      { look: 'Which jobs failed, and why (the last conditions name the failed task)?', command: 'kubectl get vcjob -A | grep Failed; kubectl describe vcjob -n <namespace> <job>' },
      { look: 'Are pods evicted or OOM-killed rather than failing on their own?', command: 'kubectl get events -A --field-selector reason=Evicted --sort-by=.lastTimestamp | tail -20' },
    ],
    mitigation: [
      'If one tenant\'s jobs fail on their own, hand over to the tenant with the failing job names.',
      'If failures follow evictions or preemption, see VolcanoPreemptionRateHigh; if nodes fail, drain and repair them.',
      'If image pulls or quota rejections cause it, fix the registry access or the tenant quota.',
    ],
  },
};
