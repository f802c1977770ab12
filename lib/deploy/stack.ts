import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { EnvironmentDefinition, findEnvironment, prepareEnvironment } from '../config';
import { dashboardSpecs } from '../observability/dashboard-specs';
import { volcanoReleaseSpec } from '../volcano/values';
import { DeployedPlatform, deployPlatform } from './program';

/** Stack outputs operators use. */
export interface StackOutputs {
  /** The environment this stack deploys. */
  readonly environment: string;
  /** Helm release name of Volcano. */
  readonly releaseName: string;
  /** Volcano chart version installed. */
  readonly chartVersion: string;
  /** Namespace of the Volcano release. */
  readonly releaseNamespace: string;
  /** Every Volcano Queue the stack manages. */
  readonly queueNames: readonly string[];
  /** Grafana uids of the dashboards deployed (empty when monitoring is off). */
  readonly dashboardUids: readonly string[];
}

/** What one run of the stack did; kept for tests and tooling (mocks cannot see `dependsOn` or `protect`). */
export interface StackRun {
  /** What was deployed, with the dependency records. */
  readonly deployment: DeployedPlatform;
  /** The stack outputs. */
  readonly outputs: StackOutputs;
}

let lastRun: StackRun | undefined;

/** The most recent {@link runStack} in this process. */
export function lastStackRun(): StackRun | undefined {
  return lastRun;
}

/**
 * The Pulumi program: reads the stack's config (`Pulumi.<stack>.yaml`), picks the environment it names
 * (default: the stack's name; an unknown one fails listing the known ones), validates it, and deploys it.
 *
 * Config keys under the project's `volcano-platform:` namespace:
 * - `environment`: environment to deploy; default the stack name;
 * - `protect`: protect the Volcano release and the Queues from deletion; default `true` (dev sets `false`);
 * - `monitoring`: deploy ServiceMonitors and PrometheusRules (default `true`; needs prometheus-operator's CRDs).
 * And the provider's `kubernetes:context`: the kubeconfig context to deploy to. A protected stack must set
 * it, so it never deploys to whatever context happens to be current.
 */
export function runStack(environments: readonly EnvironmentDefinition[]): StackRun {
  const config = new pulumi.Config();
  const stack = pulumi.getStack();
  const env = prepareEnvironment(findEnvironment(environments, config.get('environment') ?? stack));
  if (config.get('kubeContext') !== undefined) {
    throw new Error(`stack ${stack}: volcano-platform:kubeContext is no longer read; set kubernetes:context in Pulumi.${stack}.yaml instead`);
  }
  const context = new pulumi.Config('kubernetes').get('context');
  // Safe by default: only a stack that says `protect: false` can delete the release and the Queues.
  const protect = config.getBoolean('protect') ?? true;
  if (protect && context === undefined) {
    throw new Error(`stack ${stack} (environment ${env.name}) is protected but names no cluster: set kubernetes:context in Pulumi.${stack}.yaml `
      + `(pulumi config set kubernetes:context <context>); deploying to whatever kube context is current is refused`);
  }
  const release = volcanoReleaseSpec(env);
  const monitoring = config.getBoolean('monitoring') ?? true;
  const deployment = deployPlatform({
    env,
    release,
    protect,
    monitoring,
    provider: context ? new k8s.Provider('cluster', { context }) : undefined,
  });
  const outputs: StackOutputs = {
    environment: env.name,
    releaseName: release.releaseName,
    chartVersion: release.version,
    releaseNamespace: release.namespace,
    queueNames: env.queues.map((q) => q.name),
    dashboardUids: monitoring ? dashboardSpecs(env).map((d) => d.uid) : [],
  };
  lastRun = { deployment, outputs };
  return lastRun;
}
