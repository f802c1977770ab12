import { DEFAULT_RELEASE_NAME, DEFAULT_RELEASE_NAMESPACE, VOLCANO_CHART } from './chart';
import type {
  AdmissionHook,
  ContainerSecuritySettings,
  PodSecuritySettings,
  ReleaseSettings,
  ResolvedComponent,
  ResolvedReleaseSettings,
  VolcanoComponent,
} from './settings';

/**
 * The defaults of an environment's `release` and the resolver that applies them. The settings and
 * their resolved types, with each default documented on its field, are in `settings.ts`.
 */

/** The chart's default admission paths: no pod hooks, so plain pods never depend on the webhook. */
export const DEFAULT_ADMISSION_HOOKS: readonly AdmissionHook[] = [
  '/jobs/mutate', '/jobs/validate', '/podgroups/validate', '/queues/mutate', '/queues/validate', '/hypernodes/validate', '/cronjobs/validate',
];

/** Non-root with the runtime's default seccomp profile. */
export const DEFAULT_POD_SECURITY_CONTEXT: PodSecuritySettings = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

/** The chart's container defaults, stated explicitly: the components need DAC_OVERRIDE to read their mounted files. */
export const DEFAULT_CONTAINER_SECURITY_CONTEXT: ContainerSecuritySettings = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  runAsUser: 1000,
  capabilities: { add: ['DAC_OVERRIDE'], drop: ['ALL'] },
};

/** Applies the defaults. Pure and total: bad input is left for validation to report. */
export function resolveReleaseSettings(settings: ReleaseSettings | undefined): ResolvedReleaseSettings {
  const s = settings ?? {};
  const component = (name: VolcanoComponent): ResolvedComponent => {
    const c = s.components?.[name] ?? {};
    const replicas = c.replicas ?? 1;
    return {
      replicas,
      resources: c.resources,
      antiAffinity: c.antiAffinity ?? (replicas > 1 ? 'preferred' : 'none'),
      tolerations: c.tolerations ?? [],
      nodeSelector: c.nodeSelector,
      podDisruptionBudget: c.podDisruptionBudget ?? replicas > 1,
    };
  };
  return {
    repository: s.repository ?? VOLCANO_CHART.repository,
    chartVersion: s.chartVersion ?? VOLCANO_CHART.version,
    releaseName: s.releaseName ?? DEFAULT_RELEASE_NAME,
    namespace: s.namespace ?? DEFAULT_RELEASE_NAMESPACE,
    components: { scheduler: component('scheduler'), controller: component('controller'), admission: component('admission') },
    podSecurityContext: s.podSecurityContext ?? DEFAULT_POD_SECURITY_CONTEXT,
    containerSecurityContext: s.containerSecurityContext ?? DEFAULT_CONTAINER_SECURITY_CONTEXT,
    admission: {
      hooks: s.admission?.hooks ?? DEFAULT_ADMISSION_HOOKS,
      validatingAdmissionPolicies: s.admission?.validatingAdmissionPolicies ?? false,
      namespaces: {
        scope: s.admission?.namespaces?.scope ?? 'all',
        excluded: s.admission?.namespaces?.excluded ?? [],
        extraExpressions: s.admission?.namespaces?.extraExpressions ?? [],
      },
    },
    scheduler: s.scheduler ?? {},
    values: s.values ?? {},
    allowUnknownValues: s.allowUnknownValues ?? [],
  };
}
