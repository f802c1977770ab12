import { ResolvedEnvironment } from '../config/model';
import { schedulerConfiguration } from '../volcano/scheduler-derive';

/**
 * Whether the environment's scheduler configuration runs an action. Rules and panels on metrics that only
 * an action moves (preemption counters) are omitted without it: they would sit at zero and never fire.
 */
export function runsSchedulerAction(env: ResolvedEnvironment, action: string): boolean {
  return (schedulerConfiguration(env).actions as readonly string[]).includes(action);
}
