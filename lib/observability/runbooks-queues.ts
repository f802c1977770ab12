import { RECORDED } from './recording-rules';
import { RunbookContext, runsAction, stacksChange } from './runbook-context';
import type { Runbook } from './runbooks';

/** How this platform opens, closes and checks a queue (Volcano has no spec field for it). */
function queueOpen(c: RunbookContext): { check: string; open: string } {
  return {
    check: 'kubectl get queue <queue> -o jsonpath=\'{.metadata.annotations.volcano-platform\\.io/enabled}{" "}{.status.state}{"\\n"}\'',
    open:
      `If the queue is disabled (annotation \`volcano-platform.io/enabled: "false"\`, capability 1m cpu / 1 byte memory), that is a decision in \`stacks/\`: tell its tenants, or ${stacksChange(c, 'set `queues[<queue>].enabled: true` (or remove the line)')} ` +
      'If `.status.state` is Closed although the queue is enabled, someone closed it outside the platform (`vcctl queue operate`): open it the same way (`vcctl queue operate --name <queue> --action open`) and find out who closed it.',
  };
}

/** kubectl output of PodGroups with the queue and phase as the third and fourth columns. */
const PODGROUP_COLUMNS =
  '-o custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,QUEUE:.spec.queue,PHASE:.status.phase,MINMEMBER:.spec.minMember,CREATED:.metadata.creationTimestamp';

