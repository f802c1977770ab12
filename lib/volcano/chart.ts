/**
 * The Volcano Helm chart this project deploys, and the values keys that chart understands.
 *
 * The key list is written from the chart's documented values (chart 1.15.1); a test compares it with
 * the keys of the chart's `values.yaml` (generated into schemas/facts/volcano.json by `npm run schemas`),
 * so a chart bump that renames or drops a key fails there first. Bump the version and this list together.
 */

import { isPlainObject } from '../util';

/** Pinned chart coordinates, the defaults of every release. */
export const VOLCANO_CHART = {
  /** Chart name in the repository. */
  name: 'volcano',
  /** The Volcano project's Helm repository (an HTTP index). */
  repository: 'https://volcano-sh.github.io/helm-charts',
  /** Chart version; Volcano publishes chart and app under the same version. */
  version: '1.15.1',
  /** The chart's appVersion: the image tag is `v` + this. */
  appVersion: '1.15.1',
} as const;

/** Default Helm release name; the chart prefixes its objects with it (`volcano-scheduler`, ...). */
export const DEFAULT_RELEASE_NAME = 'volcano';
/** Default namespace of the release. */
export const DEFAULT_RELEASE_NAMESPACE = 'volcano-system';

/** Helm's limit on release names (object names get suffixes, and labels stop at 63). */
export const RELEASE_NAME_MAX = 53;

/** Top-level sections of the chart's values. Keys below them are listed in {@link CHART_VALUE_KEYS}. */
export const CHART_VALUE_SECTIONS = ['basic', 'custom', 'service'] as const;

/**
 * Every key of the chart's values, as `section.key`. The value under a key is the chart's business
 * (an affinity, a resource list, a string): only the key itself is checked.
 */
export const CHART_VALUE_KEYS: ReadonlySet<string> = new Set([
  // Images, secrets, ports.
  ...[
    'controller_image_name', 'scheduler_image_name', 'agent_scheduler_image_name', 'admission_image_name', 'agent_image_name',
    'admission_secret_name', 'admission_config_file', 'scheduler_config_file', 'agent_scheduler_config_file',
    'image_pull_secret', 'image_pull_policy', 'image_tag_version', 'controller_image_tag_version',
    'scheduler_image_tag_version', 'agent_scheduler_image_tag_version', 'admission_image_tag_version',
    'agent_image_tag_version', 'admission_port', 'image_registry',
  ].map((key) => `basic.${key}`),
  // Components, replicas, flags, per-component pod settings.
  ...[
    'go_memlimit_enable', 'metrics_enable',
    'admission_enable', 'admission_replicas', 'controller_enable', 'controller_replicas', 'controller_metrics_enable',
    'scheduler_enable', 'scheduler_replicas', 'scheduler_metrics_enable', 'scheduler_pprof_enable', 'scheduler_plugins_dir',
    'scheduler_name', 'agent_scheduler_enable', 'agent_scheduler_replicas', 'agent_scheduler_name',
    'leader_elect_enable', 'vap_enable', 'map_enable',
    'controller_kube_api_qps', 'controller_kube_api_burst', 'controller_worker_threads', 'controller_worker_threads_for_gc',
    'controller_worker_threads_for_podgroup', 'controller_enabled_controllers',
    'scheduler_kube_api_qps', 'scheduler_kube_api_burst', 'scheduler_schedule_period', 'scheduler_node_worker_threads',
    'scheduler_percentage_nodes_to_find', 'agent_scheduler_worker_count',
    'enabled_admissions', 'colocation_enable', 'ignored_provisioners',
    'agent_supported_features', 'agent_extend_resource_cpu_name', 'agent_extend_resource_memory_name', 'agent_kube_cgroup_root',
    'admission_config_override', 'scheduler_config_override', 'controller_config_override',
    'default_affinity', 'admission_affinity', 'controller_affinity', 'scheduler_affinity', 'agent_affinity',
    'default_tolerations', 'admission_tolerations', 'controller_tolerations', 'scheduler_tolerations', 'agent_tolerations',
    'default_sc', 'scheduler_sc', 'admission_sc', 'controller_sc', 'agent_sc',
    'default_ns', 'admission_ns', 'scheduler_ns', 'controller_ns', 'kube_state_metrics_ns', 'agent_ns',
    'admission_podLabels', 'scheduler_podLabels', 'controller_podLabels',
    'admission_labels', 'scheduler_labels', 'controller_labels', 'common_labels', 'aggregationRule_labels',
    'admission_resources', 'scheduler_resources', 'controller_resources', 'agent_resources',
    'webhooks_namespace_selector_expressions',
    'admission_log_level', 'scheduler_log_level', 'controller_log_level',
    'default_csc', 'admission_main_csc', 'admission_init_csc', 'scheduler_main_csc', 'controller_main_csc',
    'agent_main_csc', 'agent_init_csc', 'agent_cni_config_path',
    'scheduler_feature_gates', 'admission_feature_gates',
    'agent_scheduler_sharding_mode', 'agent_scheduler_sharding_name', 'scheduler_sharding_mode', 'scheduler_sharding_name',
    'sharding_configmap_enable', 'sharding_configmap_data',
  ].map((key) => `custom.${key}`),
  ...['ipFamilyPolicy', 'ipFamilies'].map((key) => `service.${key}`),
]);

/**
 * The dotted paths of `values` that the chart does not know, in document order. `allowed` lists paths
 * accepted anyway (a key of a newer chart, a subchart's values); a whole section may be allowed.
 */
export function unknownValueKeys(values: Record<string, unknown>, allowed: readonly string[] = []): string[] {
  const isAllowed = (path: string) => allowed.some((a) => path === a || path.startsWith(`${a}.`));
  const unknown: string[] = [];
  for (const [section, content] of Object.entries(values)) {
    if (isAllowed(section)) continue;
    if (!(CHART_VALUE_SECTIONS as readonly string[]).includes(section)) {
      unknown.push(section);
      continue;
    }
    if (!isPlainObject(content)) {
      unknown.push(`${section} (must be a map of keys)`);
      continue;
    }
    for (const key of Object.keys(content)) {
      const path = `${section}.${key}`;
      if (!CHART_VALUE_KEYS.has(path) && !isAllowed(path)) unknown.push(path);
    }
  }
  return unknown;
}
