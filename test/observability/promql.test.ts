import { prepareEnvironments } from '../../lib/config';
import { parser } from '@prometheus-io/lezer-promql';
import { catalogMetricsMentioned, labelProblems, labelUses, metricProblems } from '../../lib/observability/metric-check';
import { knownSeriesNames } from '../../lib/observability/metrics';
import { promqlTokens } from '../../lib/observability/promql-tokens';
import { recordingRuleGroups } from '../../lib/observability/rule-groups';
import { runbooksFor } from '../../lib/observability/runbooks';
import { enabledSchedulerPlugins, schedulerConfiguration } from '../../lib/volcano/scheduler-derive';
import { alertDefinitions } from '../../lib/observability/alert-rules';
import { dashboardSpecs } from '../../lib/observability/dashboard-specs';
import { ResolvedEnvironment } from '../../lib/config';
import { metricAvailabilityProblems, recordedLabelSets } from '../../lib/observability/validate';
import { ENVIRONMENTS } from '../../stacks/environments';
import { parsePromQL, renderedDashboards, shippedExpressions } from './expressions';

const envs = prepareEnvironments(ENVIRONMENTS);
const actionsOf = (env: ResolvedEnvironment) => schedulerConfiguration(env).actions;

describe.each(envs.map((env) => [env.name, env] as const))('PromQL of environment %s', (_name, env) => {
  const expressions = shippedExpressions(env);
  const recorded = new Set(recordingRuleGroups(env).flatMap((g) => g.rules.map((r) => r.record!)));

  test('there are rule and dashboard expressions to check', () => {
    expect(expressions.filter((e) => e.where.startsWith('volcano-platform.')).length).toBeGreaterThan(20);
    expect(expressions.filter((e) => e.where.includes(': panel ')).length).toBeGreaterThan(20);
  });

  test.each(expressions.map((e) => [e.where, e] as const))('%s parses and uses only metrics that will exist', (_where, { expr }) => {
    const { errors, metricNames } = parsePromQL(expr);
    expect(errors).toEqual([]);
    // Only the constants of the queues' declared guarantee and capability select no series.
    if (metricNames.length === 0) expect(expr).toMatch(/^vector\([0-9.]+\)$/);
    expect(metricProblems(metricNames, enabledSchedulerPlugins(env), recorded, actionsOf(env))).toEqual([]);
    // The validation-time check finds the same catalog metrics without a parser.
    const catalog = metricNames.filter((n) => knownSeriesNames().has(n));
    expect(catalogMetricsMentioned(expr).sort()).toEqual([...new Set(catalog)].sort());
  });

  test('the queue variable lists queues from a known metric', () => {
    for (const dashboard of renderedDashboards(env.name)) {
      const queue = dashboard.templating.list.find((v: any) => v.name === 'queue');
      const match = /^label_values\(([a-z_:]+), queue_name\)$/.exec(queue.query);
      expect(match).not.toBeNull();
      expect(metricProblems([match![1]], enabledSchedulerPlugins(env), recorded, actionsOf(env))).toEqual([]);
    }
  });
});

