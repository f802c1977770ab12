import { prepareEnvironments } from '../../lib/config';
import { dashboardSpecs } from '../../lib/observability/dashboard-specs';
import { recordingRuleGroups } from '../../lib/observability/rule-groups';
import { ENVIRONMENTS } from '../../stacks/environments';
import { testRules } from './promtool';

const envs = prepareEnvironments(ENVIRONMENTS);

/** A panel's queries of one environment, with every queue selected (as the variable's "All" does). */
function panelQueries(envName: string, title: string): string[] {
  const env = envs.find((e) => e.name === envName)!;
  const panel = dashboardSpecs(env).flatMap((d) => d.rows.flatMap((r) => r.panels)).find((p) => p.title === title)!;
  return panel.queries.map((q) => q.expr.replace(/\$queue/g, '.*'));
}

describe('"Overused queues" follows VolcanoQueueOverused', () => {
  test.each(['prod', 'dev'])('%s (proportion): 1 only for allocation above deserved, not for a queue whose demand is met', (envName) => {
    const env = envs.find((e) => e.name === envName)!;
    const [expr] = panelQueries(envName, 'Overused queues');
    // proportion caps deserved at the request and calls deserved <= allocated overused
    // (pkg/scheduler/plugins/proportion/proportion.go:233, :323, v1.15.1): the served queue's gauge reads 1.
    const result = testRules(recordingRuleGroups(env), [{
      name: 'a served queue and a borrowing one',
      interval: '1m',
      input_series: [
        { series: 'volcano_queue_allocated_milli_cpu{queue_name="served"}', values: '8000x10' },
        { series: 'volcano_queue_deserved_milli_cpu{queue_name="served"}', values: '8000x10' },
        { series: 'volcano_queue_overused{queue_name="served"}', values: '1x10' },
        { series: 'volcano_queue_allocated_milli_cpu{queue_name="borrowing"}', values: '16000x10' },
        { series: 'volcano_queue_deserved_milli_cpu{queue_name="borrowing"}', values: '8000x10' },
        { series: 'volcano_queue_overused{queue_name="borrowing"}', values: '1x10' },
      ],
      promql_expr_test: [{
        expr,
        eval_time: '5m',
        exp_samples: [
          { labels: '{queue="served", resource="cpu"}', value: 0 },
          { labels: '{queue="borrowing", resource="cpu"}', value: 1 },
        ],
      }],
    }]);
    if (result.status !== 0) throw new Error(result.output);
  });

  test('gpu-lab (capacity) draws Volcano\'s gauge, as its alert reads it', () => {
    expect(panelQueries('gpu-lab', 'Overused queues')).toEqual(['max by (queue_name) (volcano_queue_overused{queue_name=~".*"})']);
  });
});
