import { deriveEnvironment, EnvironmentDefinition, prepareEnvironments, Quantity, ResolvedEnvironment } from '../../lib/config';
import { capacityPlan, percentOf } from '../../lib/review/capacity';
import { capacitySvg } from '../../lib/review/capacity-svg';
import { differingSettings, renderComparison } from '../../lib/review/compare';
import { renderEnvironmentDocs } from '../../lib/review/docs';
import { OVERVIEW_SECTIONS, renderOverview } from '../../lib/review/overview';
import { prod as agentPlatform } from '../../stacks/environments/prod';
import { ENVIRONMENTS } from '../../stacks/environments';

const ENVS = prepareEnvironments(ENVIRONMENTS);
const byName = (name: string) => ENVS.find((e) => e.name === name)!;

/** The cells of the `### Queues` capacity table, by queue and resource. */
function queueTable(page: string): Map<string, string[]> {
  const section = page.split('### Queues')[1].split('###')[0];
  const rows = new Map<string, string[]>();
  let queue = '';
  for (const line of section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Queue'))) {
    const cells = line.slice(2, -2).split(' | ');
    if (cells[0] !== '') queue = /`([^`]+)`/.exec(cells[0])![1];
    rows.set(`${queue}/${cells[1]}`, cells);
  }
  return rows;
}

describe('overview pages', () => {
  test('one page and its charts per environment, plus the comparison; deterministic', () => {
    const files = renderEnvironmentDocs(ENVS);
    expect(files.map((f) => f.path)).toEqual([
      'dev.md', 'dev-capacity.svg', 'dev-sharing.svg', 'prod.md', 'prod-capacity.svg', 'prod-sharing.svg',
      'gpu-lab.md', 'gpu-lab-capacity.svg', 'gpu-lab-sharing.svg', 'compare.md',
    ]);
    expect(renderEnvironmentDocs(prepareEnvironments(ENVIRONMENTS))).toEqual(files);
  });

  test.each(ENVS.map((e) => [e.name, e] as const))('%s: every guarantee and capability in the table is the spec value', (_name, env) => {
    const rows = queueTable(renderOverview(env));
    const resources = capacityPlan(env).resources;
    expect(rows.size).toBe(env.queues.length * resources.length);
    for (const queue of env.queues.filter((q) => q.enabled)) {
      for (const resource of resources) {
        const [, , guarantee, , ...rest] = rows.get(`${queue.name}/${resource}`)!;
        const capability = rest[env.sharingPolicy === 'capacity' ? 2 : 0];
        expect(guarantee).toBe(queue.guarantee?.[resource] === undefined ? '—' : `\`${queue.guarantee[resource]}\``);
        expect(capability).toBe(queue.capability[resource] === undefined ? '—' : `\`${queue.capability[resource]}\``);
      }
    }
  });

  test('changing a guarantee changes the table, the headroom and the chart', () => {
    const changed: EnvironmentDefinition = deriveEnvironment(agentPlatform, { name: 'prod', queues: { batch: { guarantee: { cpu: '20', memory: '32Gi' } } } });
    const [after] = prepareEnvironments([changed]);
    const before = byName('prod');
    const rowsBefore = queueTable(renderOverview(before));
    const rowsAfter = queueTable(renderOverview(after));
    expect(rowsBefore.get('batch/cpu')).toEqual(['`batch`', 'cpu', '`16`', '16.7%', '`96`', '100.0%', '`80`']);
    expect(rowsAfter.get('batch/cpu')).toEqual(['`batch`', 'cpu', '`20`', '20.8%', '`96`', '100.0%', '`76`']);
    expect(renderOverview(before)).toContain('| cluster (top-level queues) | cpu | `96` | `24` | 25.0% | `72` |');
    expect(renderOverview(after)).toContain('| cluster (top-level queues) | cpu | `96` | `28` | 29.2% | `68` |');
    expect(capacitySvg(capacityPlan(after))).toContain('>g 20 · c 96<');
    expect(capacitySvg(capacityPlan(after))).not.toEqual(capacitySvg(capacityPlan(before)));
  });

  test('a disabled queue shows its effective closing capability, what it declares, and counts in no sum', () => {
    const rows = queueTable(renderOverview(byName('prod')));
    expect(rows.get('analytics/cpu')).toEqual(['`analytics` (disabled)', 'cpu', '— (declared `32`)', '—', '`1m` (declared `64`)', '0.0%', '— (declared `32`)']);
    const cluster = capacityPlan(byName('prod')).pools.find((p) => p.name === 'cluster' && p.resource === 'cpu')!;
    expect(cluster.guaranteed.canonical()).toBe('24');
  });

  test('hierarchical pools: the children of a parent are measured against its guarantee and deserved share', () => {
    const pools = capacityPlan(byName('gpu-lab')).pools.filter((p) => p.name === 'labs');
    expect(pools.map((p) => [p.resource, p.guaranteed.canonical(), p.guaranteeHeadroom?.canonical(), p.deserved?.canonical(), p.deservedHeadroom?.canonical()])).toEqual([
      ['cpu', '80', '16', '160', '64'],
      ['memory', '320Gi', '64Gi', '640Gi', '256Gi'],
      ['nvidia.com/gpu', '14', '2', '28', '2'],
    ]);
  });

  test('exact arithmetic', () => {
    expect(Quantity.parse('1Ti').subtract(Quantity.parse('416Gi')).canonical()).toBe('608Gi');
    expect(Quantity.parse('1').subtract(Quantity.parse('250m')).canonical()).toBe('750m');
    expect(percentOf(Quantity.parse('6'), Quantity.parse('32'))).toBe('18.8%');
    expect(percentOf(Quantity.parse('1'), Quantity.parse('0'))).toBe('—');
  });

  test('sections are an ordered list: added sections render in place, empty ones are left out', () => {
    const env = byName('dev');
    const page = renderOverview(env, [...OVERVIEW_SECTIONS.slice(0, 1), () => '## Extra\n\ncontent', () => '']);
    expect(page).toBe(`${renderOverview(env, OVERVIEW_SECTIONS.slice(0, 1)).trimEnd()}\n\n## Extra\n\ncontent\n`);
  });
});

