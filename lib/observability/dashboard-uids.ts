/** Stable Grafana dashboard uids: alert links and bookmarks depend on them, so they never change. */
export const DASHBOARD_UIDS = {
  schedulerOperations: 'volcano-scheduler-operations',
  queues: 'volcano-queues',
} as const;
