import { prepareEnvironment, prepareEnvironments } from '../../lib/config';
import { prod } from '../../stacks/environments/prod';
import { alertDefinitions, omittedAlerts } from '../../lib/observability/alert-rules';
import { dashboardSpecs } from '../../lib/observability/dashboard-specs';
import { runbooksFor } from '../../lib/observability/runbooks';
import { ENVIRONMENTS } from '../../stacks/environments';
import { builtInOutputFiles } from '../support/render';

const envs = prepareEnvironments(ENVIRONMENTS);
const alertNames = [...new Set(envs.flatMap((env) => alertDefinitions(env).map((a) => a.name)))].sort();
const files = new Map(builtInOutputFiles().filter((f) => f.path.startsWith('docs/observability/')).map((f) => [f.path, f.content]));

test('every alert has exactly one runbook, and every runbook an alert', () => {
  for (const env of envs) expect(Object.keys(runbooksFor(env)).sort()).toEqual(alertNames);
});

const rendered = envs.flatMap((env) => [...new Set(alertDefinitions(env).map((a) => a.name))].map((name) => [env.name, name, env] as const));

test.each(rendered)('runbook of %s/%s: meaning, impact, diagnosis with commands or queries, mitigation', (envName, name, env) => {
  const runbook = runbooksFor(env)[name];
  expect(runbook.meaning.length).toBeGreaterThan(40);
  expect(runbook.impact.length).toBeGreaterThan(40);
  expect(runbook.diagnosis.length).toBeGreaterThanOrEqual(2);
  for (const step of runbook.diagnosis) expect(step.command ?? step.query).toBeTruthy();
  expect(runbook.mitigation.length).toBeGreaterThanOrEqual(1);
  const doc = files.get(`docs/observability/runbooks/${envName}/${name}.md`)!;
  for (const section of ['## Meaning', '## Impact', '## Diagnosis', '## Mitigation', `## Thresholds in ${envName}`]) expect(doc).toContain(section);
});

test.each(rendered)('runbook of %s/%s is written for the environment: its namespace and object names, no shell variables', (envName, name, env) => {
  const doc = files.get(`docs/observability/runbooks/${envName}/${name}.md`)!;
  // Nothing the reader must set first: every command runs as printed, after filling in <placeholders>.
  expect(doc).not.toMatch(/\$[A-Z_]+|\$\{/);
  // No empty or doubled inline code (a template that joined two code spans).
  expect(doc).not.toMatch(/[^`]``[^`]/);
  for (const command of runbooksFor(env)[name].diagnosis.map((s) => s.command ?? '')) {
    if (/kubectl -n /.test(command)) expect(command).toContain(`kubectl -n ${env.release.namespace} `);
    if (command.includes('configmap')) expect(command).toContain(`${env.release.releaseName}-scheduler-configmap`);
  }
  expect(doc).toContain(`Volcano namespace \`${env.release.namespace}\``);
});

test.each(rendered)('runbook of %s/%s changes configuration only through stacks/, synth and a pull request', (envName, name, env) => {
  for (const step of runbooksFor(env)[name].mitigation) {
    // Every mention of a setting is phrased as the stacks/ change; nothing tells the reader to edit live objects.
    if (/`(queues|release|tenants|admission)\[?[<.a-z]/.test(step)) {
      expect(step).toContain(`in the definition of environment \`${envName}\` under \`stacks/\`, run \`npm run synth\`, and open a pull request`);
    }
    expect(step).not.toMatch(/kubectl (edit|patch|apply|scale)|enable the reclaim action|if the queue is Closed, open it/i);
  }
});

test('the runbook URLs of every environment lead to its generated runbooks', () => {
  for (const env of envs) expect(env.observability.runbookUrlPattern).toMatch(/\/docs\/observability\/runbooks\/\{environment\}\/\{alert\}\.md$/);
});

