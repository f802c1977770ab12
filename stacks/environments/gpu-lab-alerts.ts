import type { ObservabilitySettings } from '../../lib/observability/settings';

/**
 * gpu-lab's alert thresholds, reviewed as a whole for a cluster that is always busy: every lab keeps a
 * backlog, GPU jobs hold their nodes for hours to days, and borrowing idle GPUs is how the labs share.
 * Each setting says why (the alert catalog prints it); alerts whose defaults fit say so too.
 */
export const gpuLabAlerts: NonNullable<ObservabilitySettings['alerts']> = {
  controlPlaneDown: { for: '5m', reason: 'Default kept: a scheduler or controller outage stops every lab at once, however busy the cluster is.' },
  admissionWebhookErrors: { ratio: 0.05, minRequests: 20, for: '5m', reason: 'Default kept: failing webhooks reject submissions whatever the load.' },
  admissionWebhookLatency: { p99Seconds: 2, for: '10m', reason: 'Default kept: the 10 s webhook timeout does not depend on load.' },
  schedulingCycleLatency: {
    p95Milliseconds: 2000,
    for: '30m',
    reason: 'A saturated cluster carries hundreds of pending gangs through every session and the NUMA-aware and GPU-sharing predicates cost more per node: sessions of 1-2 s are normal here and delay placement by seconds against waits of hours.',
  },
  jobWaiting: {
    waitMinutes: 720,
    for: '30m',
    reason: 'Research jobs hold their GPUs for hours to days: a lab at its share places nothing until one of its own jobs ends. Twelve hours without any placement while jobs wait means the lab is stuck; a lab held below its guarantee is VolcanoQueueStarved\'s case.',
  },
  queueBacklog: {
    pendingPodGroups: 50,
    for: '1h',
    reason: 'Labs submit sweeps of many jobs at once and keep a backlog by design; only more than 50 pending PodGroups for an hour means a lab submits faster than its share can ever run.',
  },
  queueOverused: { for: '2h', severity: 'info', reason: 'Borrowing idle GPUs is how the labs share the cluster: informational only, and two hours leave out the churn of short borrowings.' },
  queueStarved: {
    for: '30m',
    reason: 'Reclaiming a borrowed GPU waits for the borrower\'s pods to checkpoint and exit (long termination grace periods): half an hour below the guarantee while asking for that resource means reclaim is not bringing it back.',
  },
  gangUnschedulable: {
    for: '6h',
    reason: 'Large GPU gangs wait for a whole set of nodes to free up, as long as the jobs before them run; six hours without its minimum placed means the gang asks for a shape that does not free up (more GPUs per node than any node has, or more than its lab\'s capability).',
  },
  jobFailureRate: { ratio: 0.25, minFinishedJobs: 5, for: '15m', reason: 'Default kept: jobs failing at that rate (OOM kills, broken images, lost nodes) need attention whatever the load.' },
};

/** gpu-lab's scheduling SLAs. */
export const gpuLabSlas: NonNullable<ObservabilitySettings['schedulingSlas']> = [
  { name: 'teaching', queues: ['teaching'], p95: '30m', for: '15m', severity: 'warning', reason: 'Course assignments are small CPU jobs with a guaranteed floor: half an hour is what students tolerate; many jobs per hour during term.' },
  {
    name: 'research',
    queues: ['lab-vision', 'lab-nlp', 'lab-robotics'],
    p95: '4h',
    for: '30m',
    severity: 'warning',
    // Labs first-place a few jobs an hour, not twenty: five are enough to tell a trend from one unlucky job.
    minJobs: 5,
    reason: 'A lab at its share waits for its own jobs to end: four hours is the promise for work within the lab\'s share; five jobs an hour is what a lab first-places when busy.',
  },
];
