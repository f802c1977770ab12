import { Quantity, ResolvedEnvironment, environmentFile } from '../config';
import { capacityPlan, CapacityPlan, percentOf, QueueResource } from './capacity';
import { code, table } from './markdown';
import { admissionSection, alertsSection, schedulerSection } from './overview-platform';

/**
 * The generated overview page of an environment, `docs/environments/<env>.md`: what a reviewer needs to
 * know about an environment without reading its manifests. The page is an ordered list of sections;
 * each renders Markdown from the resolved environment, or '' when the environment has nothing to show.
 * Concerns that add environment settings (scheduler, alerts, admission) add their section to the list.
 */
export type OverviewSection = (env: ResolvedEnvironment) => string;

/** File name of an environment's capacity chart, beside its page. */
export function capacityChartFile(environment: string): string {
  return `${environment}-capacity.svg`;
}

const SHARING: Record<ResolvedEnvironment['sharingPolicy'], string> = {
  proportion: 'queues share what is not guaranteed in proportion to their weight; `deserved` is not used',
  capacity: 'each queue deserves a fixed share and may borrow idle resources up to its capability',
};

/** Kubernetes version, sharing policy, declared capacity and counts. */
export const summarySection: OverviewSection = (env) => {
  const enabled = env.queues.filter((q) => q.enabled).length;
  const capacity = Object.entries(env.capacity).map(([resource, amount]) => `${resource} ${code(amount)}`).join(', ');
  return [
    '## Summary',
    '',
    `- Kubernetes ${code(env.kubernetesVersion)}`,
    `- Sharing policy ${code(env.sharingPolicy)}: ${SHARING[env.sharingPolicy]}`,
    `- Declared cluster capacity: ${capacity}`,
    `- ${env.queues.length} queue${env.queues.length === 1 ? '' : 's'} (${enabled} enabled), ${env.tenants.length} tenant${env.tenants.length === 1 ? '' : 's'}, ${env.priorityClasses.length} priority classes`,
  ].join('\n');
};

/** The capacity plan: the chart, then each queue's numbers and the headroom of each pool. */
export const capacitySection: OverviewSection = (env) => {
  if (env.queues.length === 0) return '';
  const plan = capacityPlan(env);
  return [
    '## Capacity plan',
    '',
    `![Capacity plan of ${env.name}](${capacityChartFile(env.name)})`,
    '',
    '### Queues',
    '',
    'Percentages are of the declared cluster capacity. "May borrow" is capability minus guarantee: what the queue can use beyond what is reserved for it.',
    '',
    queueCapacityTable(plan),
    '',
    '### Headroom',
    '',
    headroomIntro(plan),
    '',
    headroomTable(plan),
  ].join('\n');
};

function queueCapacityTable(plan: CapacityPlan): string {
  const deserved = plan.sharingPolicy === 'capacity';
  const headers = ['Queue', 'Resource', 'Guarantee', '% of cluster', ...(deserved ? ['Deserved', '% of cluster'] : []), 'Capability', '% of cluster', 'May borrow'];
  const rows = plan.queues.flatMap((queue) =>
    plan.resources.map((resource, index) => {
      const cluster = plan.cluster.get(resource);
      const effective = queue.resources.get(resource) ?? {};
      const declared = queue.declared.get(resource) ?? {};
      const amount = (field: keyof QueueResource) => {
        const shown = effective[field];
        const planned = declared[field];
        if (queue.enabled || planned === undefined) return shown ? code(shown.toString()) : '—';
        return `${shown ? code(shown.toString()) : '—'} (declared ${code(planned.toString())})`;
      };
      const share = (field: keyof QueueResource) => {
        const shown = effective[field];
        return shown && cluster ? percentOf(shown, cluster) : '—';
      };
      const name = index > 0 ? '' : `${'↳ '.repeat(queue.depth)}${code(queue.name)}${queue.enabled ? '' : ' (disabled)'}`;
      return [
        name,
        resource,
        amount('guarantee'),
        share('guarantee'),
        ...(deserved ? [amount('deserved'), share('deserved')] : []),
        amount('capability'),
        share('capability'),
        amount('borrowable'),
      ];
    }),
  );
  return table(headers, rows, headers.map((_, i) => i >= 2));
}

function headroomIntro(plan: CapacityPlan): string {
  const parents = [...new Set(plan.pools.map((p) => p.name))].filter((n) => n !== 'cluster');
  const nested = parents.length === 0 ? '' : ` Children of a parent queue (${parents.map(code).join(', ')}) share its guarantee and deserved share the same way.`;
  return `Top-level queues share the declared cluster capacity: what is not guaranteed to any of them is the headroom left for borrowing and for queues without a guarantee. Disabled queues are not counted.${nested}`;
}