/** Runbooks of the queue- and job-level alerts. */
export function queueRunbooks(c: RunbookContext): Record<string, Runbook> {
  const share = c.sharingPolicy === 'capacity' ? 'deserved' : 'weight';
  const state = queueOpen(c);
  return {
    VolcanoJobWaitingTooLong: {
      meaning: 'In the queue named by the `queue` label, a job has waited longer than the threshold for its first placement, no job of the queue has been placed in that time, and the queue has PodGroups pending or admitted but not running. The queue is stuck: the SLA alert cannot see it, since it only measures jobs once placed. Jobs placed before a scheduler restart are remembered as placed; a gang job whose members only partly fit counts as waiting, not placed (the scheduler tries and discards it every session), so the job waiting may be that gang.',
      impact: 'Nothing submitted to the queue starts. Users see their jobs Pending with no progress.',
      diagnosis: [
        { look: 'Which jobs have never been placed, oldest first (seconds waited)?', query: `sort_desc(time() - (max by (queue, job_namespace, job_name) (volcano_e2e_job_scheduling_start_time{queue="<queue>"}) unless on (queue, job_namespace, job_name) ${RECORDED.jobFirstPlaced}))` },
        { look: 'Is the queue enabled, and open?', command: state.check },
        { look: 'What do its PodGroups say?', command: 'kubectl get podgroups -A -o wide | grep <queue>' },
        { look: 'Is the queue at its capability, or below its guarantee with others borrowing?', query: `${RECORDED.queueAllocated}{queue="<queue>"}` },
        { look: 'Why is the oldest job not placed? Its PodGroup conditions name the failed predicate or gang shortfall.', command: 'kubectl describe podgroup -n <namespace> <name>' },
      ],
      mitigation: [
        state.open,
        `If it is at its capability by design, tell its tenants; otherwise ${stacksChange(c, 'raise `queues[<queue>].capability`')}`,
        'If the jobs ask for more than any node or the whole queue can hold (minMember, minResources), fix the jobs with their owners.',
        `If other queues hold its guarantee: ${runsAction(c, 'reclaim')}; see VolcanoQueueStarved.`,
      ],
    },
    VolcanoQueueBacklog: {
      meaning: 'More PodGroups than the threshold have been Pending (not admitted to the queue) for the alert\'s duration.',
      impact: 'Work submitted to the queue does not start; the wait grows with every submission.',
      diagnosis: [
        { look: 'Is the queue enabled, and open?', command: state.check },
        { look: 'Is the queue over its capability or deserved share (then enqueue holds new PodGroups back)?', query: `${RECORDED.queueAllocated}{queue="<queue>"}` },
        // The PodGroup CRD declares no selectableFields, so the API server refuses a field selector on
        // status.phase, and its QUEUE column is priority 1 (printed only with -o wide)
        // (installer/helm/chart/volcano/crd/bases/scheduling.volcano.sh_podgroups.yaml:19-34): print the
        // columns explicitly and filter on the client.
        { look: 'What do the oldest pending PodGroups say?', command: `kubectl get podgroups -A --sort-by=.metadata.creationTimestamp ${PODGROUP_COLUMNS} | awk 'NR == 1 || ($3 == "<queue>" && $4 == "Pending")'` },
        { look: 'Is the scheduler healthy (the enqueue action runs every session)?', query: RECORDED.sessionLatencyP95 },
      ],
      mitigation: [
        state.open,
        `If the queue is full by design, tell its tenants and let it drain; otherwise ${stacksChange(c, 'raise `queues[<queue>].capability`')}`,
        'If PodGroups ask for more than the queue can ever hold (minResources above capability), fix the jobs with their owners.',
      ],
    },
    VolcanoQueueOverused: {
      meaning: c.sharingPolicy === 'proportion'
        ? 'The queue holds more of the resource named by the `resource` label than the proportion plugin computes it deserves. Volcano\'s own `volcano_queue_overused` is not used: proportion caps deserved at what the queue\'s tasks request, so it reads 1 for every queue with nothing pending.'
        : 'The sharing plugin reports the queue using more than its deserved share.',
      impact: c.sharingPolicy === 'proportion'
        ? 'Informational: the queue is borrowing idle capacity. Reclaim takes back only what it holds beyond its deserved share, from its reclaimable jobs, when other queues wait.'
        : 'Informational: the queue is borrowing idle capacity. It cannot enqueue more work, and its reclaimable work may be evicted when other queues reclaim their share.',
      diagnosis: [
        c.sharingPolicy === 'proportion'
          ? { look: 'How much more than its deserved share does it hold, per resource?', query: `${RECORDED.queueAllocated}{queue="<queue>"} - on (queue, resource) ${RECORDED.queueDeserved}` }
          : { look: 'How far over its share is it?', query: 'max by (queue_name) (volcano_queue_share{queue_name="<queue>"})' },
        { look: 'Are other queues waiting while this one borrows?', query: RECORDED.podGroupsWaiting },
      ],
      mitigation: [
        'Nothing to do if other queues are idle: borrowing is the point of sharing.',
        `If the queue should own more (\`${c.env}\` shares by ${c.sharingPolicy}): ${stacksChange(c, `raise \`queues[<queue>].${share}\``)}`,
      ],
    },
    VolcanoQueueStarved: {
      meaning: 'A queue holds less of a resource than its declared guarantee while its pending tasks request more of that resource than it holds, or while PodGroups of the queue stay Pending (not admitted), and it does not hold its full guarantee of another guaranteed resource its tasks wait for. The `resource` label says which. A Volcano Job gets its pods only once its PodGroup is admitted, so jobs held Pending request nothing yet: the alert then names every resource the queue is short of. A GPU-bound lab below its CPU guarantee whose waiting jobs need GPUs it already holds its guarantee of is waiting fairly for GPUs: no alert for CPU.',
      impact: 'The queue\'s tenants do not get what the platform guarantees them.',
      diagnosis: [
        { look: 'Per resource: how far below its guarantee it is, and how much more its tasks request than it holds.', query: `{__name__=~"${RECORDED.queueBelowGuarantee}|${RECORDED.queueWaitingFor}", queue="<queue>"}` },
        { look: 'Are its PodGroups held Pending (not admitted: the enqueue action refuses them, e.g. overcommit\'s budget is spent by other queues)?', query: `${RECORDED.podGroupsPending}{queue="<queue>"}` },
        {
          look: 'Who holds the resources? Queues over their share are the reclaim candidates.',
          // Under proportion Volcano's overused gauge is 1 for every fully served queue (see VolcanoQueueOverused).
          query: c.sharingPolicy === 'proportion' ? `${RECORDED.queueAllocated} > on (queue, resource) ${RECORDED.queueDeserved}` : `${RECORDED.queueOverused} > 0`,
        },
        { look: `Does the scheduler take resources back? ${runsAction(c, 'reclaim')}; the running configuration is in ConfigMap ${c.schedulerConfigMap}.`, command: `kubectl -n ${c.ns} get configmap ${c.schedulerConfigMap} -o yaml | grep actions` },
        { look: 'Do the waiting jobs fit at all (node shapes, GPU types, gang size)?', command: 'kubectl describe podgroup -n <namespace> <name>' },
      ],
      mitigation: [
        `Reclaim runs whenever an enabled queue is \`reclaimable\`, and takes back only from reclaimable queues: if the borrowers are not, ${stacksChange(c, 'set `reclaimable: true` on them')}`,
        `If the guarantee exceeds what the cluster has (nodes lost), restore the nodes, or ${stacksChange(c, 'lower `queues[<queue>].guarantee`')}`,
        'If the waiting jobs cannot fit on any node, fix their requests with their owners; the guarantee cannot help them.',
      ],
    },
    VolcanoGangJobUnschedulable: {
      meaning: 'The gang plugin could not place the minimum member count of a job (PodGroup named in `job_id`; Volcano\'s metric carries neither namespace nor queue) in any session for the alert\'s duration. The plugin counts every job not yet ready, so a gang waiting its turn behind running work counts too: the duration is never shorter than the longest scheduling SLA p95 of the environment, and the gang may simply still be waiting for resources to free up.',
      impact: 'The job holds no resources and has not started for longer than any SLA allows; if it asks for a shape that never frees up, its users wait indefinitely.',
      diagnosis: [
        { look: 'How many tasks are missing?', query: 'volcano_unschedule_task_count{job_id="<job>"}' },
        { look: 'Why? The PodGroup conditions and events list the failed predicates.', command: 'kubectl get podgroups -A | grep <job>; kubectl describe podgroup -n <namespace> <job>' },
        { look: 'Does any set of nodes have room for minAvailable pods together?', command: 'kubectl describe nodes | grep -A5 "Allocated resources"' },
      ],
      mitigation: [
        'Lower minAvailable if the job can start with fewer members, or shrink per-pod requests (with the job\'s owner).',
        `Free or add nodes with the needed shape (GPUs, memory). ${runsAction(c, 'preempt')}: with it, a higher priority class lets the job take lower-priority work.`,
        'Delete the job if it can never fit, and tell its owner.',
      ],
    },
    VolcanoPreemptionRateHigh: {
      meaning: 'The preempt action attempts more preemptions per minute than the threshold.',
      impact: 'Lower-priority work is evicted repeatedly and loses progress; cluster throughput drops. Oscillation between queues is a common cause.',
      diagnosis: [
        { look: 'Rate over time.', query: `${RECORDED.preemptionRate} * 60` },
        { look: 'Which pods were preempted recently?', command: 'kubectl get events -A --field-selector reason=Preempted --sort-by=.lastTimestamp | tail -20' },
        { look: 'Which queues are over their share (likely victims) and which are starved (likely preemptors)?', query: 'max by (queue_name) (volcano_queue_share)' },
      ],
      mitigation: [
        `Check that priority classes are used as intended; a class that is too high makes everything preempt. ${stacksChange(c, 'Narrow `admission.priorityClassesByQueue` or the tenants\' `priorityClasses`')}`,
        `Give interactive work a guarantee instead of relying on preemption: ${stacksChange(c, 'set `queues[<queue>].guarantee`')}`,
      ],
    },
    VolcanoJobFailureRateHigh: {
      meaning: 'More than the threshold share of the Volcano Jobs of a queue that finished in the last hour ended Failed (with at least the minimum number finished). Jobs deleted since they finished (`ttlSecondsAfterFinished`) still count, from the last value Prometheus scraped; a job finished and deleted between two scrapes is never seen.',
      impact: 'Tenants\' work fails: either their jobs are broken, or the platform (nodes, images, quotas, evictions) makes them fail.',
      diagnosis: [
        { look: 'Failures and completions per queue.', query: `${RECORDED.jobsFailed} / ${RECORDED.jobsFinished}` },
        { look: 'Which jobs failed, and why (the last conditions name the failed task)?', command: 'kubectl get vcjob -A | grep Failed; kubectl describe vcjob -n <namespace> <job>' },
        { look: 'Are pods evicted or OOM-killed rather than failing on their own?', command: 'kubectl get events -A --field-selector reason=Evicted --sort-by=.lastTimestamp | tail -20' },
      ],
      mitigation: [
        'If one tenant\'s jobs fail on their own, hand over to the tenant with the failing job names.',
        'If failures follow evictions or preemption, see VolcanoPreemptionRateHigh; if nodes fail, drain and repair them.',
        `If quota rejections cause it: ${stacksChange(c, 'raise `tenants[<tenant>].quota`')}`,
      ],
    },
  };
}
