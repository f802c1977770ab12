import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { allowedQueues, defaultQueue } from '../config/allowed-queues';
import { ResolvedEnvironment, ResolvedTenant } from '../config/model';
import { LABELS } from '../labels';
import { VOLCANO_SCHEDULER } from './cel';

/** Name of the ConfigMap workloads read their Volcano settings from, in every tenant namespace. */
export const INTEGRATION_CONFIG_MAP = 'volcano-integration';

/** The settings a tenant's workloads read (as environment variables via `envFrom`). */
export function integrationSettings(env: ResolvedEnvironment, tenant: ResolvedTenant): Record<string, string> {
  return {
    ENABLE_VOLCANO_SCHEDULER: String(env.admission.volcanoSchedulerEnabled),
    VOLCANO_SCHEDULER_NAME: VOLCANO_SCHEDULER,
    VOLCANO_NAMESPACE: tenant.name,
    VOLCANO_DEFAULT_QUEUE: defaultQueue(env, tenant) ?? '',
    VOLCANO_ALLOWED_QUEUES: allowedQueues(env, tenant).join(','),
    VOLCANO_MAX_RETRY: String(env.admission.maxRetry),
  };
}

/** Props of {@link WorkloadIntegration}. */
export interface WorkloadIntegrationProps {
  /** The environment. */
  readonly environment: ResolvedEnvironment;
}

/**
 * One ConfigMap per tenant namespace telling workloads (e.g. Temporal workers that submit jobs) whether
 * to submit to Volcano, and with which scheduler, queue and namespace. `ENABLE_VOLCANO_SCHEDULER` is the
 * rollout switch: on where the environment's `admission.volcanoSchedulerEnabled` is set.
 */
export class WorkloadIntegration extends Construct {
  constructor(scope: Construct, id: string, props: WorkloadIntegrationProps) {
    super(scope, id);
    for (const tenant of props.environment.tenants) {
      new k8s.KubeConfigMap(this, tenant.name, {
        metadata: { name: INTEGRATION_CONFIG_MAP, namespace: tenant.name, labels: { [LABELS.tenant]: tenant.name } },
        data: integrationSettings(props.environment, tenant),
      });
    }
  }
}
