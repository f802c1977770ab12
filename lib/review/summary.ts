import { ANNOTATIONS, LABELS, pruneDisabled } from '../labels';
import { KubeObject } from '../synth/render';
import { isPlainObject } from '../util';

/**
 * One line of what an added or removed object is: the fields that decide what it does, compactly, so a
 * reviewer need not open the YAML to see that the new queue has weight 1 and no guarantee. Kinds the
 * platform renders get their meaningful fields; any other kind its first scalar fields.
 */

type Summary = (object: KubeObject) => Array<string | undefined>;

const SUMMARIES: Readonly<Record<string, Summary>> = {
  Queue: ({ metadata, spec = {} }) => [
    metadata.annotations?.[ANNOTATIONS.queueEnabled] === 'false' ? 'disabled' : undefined,
    spec.parent && spec.parent !== 'root' ? `parent ${spec.parent}` : undefined,
    spec.weight !== undefined ? `weight ${spec.weight}` : undefined,
    spec.priority !== undefined ? `priority ${spec.priority}` : undefined,
    resources('guarantee', spec.guarantee?.resource),
    resources('deserved', spec.deserved),
    resources('capability', spec.capability),
    spec.reclaimable === false ? 'not reclaimable' : undefined,
  ],
  Namespace: ({ metadata }) => [
    metadata.labels?.[LABELS.tenant] ? `tenant ${metadata.labels[LABELS.tenant]}` : undefined,
    list('queues', metadata.annotations?.[ANNOTATIONS.allowedQueues]),
    list('priority classes', metadata.annotations?.[ANNOTATIONS.allowedPriorityClasses]),
    metadata.labels?.['pod-security.kubernetes.io/enforce'] ? `pod security ${metadata.labels['pod-security.kubernetes.io/enforce']}` : undefined,
  ],
  ResourceQuota: ({ spec = {} }) => [resources('hard', spec.hard)],
  LimitRange: ({ spec = {} }) => (spec.limits ?? []).flatMap((limit: Record<string, any>) => [
    resources(`${limit.type} default request`, limit.defaultRequest),
    resources(`${limit.type} default limit`, limit.default),
  ]),
  PriorityClass: (object) => [
    `value ${object.value}`,
    object.preemptionPolicy ? `preemption ${object.preemptionPolicy}` : undefined,
    object.globalDefault ? 'global default' : undefined,
  ],
  ValidatingAdmissionPolicy: ({ spec = {} }) => [
    spec.failurePolicy ? `failurePolicy ${spec.failurePolicy}` : undefined,
    `${(spec.validations ?? []).length} validation(s)`,
    list('on', (spec.matchConstraints?.resourceRules ?? []).flatMap((rule: Record<string, any>) => rule.resources ?? []).join(',')),
  ],
  ValidatingAdmissionPolicyBinding: ({ spec = {} }) => [
    spec.policyName ? `policy ${spec.policyName}` : undefined,
    list('actions', (spec.validationActions ?? []).join(',')),
  ],
  PrometheusRule: ({ spec = {} }) => (spec.groups ?? []).map((group: Record<string, any>) => `group ${group.name} (${(group.rules ?? []).length} rules)`),
  ConfigMap: (object) => [list('data', Object.keys(object.data ?? {}).join(','))],
  Secret: (object) => [list('keys', Object.keys({ ...(object.data ?? {}), ...(object.stringData ?? {}) }).join(','))],
  Job: ({ spec = {} }) => [
    spec.queue ? `queue ${spec.queue}` : undefined,
    spec.minAvailable !== undefined ? `minAvailable ${spec.minAvailable}` : undefined,
    list('tasks', (spec.tasks ?? []).map((t: Record<string, any>) => `${t.name}×${t.replicas ?? 1}`).join(',')),
    spec.priorityClassName ? `priority class ${spec.priorityClassName}` : undefined,
  ],
  PodGroup: ({ spec = {} }) => [
    spec.queue ? `queue ${spec.queue}` : undefined,
    spec.minMember !== undefined ? `minMember ${spec.minMember}` : undefined,
    resources('minResources', spec.minResources),
    spec.priorityClassName ? `priority class ${spec.priorityClassName}` : undefined,
  ],
  Pod: ({ metadata, spec = {} }) => [
    metadata.annotations?.[ANNOTATIONS.volcanoNamespaceQueue] ? `queue ${metadata.annotations[ANNOTATIONS.volcanoNamespaceQueue]}` : undefined,
    spec.schedulerName ? `scheduler ${spec.schedulerName}` : undefined,
    ...(spec.containers ?? []).map((c: Record<string, any>) => resources(`container ${c.name} requests`, c.resources?.requests)),
    spec.priorityClassName ? `priority class ${spec.priorityClassName}` : undefined,
  ],
  HelmRelease: ({ spec = {} }) => [`chart ${spec.chart?.spec?.chart ?? '?'} ${spec.chart?.spec?.version ?? ''}`.trim()],
};

/** The compact summary of `object`: `weight 1, priority 0, capability cpu 32 memory 64Gi`; flagged when Flux never prunes it. */
export function summarizeObject(object: KubeObject): string {
  const summary = SUMMARIES[object.kind];
  const parts = (summary ? summary(object) : firstScalars(object.spec ?? object, 6)).filter((p): p is string => !!p);
  if (pruneDisabled(object)) parts.push('Flux never prunes it');
  return parts.join(', ');
}

function resources(label: string, list: unknown): string | undefined {
  if (!isPlainObject(list) || Object.keys(list).length === 0) return undefined;
  return `${label} ${Object.entries(list).map(([name, amount]) => `${name} ${amount}`).join(' ')}`;
}

function list(label: string, value: string | undefined): string | undefined {
  return value ? `${label} ${value.split(',').map((v) => v.trim()).filter(Boolean).join(', ')}` : undefined;
}

/** `path value` for the first `limit` scalar leaves of a value, depth first. */
function firstScalars(value: unknown, limit: number): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (found.length >= limit) return;
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (isPlainObject(node)) for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key);
    else {
      const text = String(node);
      found.push(`${path} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`);
    }
  };
  walk(value, '');
  return found;
}
