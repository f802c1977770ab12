import { ResolvedEnvironment } from '../config/model';
import { runsSchedulerAction } from './scheduler-actions';

/** An alert an environment does not render, and why. */
export interface OmittedAlert {
  /** Alert name. */
  readonly name: string;
  /** Why it is left out, a phrase the generated docs print. */
  readonly reason: string;
}

/** Alerts rendered only under a condition of the environment. */
export type ConditionalAlert = 'VolcanoJobSchedulingLatencyHigh' | 'VolcanoQueueStarved' | 'VolcanoPreemptionRateHigh';

/** Whether each conditional alert is rendered, and the reason it is left out otherwise. */
export function alertConditions(env: ResolvedEnvironment): Record<ConditionalAlert, { readonly rendered: boolean; readonly reason: string }> {
  return {
    // One rule per SLA: none without SLAs.
    VolcanoJobSchedulingLatencyHigh: { rendered: env.observability.schedulingSlas.length > 0, reason: 'no scheduling SLA' },
    VolcanoQueueStarved: {
      rendered: env.queues.some((q) => q.enabled && q.guarantee && Object.keys(q.guarantee).length > 0),
      reason: 'no enabled queue with a guarantee',
    },
    // Without the preempt action the counter never moves: the alert could never fire.
    VolcanoPreemptionRateHigh: { rendered: runsSchedulerAction(env, 'preempt'), reason: 'the scheduler does not run the preempt action' },
  };
}

/** The alerts `alertDefinitions` leaves out of an environment, each with its reason. */
export function omittedAlerts(env: ResolvedEnvironment): OmittedAlert[] {
  return Object.entries(alertConditions(env)).filter(([, c]) => !c.rendered).map(([name, c]) => ({ name, reason: c.reason }));
}