describe('metrics that will not exist are errors', () => {
  const prod = envs.find((e) => e.name === 'prod')!;
  const gpuLab = envs.find((e) => e.name === 'gpu-lab')!;

  test('the parser catches a broken expression', () => {
    expect(parsePromQL('sum by (queue_name (volcano_queue_share)').errors).not.toEqual([]);
  });

  test('unknown and never-emitted metrics', () => {
    expect(metricProblems(['volcano_schedule_attempts_total', 'volcano_queue_inqueue_milli_cpu', 'up'], ['gang'], new Set(), ['allocate'])).toEqual([
      'uses volcano_schedule_attempts_total, which Volcano v1.15.1 defines but never emits',
      'uses volcano_queue_inqueue_milli_cpu, which is neither a known metric nor one of our recording rules',
    ]);
  });

  test('a scheduler configuration without gang makes the placement rules, the gang alert and panels an error', () => {
    const withoutGang = enabledSchedulerPlugins(prod).filter((p) => p !== 'gang');
    const enables = withoutGang.join(', ');
    expect(metricAvailabilityProblems(prod, withoutGang, actionsOf(prod))).toEqual([
      `recording rule job:volcano_job_first_placement:timestamp_seconds uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; the scheduler configuration enables ${enables}`,
      `recording rule queue:volcano_last_placement_age_seconds:min uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; the scheduler configuration enables ${enables}`,
      `alert VolcanoGangJobUnschedulable uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; the scheduler configuration enables ${enables}`,
      `dashboard "Volcano Scheduler Operations" panel "Gang-unschedulable jobs" uses volcano_unschedule_job_count, which exists only with scheduler plugin "gang"; the scheduler configuration enables ${enables}`,
      `dashboard "Volcano Scheduler Operations" panel "Unschedulable tasks per job" uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; the scheduler configuration enables ${enables}`,
    ]);
  });

  test('a scheduler configuration with neither proportion nor capacity makes every queue resource metric an error', () => {
    const noSharing = ['priority', 'gang', 'predicates'];
    const problems = metricAvailabilityProblems(gpuLab, noSharing, actionsOf(gpuLab));
    expect(problems).toContain(
      'recording rule queue:volcano_queue_allocated:max uses volcano_queue_allocated_milli_cpu, which exists only with scheduler plugin "proportion" or "capacity"; the scheduler configuration enables priority, gang, predicates',
    );
    expect(problems).toContain(
      'recording rule queue:volcano_queue_overused:max uses volcano_queue_overused, which exists only with scheduler plugin "proportion" or "capacity"; the scheduler configuration enables priority, gang, predicates',
    );
    expect(problems.filter((p) => / uses volcano_queue_(allocated|deserved|share|overused|request)/.test(p)).length).toBe(problems.length);
  });

  test('a metric only the preempt action moves is an error where the scheduler does not run preempt', () => {
    const withoutPreempt = actionsOf(prod).filter((a) => a !== 'preempt');
    expect(withoutPreempt).toEqual(['enqueue', 'allocate', 'reclaim', 'backfill']);
    const runs = 'the scheduler configuration runs enqueue, allocate, reclaim, backfill';
    expect(metricAvailabilityProblems(prod, enabledSchedulerPlugins(prod), withoutPreempt)).toEqual([
      `recording rule volcano:preemption_attempts:rate10m uses volcano_total_preemption_attempts, which changes only when the scheduler runs action "preempt"; ${runs}`,
      `dashboard "Volcano Scheduler Operations" panel "Preemption victims" uses volcano_pod_preemption_victims, which changes only when the scheduler runs action "preempt"; ${runs}`,
    ]);
  });

  test.each([['prod', true], ['dev', false], ['gpu-lab', false]] as const)('%s: preemption alert, recording rule and panels only where the scheduler runs preempt (%s)', (name, preempts) => {
    const env = envs.find((e) => e.name === name)!;
    expect(actionsOf(env).includes('preempt')).toBe(preempts);
    expect(alertDefinitions(env).some((a) => a.name === 'VolcanoPreemptionRateHigh')).toBe(preempts);
    expect(recordingRuleGroups(env).flatMap((g) => g.rules).some((r) => r.record === 'volcano:preemption_attempts:rate10m')).toBe(preempts);
    const panels = dashboardSpecs(env).flatMap((d) => d.rows.flatMap((r) => r.panels.map((p) => p.title)));
    expect(panels.filter((t) => t.startsWith('Preemption'))).toEqual(preempts ? ['Preemption attempts', 'Preemption victims'] : []);
  });

  test('the built-in environments have no such problem with their scheduler plugins', () => {
    for (const env of envs) expect(metricAvailabilityProblems(env, enabledSchedulerPlugins(env), actionsOf(env))).toEqual([]);
  });
});

describe('runbook queries', () => {
  const recorded = new Set(envs.flatMap((env) => recordingRuleGroups(env).flatMap((g) => g.rules.map((r) => r.record!))));
  const queries = [...new Map(envs.flatMap((env) => Object.entries(runbooksFor(env)).flatMap(([alert, runbook]) =>
    runbook.diagnosis.filter((step) => step.query).map((step) => [`${alert}: ${step.query}`, [alert, step.query!] as const])))).values()];

  test.each(queries)('%s: %s parses and uses known metrics', (_alert, query) => {
    // Placeholders such as <queue> stand for label values the reader fills in.
    const { errors, metricNames } = parsePromQL(query.replace(/<[a-z]+>/g, 'x'));
    expect(errors).toEqual([]);
    expect(metricProblems(metricNames, ['gang', 'proportion'], recorded, ['preempt'])).toEqual([]);
  });
});

