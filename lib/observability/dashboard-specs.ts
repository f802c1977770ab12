import { ResolvedEnvironment } from '../config/model';
import { DashboardSpec } from './dashboard-kit';
import { queuesDashboard } from './dashboard-queues';
import { schedulerOperationsDashboard } from './dashboard-scheduler';
import { runsSchedulerAction } from './scheduler-actions';

/** The environment's dashboards, in the order they are rendered. */
export function dashboardSpecs(env: ResolvedEnvironment): DashboardSpec[] {
  const extraResources = Object.keys(env.capacity).filter((r) => r !== 'cpu' && r !== 'memory');
  return [schedulerOperationsDashboard(env.release.namespace, runsSchedulerAction(env, 'preempt')), queuesDashboard(extraResources, env.sharingPolicy)];
}
