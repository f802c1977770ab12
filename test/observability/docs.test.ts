import { prepareEnvironments } from '../../lib/config';
import { alertDefinitions } from '../../lib/observability/alert-rules';
import { dashboardSpecs } from '../../lib/observability/dashboards';
import { RUNBOOKS } from '../../lib/observability/runbooks';
import { ENVIRONMENTS } from '../../stacks/environments';
import { builtInOutputFiles } from '../support/render';

const envs = prepareEnvironments(ENVIRONMENTS);
const alertNames = [...new Set(envs.flatMap((env) => alertDefinitions(env).map((a) => a.name)))].sort();
const files = new Map(builtInOutputFiles().filter((f) => f.path.startsWith('docs/observability/')).map((f) => [f.path, f.content]));

test('every alert has exactly one runbook, and every runbook an alert', () => {
  expect(Object.keys(RUNBOOKS).sort()).toEqual(alertNames);
});

test.each(alertNames)('runbook of %s: meaning, impact, diagnosis with commands or queries, mitigation', (name) => {
  const runbook = RUNBOOKS[name];
  expect(runbook.meaning.length).toBeGreaterThan(40);
  expect(runbook.impact.length).toBeGreaterThan(40);
  expect(runbook.diagnosis.length).toBeGreaterThanOrEqual(2);
  for (const step of runbook.diagnosis) expect(step.command ?? step.query).toBeTruthy();
  expect(runbook.mitigation.length).toBeGreaterThanOrEqual(1);
  const doc = files.get(`docs/observability/runbooks/${name}.md`)!;
  for (const section of ['## Meaning', '## Impact', '## Diagnosis', '## Mitigation', '## Thresholds']) expect(doc).toContain(section);
});

test('the runbook URLs of every environment lead to the generated runbooks', () => {
  for (const env of envs) expect(env.observability.runbookUrlPattern).toMatch(/\/docs\/observability\/runbooks\/\{alert\}\.md$/);
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
