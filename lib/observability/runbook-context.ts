import { ResolvedEnvironment } from '../config/model';
import { schedulerConfiguration } from '../volcano/scheduler-derive';

/**
 * What a runbook of one environment names: its namespace and the chart's object names (all derived
 * from the release name, templates/scheduler.yaml and controllers.yaml of the Volcano 1.15.1 chart), the
 * scheduler actions it runs, and how a configuration change is made on this platform.
 */
export interface RunbookContext {
  /** Environment name. */
  readonly env: string;
  /** The Volcano release namespace. */
  readonly ns: string;
  /** The HelmRelease (and Helm release) name. */
  readonly release: string;
  /** Deployments of the three components. */
  readonly deployments: { readonly scheduler: string; readonly controller: string; readonly admission: string };
  /** The ConfigMap the chart writes the scheduler configuration to. */
  readonly schedulerConfigMap: string;
  /** Scheduler actions, in order. */
  readonly actions: readonly string[];
  /** `proportion` or `capacity`. */
  readonly sharingPolicy: string;
  /** The Prometheus service account granted discovery (`observability.prometheusServiceAccount`), if the environment names one. */
  readonly prometheusServiceAccount?: { readonly namespace: string; readonly name: string };
}

/** The runbook context of an environment. */
export function runbookContext(env: ResolvedEnvironment): RunbookContext {
  const release = env.release.releaseName;
  return {
    env: env.name,
    ns: env.release.namespace,
    release,
    deployments: { scheduler: `${release}-scheduler`, controller: `${release}-controllers`, admission: `${release}-admission` },
    schedulerConfigMap: `${release}-scheduler-configmap`,
    actions: schedulerConfiguration(env).actions,
    sharingPolicy: env.sharingPolicy,
    ...(env.observability.prometheusServiceAccount !== undefined ? { prometheusServiceAccount: env.observability.prometheusServiceAccount } : {}),
  };
}

/**
 * A configuration change as this platform makes it: in the environment's definition under `stacks/`,
 * regenerated with `npm run synth`, reviewed and merged as a pull request (Flux then applies it). Nothing
 * is edited in the cluster: the next reconciliation would undo it.
 */
export function stacksChange(c: RunbookContext, change: string): string {
  return `${change} in the definition of environment \`${c.env}\` under \`stacks/\`, run \`npm run synth\`, and open a pull request with it and the regenerated \`dist/${c.env}/\`.`;
}

/** Whether the environment's scheduler runs an action, as a phrase. */
export function runsAction(c: RunbookContext, action: string): string {
  return c.actions.includes(action)
    ? `\`${c.env}\` runs ${action} (actions: ${c.actions.join(', ')})`
    : `\`${c.env}\` does not run ${action} (actions: ${c.actions.join(', ')})`;
}

/**
 * The diagnosis step asking whether Prometheus may discover the targets in the Volcano namespace: without
 * the grant it has no target at all, whatever the pods do.
 */
export function discoveryStep(c: RunbookContext): { look: string; command: string } {
  const account = c.prometheusServiceAccount;
  const subject = account ? `system:serviceaccount:${account.namespace}:${account.name}` : 'system:serviceaccount:<prometheus namespace>:<prometheus service account>';
  const granted = account
    ? `\`${c.env}\` grants it with Role and RoleBinding volcano-prometheus-discovery (observability.prometheusServiceAccount).`
    : `\`${c.env}\` generates no grant (observability.prometheusServiceAccount is unset): its Prometheus must have a ClusterRole.`;
  return {
    look: `No target at all? May Prometheus list the Endpoints in \`${c.ns}\`? ${granted}`,
    command: `kubectl auth can-i list endpoints -n ${c.ns} --as=${subject}`,
  };
}
