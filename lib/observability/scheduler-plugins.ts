import { ResolvedEnvironment } from '../config/model';

/**
 * The scheduler plugins this branch ASSUMES the environment enables: the Volcano v1.15.1 chart's default
 * configuration, with the queue-sharing plugin (`proportion` or `capacity`) chosen by the environment's
 * sharing policy.
 *
 * Placeholder until merge: the real list comes from the scheduler configuration in `lib/volcano/`
 * (`enabledSchedulerPlugins(env)`), which is being written in parallel. At merge this function is
 * replaced by that one; everything here takes the plugin list as a parameter.
 */
export function schedulerPluginsAssumed(env: Pick<ResolvedEnvironment, 'sharingPolicy'>): string[] {
  return ['priority', 'gang', 'conformance', 'overcommit', 'drf', 'predicates', env.sharingPolicy, 'nodeorder', 'binpack'];
}
