import { Fields, Schema, anything, bool, custom, list, map, num, object, oneOf, shown, text } from '../config/schema';
import { isPlainObject } from '../util';
import { SchedulerTier } from './scheduler-config';
import {
  ADMISSION_HOOKS,
  AdmissionNamespaces,
  AdmissionSettings,
  ComponentResources,
  ComponentSettings,
  ContainerSecuritySettings,
  GpuSchedulingSettings,
  LabelSelectorRequirement,
  PodSecuritySettings,
  ReleaseSettings,
  SchedulerSettings,
  Toleration,
  VolcanoComponent,
} from './settings';

/**
 * The runtime schema of `release` (the types are in `settings.ts`): every key an environment may write,
 * checked before anything is rendered (see `lib/config/schema.ts`). To add a setting, add it to its type
 * in `settings.ts` and its entry here; the compiler refuses the one without the other. Raw chart
 * `values` are checked against the chart itself (`chart.ts`), explicit scheduler plugins by
 * `scheduler-validate.ts`.
 */

const RESOURCES = map(anything, 'a map of resource name to quantity');
const LABELS = map(text, 'a map of label key to value');

const TOLERATION = object<Toleration>({
  key: text,
  operator: oneOf(['Exists', 'Equal'], 'a toleration operator'),
  value: text,
  effect: oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute'], 'a taint effect'),
  tolerationSeconds: num,
}, { what: 'a toleration' });

const COMPONENT = object<ComponentSettings>({
  replicas: num,
  resources: object<ComponentResources>({ requests: RESOURCES, limits: RESOURCES }),
  antiAffinity: oneOf(['required', 'preferred', 'none'], 'an anti-affinity mode'),
  tolerations: list(TOLERATION, 'a list of tolerations'),
  nodeSelector: LABELS,
  podDisruptionBudget: bool,
}, { what: 'component settings' });

const COMPONENTS = object<{ [C in VolcanoComponent]?: ComponentSettings }>({ scheduler: COMPONENT, controller: COMPONENT, admission: COMPONENT });

const POD_SECURITY = object<PodSecuritySettings>({
  runAsNonRoot: bool,
  runAsUser: num,
  runAsGroup: num,
  fsGroup: num,
  seccompProfile: object<NonNullable<PodSecuritySettings['seccompProfile']>>({
    type: oneOf(['RuntimeDefault', 'Localhost', 'Unconfined'], 'a seccomp profile type'),
    localhostProfile: text,
  }, { required: { type: 'RuntimeDefault, Localhost or Unconfined' } }),
});

const CONTAINER_SECURITY = object<ContainerSecuritySettings>({
  allowPrivilegeEscalation: bool,
  readOnlyRootFilesystem: bool,
  runAsNonRoot: bool,
  runAsUser: num,
  capabilities: object<NonNullable<ContainerSecuritySettings['capabilities']>>({ add: list(text), drop: list(text) }),
});

const SELECTOR_REQUIREMENT = object<LabelSelectorRequirement>({
  key: text,
  operator: oneOf(['In', 'NotIn', 'Exists', 'DoesNotExist'], 'a selector operator'),
  values: list(text),
}, { what: 'a label selector requirement', required: { key: 'a label key', operator: 'In, NotIn, Exists or DoesNotExist' } });

const ADMISSION = object<AdmissionSettings>({
  hooks: list(oneOf(ADMISSION_HOOKS, 'an admission path of Volcano 1.15.1', 'the webhook manager would not start'), 'a list of admission paths'),
  namespaces: object<AdmissionNamespaces>({
    scope: oneOf(['all', 'tenants'], 'a webhook namespace scope'),
    excluded: list(text, 'a list of namespace names'),
    extraExpressions: list(SELECTOR_REQUIREMENT, 'a list of label selector requirements'),
  }),
  validatingAdmissionPolicies: bool,
});

/** Plugin entries are checked by `scheduler-validate.ts`, which knows each plugin's switches and arguments. */
const PLUGIN_ENTRY = custom('a plugin entry (name, switches, arguments)', (value, path, problems) => {
  if (!isPlainObject(value)) problems.add(path, `must be a plugin entry such as { name: "gang" }, got ${shown(value)}`);
});

const SCHEDULER = object<SchedulerSettings>({
  preemption: bool,
  sla: bool,
  slaWaitingTime: text,
  gpu: object<GpuSchedulingSettings>({
    deviceshare: oneOf(['gpu-number', 'gpu-sharing', 'vgpu'], 'a deviceshare mode'),
    numaAware: bool,
    binpackGpus: bool,
  }),
  overcommitFactor: num,
  // Action names are checked by scheduler-validate.ts, for explicit and derived actions alike.
  actions: list(text, 'a list of scheduler actions'),
  tiers: list(object<SchedulerTier>({ plugins: list(PLUGIN_ENTRY, 'a list of plugin entries') }, { what: 'a tier', required: { plugins: 'a list of plugin entries' } }), 'a list of tiers'),
});

const RELEASE_FIELDS: Fields<ReleaseSettings> = {
  repository: text,
  chartVersion: text,
  releaseName: text,
  namespace: text,
  components: COMPONENTS,
  podSecurityContext: POD_SECURITY,
  containerSecurityContext: CONTAINER_SECURITY,
  admission: ADMISSION,
  scheduler: SCHEDULER,
  values: map(anything, 'a map of chart values'),
  allowUnknownValues: list(text, 'a list of dotted value paths'),
};

/** The schema of an environment's `release`. */
export const RELEASE_SETTINGS_SCHEMA: Schema = object<ReleaseSettings>(RELEASE_FIELDS, { what: 'the release settings' });
