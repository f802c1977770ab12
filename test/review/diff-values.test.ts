import { diffObjectSets } from '../../lib/review/diff';
import { formatDuration, formatField, formatQuantity } from '../../lib/review/diff-format';
import { lineChanges } from '../../lib/review/diff-text';
import { parseManifest } from '../../lib/review/manifests';
import { KubeObject } from '../../lib/synth/render';

const NOTHING = { added: [], removed: [], changed: [] };

describe('values as a reviewer reads them', () => {
  const recording = (memory: string): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'r', namespace: 'm' },
    spec: { groups: [{ name: 'g', rules: [{ record: 'queue:volcano_queue_guarantee:config', expr: `vector(${memory})`, labels: { queue_name: 'batch', resource: 'memory' } }] }] },
  });

  test('a memory constant of a recording rule reads in Kubernetes units: 32Gi → 40Gi', () => {
    const [field] = diffObjectSets([recording('34359738368')], [recording('42949672960')]).changed[0].fields;
    expect(formatField(field)).toEqual([
      'spec.groups[name=g].rules[record=queue:volcano_queue_guarantee:config].expr: 32Gi → 40Gi  (in: vector(‹…›))',
    ]);
  });

  test('a whole recording rule removed shows its constant in units too', () => {
    const none: KubeObject = { ...recording('0'), spec: { groups: [{ name: 'g', rules: [] }] } };
    const [field] = diffObjectSets([recording('17179869184')], [none]).changed[0].fields;
    expect(formatField(field)[0]).toContain('"expr":"vector(16Gi)"');
  });

  test('an alert threshold on a latency metric reads as a duration; divisors and job counts beside it stay numbers', () => {
    const alert = (expr: string): KubeObject => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'r', namespace: 'm' },
      spec: { groups: [{ name: 'g', rules: [{ alert: 'Slow', expr, labels: { sla: 'batch' } }] }] },
    });
    const ms = (threshold: string) => alert(`max(x_duration_milliseconds{q="a"}) > ${threshold} and sum(x_duration_milliseconds) / 1000 > 2`);
    const [field] = diffObjectSets([ms('1800000')], [ms('1200000')]).changed[0].fields;
    expect(formatField(field)[0]).toMatch(/^spec\.groups\[name=g\]\.rules\[alert=Slow\]\.expr: 30m → 20m {2}\(in: /);
    const divisor = (d: string) => alert(`max(x_duration_milliseconds{q="a"}) > 1800000 and sum(x_duration_milliseconds) / ${d} > 2`);
    expect(formatField(diffObjectSets([divisor('1000')], [divisor('60000')]).changed[0].fields[0])[0]).toMatch(/expr: 1000 → 60000 /);
    const seconds = (threshold: string, jobs: string) => alert(`q:wait_seconds:p95_1h{queue=~"batch"} > ${threshold} and on (queue) q:placed:count_1h >= ${jobs}`);
    const [latency, count] = diffObjectSets([seconds('1800', '20')], [seconds('1200', '30')]).changed[0].fields;
    expect(formatField(latency)[0]).toMatch(/expr: 30m → 20m /);
    expect(formatField(count)[0]).toMatch(/expr: 20 → 30 /);
    expect(formatDuration('90000')).toBe('1m30s');
    expect(formatDuration('1500')).toBe('1500');
  });

  test.each([
    ['34359738368', 'bytes', '32Gi'],
    ['1572864', 'bytes', '1536Ki'],
    ['1000', 'bytes', '1000'],
    ['0.5', 'cores', '500m'],
    ['96', 'cores', '96'],
  ] as const)('%s %s is %s', (amount, unit, expected) => {
    expect(formatQuantity(amount, unit)).toBe(expected);
  });

  const policy = (expression: string): KubeObject => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: 'p' },
    spec: { validations: [{ expression }] },
  });
  const CEL = 'has(namespaceObject.metadata.annotations) && "volcano-platform.io/allowed-queues" in namespaceObject.metadata.annotations ? namespaceObject.metadata.annotations["volcano-platform.io/allowed-queues"].split(",").map(v, v.trim()).filter(v, v != "") : []';

  test('a one-name change inside a long CEL expression is that name with its context, not two strings', () => {
    const renamed = CEL.replace('.map(v, v.trim())', '.map(q, q.trim())');
    const [field] = diffObjectSets([policy(CEL)], [policy(renamed)]).changed[0].fields;
    expect(field).toEqual({ path: 'spec.validations[0].expression', old: 'v, v', new: 'q, q', within: '... (",").map(‹…›.trim()). ...' });
    expect(formatField(field)).toEqual(['spec.validations[0].expression: v, v → q, q  (in: ... (",").map(‹…›.trim()). ...)']);
  });

  test('two distant edits in one expression are two changes, each with its context', () => {
    const edited = CEL.replace('has(namespaceObject.metadata.annotations)', 'has(object.metadata.annotations)').replace('v != ""', 'v != "-"');
    const fields = diffObjectSets([policy(CEL)], [policy(edited)]).changed[0].fields;
    expect(fields.map((f) => [f.old, f.new])).toEqual([['namespaceObject', 'object'], ['', '-']]);
  });

  test('CEL layout is not a change', () => {
    expect(diffObjectSets([policy(CEL)], [policy(CEL.replace(/ && /g, '\n  && '))])).toEqual(NOTHING);
  });

  test('a changed word inside a CEL string literal is that word', () => {
    const was = `variables.subject + ": at most 1 retries are allowed here, because the workflow engine retries too"`;
    const [field] = diffObjectSets([policy(was)], [policy(was.replace('at most 1', 'at most 2'))]).changed[0].fields;
    expect(field).toMatchObject({ old: '1', new: '2', within: 'variables.subject + ": at most ‹…› retries are allowed here, because ..."' });
  });

  test('multi-line text that is no document is diffed by lines', () => {
    const config = (line: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { notes: `first\n${line}\nlast: [\n` } });
    const [field] = diffObjectSets([config('second')], [config('2nd')]).changed[0].fields;
    expect(formatField(field)).toEqual(['data.notes: 1 line(s) removed, 1 added', '  - second', '  + 2nd']);
  });

  test('line diff keeps common lines out (longest common subsequence)', () => {
    expect(lineChanges('a\nb\nc\nd', 'a\nc\nd\ne')).toEqual([{ sign: '-', text: 'b' }, { sign: '+', text: 'e' }]);
  });
});

test('an object created with generateName (a sample Workflow) is identified by it on both sides', () => {
  const workflow = (stage: string) => parseManifest(
    `---\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: report-\n  namespace: workflows\nspec:\n  entrypoint: ${stage}\n`,
    'examples/dev/report.yaml',
  );
  expect(diffObjectSets(workflow('a'), workflow('b')).changed).toEqual([{
    ref: { kind: 'Workflow', namespace: 'workflows', name: 'report-*' },
    fields: [{ path: 'spec.entrypoint', old: 'a', new: 'b' }],
  }]);
  expect(() => parseManifest('---\nkind: Workflow\nmetadata: {}\n', 'x.yaml')).toThrow('x.yaml: document 1 is not a Kubernetes object (kind and metadata.name or metadata.generateName are required)');
});
