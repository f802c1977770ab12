import { ResolvedEnvironment, ResolvedTenant } from './model';

/** The queues a tenant's workloads may submit to: its listed queues that are enabled, in its order. */
export function allowedQueues(env: Pick<ResolvedEnvironment, 'queues'>, tenant: Pick<ResolvedTenant, 'queues'>): string[] {
  const enabled = new Set(env.queues.filter((q) => q.enabled).map((q) => q.name));
  return tenant.queues.filter((q) => enabled.has(q));
}

/** The queue a tenant's workloads use when they name none: its first allowed queue. */
export function defaultQueue(env: Pick<ResolvedEnvironment, 'queues'>, tenant: Pick<ResolvedTenant, 'queues'>): string | undefined {
  return allowedQueues(env, tenant)[0];
}