describe('comparison of environments', () => {
  test('dev and prod: besides sizes, the intentional differences in enforcement, control plane, preemption and alerting show', () => {
    const rows = new Map(differingSettings([byName('dev'), byName('prod')]).map((r) => [r.setting, r.values]));
    expect(rows.get('capacity.cpu')).toEqual(['16', '96']);
    expect(rows.get('admission.enforcement.allowed-queues')).toEqual(['Warn, Audit', 'Deny, Audit']);
    expect(rows.get('release.scheduler.preemption')).toEqual(['false', 'true']);
    expect(rows.get('release.scheduler.actions')).toEqual(['enqueue, allocate, reclaim, backfill', 'enqueue, allocate, preempt, reclaim, backfill']);
    expect(rows.get('release.components.scheduler.replicas')).toEqual(['1', '2']);
    expect(rows.get('release.components.scheduler.podDisruptionBudget')).toEqual(['false', 'true']);
    expect(rows.get('observability.alerts.queueBacklog.pendingPodGroups')).toEqual(['10', '20']);
    expect(rows.get('observability.grafanaUrl')).toEqual(['https://grafana.dev.agent-platform.internal', 'https://grafana.prod.agent-platform.internal']);
    // What the two share is not listed.
    expect(rows.has('admission.maxRetry')).toBe(false);
    expect(rows.has('sla interactive: p95')).toBe(false);
    const page = renderComparison([byName('dev'), byName('prod')]);
    expect(page).toContain('| admission.enforcement.allowed-queues | `Warn, Audit` | `Deny, Audit` |');
    expect(page).toContain('| release.scheduler.preemption | `false` | `true` |');
  });

  test('across unrelated environments only what all share is compared in detail', () => {
    const envs: ResolvedEnvironment[] = [byName('dev'), byName('prod'), byName('gpu-lab')];
    const settings = differingSettings(envs).map((r) => r.setting);
    expect(settings.slice(0, 6)).toEqual(['kubernetesVersion', 'sharingPolicy', 'capacity.cpu', 'capacity.memory', 'queues', 'tenants']);
    expect(settings).toContain('capacity.nvidia.com/gpu');
    expect(settings).toContain('observability.schedulingSlas');
    // Queues and SLAs not in every environment are not compared one by one.
    expect(settings.filter((s) => /^(queue|tenant|priority class|sla) /.test(s))).toEqual([]);
    const page = renderComparison(envs);
    expect(page).toContain('## `dev` and `prod`');
    expect(page).not.toContain('## `prod` and `gpu-lab`');
    expect(page).toContain('| sharingPolicy | `proportion` | `proportion` | `capacity` |');
  });
});