test('the alert catalog states the queue label, and per alert and environment the severity, labels and settings key with its reason', () => {
  const catalog = files.get('docs/observability/alerts.md')!;
  expect(catalog).toContain('names it with the label `queue` (never `queue_name`');
  expect(catalog).toContain('| [VolcanoQueueStarved](#volcanoqueuestarved) | queues | dev: warning, prod: warning, gpu-lab: warning |');
  expect(catalog).toContain('| [gpu-lab](runbooks/gpu-lab/VolcanoQueueOverused.md) | info | `severity`, `queue` | `observability.alerts.queueOverused`: Borrowing idle GPUs');
  expect(catalog).toContain('| [prod](runbooks/prod/VolcanoJobSchedulingLatencyHigh.md) | critical | `severity`, `sla`, `queue` | `observability.schedulingSlas[name=interactive]` | 5m |');
  expect(catalog).toContain('| [prod](runbooks/prod/VolcanoGangJobUnschedulable.md) | warning | `severity`, `job_id` | `observability.alerts.gangUnschedulable` (default) |');
});

test('every queue-scoped alert and recording rule names the queue `queue`, never `queue_name`', () => {
  for (const env of envs) {
    for (const alert of alertDefinitions(env)) expect(alert.resultLabels).not.toContain('queue_name');
    expect(alertDefinitions(env).filter((a) => a.resultLabels.includes('queue')).length).toBeGreaterThanOrEqual(6);
  }
});

test('the alert catalog lists every alert and the dashboards doc every panel', () => {
  const catalog = files.get('docs/observability/alerts.md')!;
  for (const name of alertNames) expect(catalog).toContain(`## ${name}`);
  const dashboardsDoc = files.get('docs/observability/dashboards.md')!;
  for (const env of envs) {
    for (const dashboard of dashboardSpecs(env)) {
      expect(dashboardsDoc).toContain(`## ${dashboard.title} (uid \`${dashboard.uid}\`)`);
      for (const panel of dashboard.rows.flatMap((r) => r.panels)) expect(dashboardsDoc).toContain(`| ${panel.title} |`);
    }
  }
});

test('an alert left out of an environment is documented with its own reason', () => {
  expect(envs.map((env) => [env.name, omittedAlerts(env)])).toEqual([
    ['dev', [{ name: 'VolcanoPreemptionRateHigh', reason: 'the scheduler does not run the preempt action' }]],
    ['prod', []],
    ['gpu-lab', [{ name: 'VolcanoPreemptionRateHigh', reason: 'the scheduler does not run the preempt action' }]],
  ]);
  const catalog = files.get('docs/observability/alerts.md')!;
  expect(catalog).toContain('| dev | not rendered: the scheduler does not run the preempt action | | | | |');
  expect(catalog).toContain('| gpu-lab | not rendered: the scheduler does not run the preempt action | | | | |');
  // An alert an environment does not render has no runbook there.
  expect(files.has('docs/observability/runbooks/gpu-lab/VolcanoPreemptionRateHigh.md')).toBe(false);
  expect(files.has('docs/observability/runbooks/prod/VolcanoPreemptionRateHigh.md')).toBe(true);
});

test('each conditional alert has its reason, and the omitted ones are exactly those not rendered', () => {
  const bare = prepareEnvironment({
    ...prod,
    queues: prod.queues.map(({ guarantee: _guarantee, ...queue }) => queue),
    observability: { ...prod.observability, schedulingSlas: [], queuesWithoutSla: ['interactive', 'batch'] },
  });
  expect(omittedAlerts(bare)).toEqual([
    { name: 'VolcanoJobSchedulingLatencyHigh', reason: 'no scheduling SLA' },
    { name: 'VolcanoQueueStarved', reason: 'no enabled queue with a guarantee' },
  ]);
  const rendered = alertDefinitions(bare).map((a) => a.name);
  expect(alertNames.filter((name) => !rendered.includes(name))).toEqual(['VolcanoJobSchedulingLatencyHigh', 'VolcanoQueueStarved']);
});

test.each(rendered)('runbook of %s/%s lists PodGroups only in ways kubectl accepts, and prints the queue it filters on', (_envName, name, env) => {
  for (const command of runbooksFor(env)[name].diagnosis.map((s) => s.command ?? '')) {
    for (const get of command.split(/;|\|\|?|&&/).map((part) => part.trim()).filter((part) => /^kubectl get podgroups\b/.test(part))) {
      // The PodGroup CRD declares no selectableFields: the API server refuses any field selector but name and namespace.
      expect(get).not.toMatch(/--field-selector(?!=metadata\.(name|namespace)=)/);
      // Its QUEUE column is printed only with -o wide (priority 1) or when asked for explicitly.
      if (command.includes('<queue>')) expect(get).toMatch(/-o wide|QUEUE:\.spec\.queue/);
    }
  }
});
