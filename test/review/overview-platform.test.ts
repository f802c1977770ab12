import { deriveEnvironment, prepareEnvironments } from '../../lib/config';
import { admissionSection, alertsSection, schedulerSection } from '../../lib/review/overview-platform';
import { renderOverview } from '../../lib/review/overview';
import { prod as agentPlatform } from '../../stacks/environments/prod';
import { ENVIRONMENTS } from '../../stacks/environments';

const ENVS = prepareEnvironments(ENVIRONMENTS);
const byName = (name: string) => ENVS.find((e) => e.name === name)!;

describe('scheduler, alert and admission sections of the overview pages', () => {
  test('every page has them, after the capacity, tenant and priority class sections', () => {
    for (const env of ENVS) {
      const headings = renderOverview(env).split('\n').filter((l) => l.startsWith('## '));
      expect(headings).toEqual(['## Summary', '## Capacity plan', '## Queues', '## Tenants', '## Priority classes', '## Scheduler', '## Alerts', '## Admission policies']);
    }
  });

  test('scheduler: actions in order and plugin arguments from the settings', () => {
    const prod = schedulerSection(byName('prod'));
    expect(prod).toContain('`enqueue` → `allocate` → `preempt` → `reclaim` → `backfill`');
    // prod's sla plugin has no cluster-wide waiting time: interactive workloads carry their own.
    expect(prod).toMatch(/\| `sla` \|/);
    expect(prod).not.toContain('sla-waiting-time');
    const [slower] = prepareEnvironments([deriveEnvironment(agentPlatform, { name: 'prod', release: { ...agentPlatform.release, scheduler: { ...agentPlatform.release!.scheduler, slaWaitingTime: '3m' } } })]);
    expect(schedulerSection(slower)).toContain('| `sla` |  | `sla-waiting-time: 3m` |');
  });

  test('alerts: a changed threshold and duration show in the table', () => {
    const row = (page: string) => page.split('\n').find((l) => l.startsWith('| [`VolcanoQueueBacklog`]'));
    const [changed] = prepareEnvironments([deriveEnvironment(agentPlatform, {
      name: 'prod',
      observability: { ...agentPlatform.observability!, alerts: { queueBacklog: { pendingPodGroups: 42, for: '45m', reason: 'a test' } } },
    })]);
    expect(row(alertsSection(changed))).toContain('> 42` | `45m` |');
    expect(row(alertsSection(byName('prod')))).not.toContain('42');
  });

  test('admission: dev warns where prod denies', () => {
    expect(admissionSection(byName('dev'))).toContain('| [`allowed-queues`](../admission/allowed-queues.md) | Warn + Audit |');
    expect(admissionSection(byName('prod'))).toContain('| [`allowed-queues`](../admission/allowed-queues.md) | Deny + Audit |');
  });
});