describe('label names are checked against the catalog', () => {
  const prod = envs.find((e) => e.name === 'prod')!;
  const recordedLabels = recordedLabelSets(recordingRuleGroups(prod).flatMap((g) => g.rules));

  /** Label uses as the real PromQL grammar sees them. */
  function parsedLabelUses(expr: string) {
    const matchers: Array<{ metric?: string; label: string }> = [];
    const grouping: string[] = [];
    parser.parse(expr).iterate({
      enter: (node) => {
        if (node.name !== 'LabelName') return;
        const parent = node.node.parent!;
        const label = expr.slice(node.from, node.to);
        if (parent.name === 'GroupingLabels') grouping.push(label);
        if (parent.name === 'UnquotedLabelMatcher') {
          const selector = parent.parent!.parent!;
          const name = selector.getChild('Identifier');
          matchers.push({ metric: name ? expr.slice(name.from, name.to) : undefined, label });
        }
      },
    });
    return { matchers, grouping };
  }

  test('the tokenizer keeps strings, durations, recorded names and two-character operators whole, and drops layout', () => {
    expect(promqlTokens('sum by (queue) (\n  rate(a:b_total{x=~"p q", y!="z"}[5m])\n) >= 1.5e3 unless x != .5')).toEqual([
      'sum', 'by', '(', 'queue', ')', '(', 'rate', '(', 'a:b_total', '{', 'x', '=~', '"p q"', ',', 'y', '!=', '"z"', '}', '[', '5m', ']', ')',
      ')', '>=', '1.5e3', 'unless', 'x', '!=', '.5',
    ]);
  });

  test.each(envs.flatMap((env) => shippedExpressions(env).map((e) => [env.name, e.where, e.expr] as const)))('%s %s: the label extraction agrees with the PromQL parser', (_env, _where, expr) => {
    const { matchers, grouping } = labelUses(expr);
    expect({ matchers, grouping }).toEqual(parsedLabelUses(expr));
  });

  test.each<[string, string, string[]]>([
    ['a matcher on a label the metric does not have', 'max by (queue_name) (volcano_queue_overused{queue="batch"})', [
      'selects volcano_queue_overused by label "queue", which it does not have (it has app, instance, job, namespace, pod, queue_name, service)',
    ]],
    ['grouping by a label of another metric', 'max by (queue) (volcano_queue_pod_group_pending_count)', [
      'groups or matches by label "queue", which none of its series has (they have app, instance, job, namespace, pod, queue_name, service)',
    ]],
    ['a misspelt label in on()', 'queue:volcano_queue_guarantee:config and on (queue_name, resouce) queue:volcano_queue_allocated:max', [
      expect.stringMatching(/^groups or matches by label "resouce", which none of its series has \(they have .*queue_name.*resource/) as unknown as string,
    ]],
    ['a histogram bucket without le', 'sum by (le, action) (rate(volcano_e2e_scheduling_latency_milliseconds_bucket[5m]))', [
      expect.stringMatching(/^groups or matches by label "action", which none of its series has/) as unknown as string,
    ]],
    ['label_replace creates the label it groups by', 'max by (queue) (label_replace(volcano_queue_share, "queue", "$1", "queue_name", "(.*)"))', []],
    ['a recorded series by a label it carries', `${'queue:volcano_e2e_job_scheduling_duration_milliseconds:p95'}{queue=~"a|b"} > 1`, []],
  ])('%s', (_name, expr, expected) => {
    expect(labelProblems(expr, recordedLabels)).toEqual(expected);
  });

  test('a label of a related metric is caught (job_name where the gang metric has job_id)', () => {
    const problems = labelProblems('volcano_unschedule_task_count{job_name="x"}', recordedLabels);
    expect(problems).toEqual(['selects volcano_unschedule_task_count by label "job_name", which it does not have (it has app, instance, job, job_id, namespace, pod, service)']);
  });
});