function headroomTable(plan: CapacityPlan): string {
  const deserved = plan.sharingPolicy === 'capacity';
  const headers = ['Pool', 'Resource', 'Available', 'Guaranteed', '%', 'Headroom', ...(deserved ? ['Deserved', '%', 'Undeserved'] : [])];
  const value = (q: Quantity | undefined) => (q ? code(q.canonical()) : '—');
  const pct = (part: Quantity | undefined, whole: Quantity | undefined) => (part && whole ? percentOf(part, whole) : '—');
  const rows = plan.pools.map((pool, index) => {
    const first = index === 0 || plan.pools[index - 1].name !== pool.name;
    const name = !first ? '' : pool.name === 'cluster' ? 'cluster (top-level queues)' : `${code(pool.name)} (its children)`;
    const available = pool.name === 'cluster' ? value(pool.guaranteeLimit) : `${value(pool.guaranteeLimit)} guaranteed`;
    return [
      name,
      pool.resource,
      available,
      value(pool.guaranteed),
      pct(pool.guaranteed, pool.guaranteeLimit),
      value(pool.guaranteeHeadroom),
      ...(deserved ? [value(pool.deserved), pct(pool.deserved, pool.deservedLimit), value(pool.deservedHeadroom)] : []),
    ];
  });
  return table(headers, rows, headers.map((_, i) => i >= 2));
}

/** Every queue's scheduling settings besides resources. */
export const queuesSection: OverviewSection = (env) => {
  if (env.queues.length === 0) return '';
  const weights = env.sharingPolicy === 'proportion';
  const headers = ['Queue', 'Parent', 'State', ...(weights ? ['Weight'] : []), 'Priority', 'Reclaimable', 'Description'];
  const rows = env.queues.map((q) => [
    code(q.name),
    q.parent ? code(q.parent) : 'root',
    q.enabled ? 'enabled' : 'disabled',
    ...(weights ? [String(q.weight)] : []),
    String(q.priority),
    q.reclaimable ? 'yes' : 'no',
    q.description,
  ]);
  return ['## Queues', '', table(headers, rows), ''].join('\n').trimEnd();
};

/** Tenants: which queues and priority classes their workloads may use, and their quota. */
export const tenantsSection: OverviewSection = (env) => {
  if (env.tenants.length === 0) return '';
  const enabled = new Map(env.queues.map((q) => [q.name, q.enabled]));
  const quotaKeys = [...new Set(env.tenants.flatMap((t) => Object.keys(t.quota)))];
  const headers = ['Tenant', 'Allowed queues', 'Priority classes', 'Pod security', ...quotaKeys.map(code)];
  const rows = env.tenants.map((t) => [
    code(t.name),
    t.queues.map((q) => (enabled.get(q) === false ? `${code(q)} (disabled: not allowed yet)` : code(q))).join(', '),
    t.priorityClasses.map(code).join(', '),
    t.podSecurity,
    ...quotaKeys.map((key) => (t.quota[key] === undefined ? '—' : code(t.quota[key]))),
  ]);
  return [
    '## Tenants',
    '',
    'Each tenant is a namespace; the quota columns are its ResourceQuota `hard` limits.',
    '',
    table(headers, rows, headers.map((_, i) => i >= 4)),
  ].join('\n');
};

/** Priority classes, highest first. */
export const priorityClassesSection: OverviewSection = (env) => {
  if (env.priorityClasses.length === 0) return '';
  const classes = [...env.priorityClasses].sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  const rows = classes.map((pc) => [code(pc.name), String(pc.value), pc.preemptionPolicy, pc.globalDefault ? 'yes' : 'no', pc.description]);
  return ['## Priority classes', '', table(['Class', 'Value', 'Preemption', 'Global default', 'Description'], rows, [false, true])].join('\n');
};

/** The sections of every overview page, in page order. */
export const OVERVIEW_SECTIONS: readonly OverviewSection[] = [
  summarySection,
  capacitySection,
  queuesSection,
  tenantsSection,
  priorityClassesSection,
  schedulerSection,
  alertsSection,
  admissionSection,
];

/** The overview page of one environment. */
export function renderOverview(env: ResolvedEnvironment, sections: readonly OverviewSection[] = OVERVIEW_SECTIONS): string {
  const header = [
    `# Environment ${code(env.name)}`,
    '',
    `Generated by \`npm run synth\` from \`${environmentFile(env.name)}\`; do not edit. Every number comes from the resolved environment spec. Differences from the other environments: [compare.md](compare.md).`,
  ].join('\n');
  const body = sections.map((section) => section(env)).filter((text) => text.trim() !== '');
  return [header, ...body].join('\n\n') + '\n';
}
