import { prepareEnvironments } from '../../lib/config';
import { CHART_VALUE_KEYS, CHART_VALUE_SECTIONS, PLUGIN_SWITCHES, SCHEDULER_ACTIONS, SCHEDULER_PLUGINS, VOLCANO_CHART, volcanoReleaseSpec } from '../../lib/volcano';
import { ENVIRONMENTS } from '../../stacks/environments';
import { allObjects } from '../support/render';
import { objectKey } from '../../lib/deploy/plan';
import { schemaValidator, volcanoFacts } from '../support/schemas';

// The upstream facts are generated from the chart's Chart.yaml and values.yaml and the scheduler
// configuration reference into schemas/facts/volcano.json (`npm run schemas`; CI checks they match upstream).
const facts = volcanoFacts();

describe('chart values against the chart\'s values.yaml', () => {
  const known = new Set(facts.valueKeys);

  test('the chart coordinates match Chart.yaml', () => {
    expect(facts.chart).toEqual({
      name: VOLCANO_CHART.name,
      version: VOLCANO_CHART.version,
      appVersion: VOLCANO_CHART.appVersion,
    });
  });

  test('the project\'s key list is exactly the chart\'s keys', () => {
    expect([...CHART_VALUE_KEYS].filter((k) => !known.has(k))).toEqual([]);
    expect([...known].filter((k) => !CHART_VALUE_KEYS.has(k))).toEqual([]);
    expect(new Set([...known].map((k) => k.split('.')[0]))).toEqual(new Set(CHART_VALUE_SECTIONS));
  });

  test.each(prepareEnvironments(ENVIRONMENTS).map((env) => [env.name, env] as const))('every values key %s emits exists in the chart', (_name, env) => {
    const values = volcanoReleaseSpec(env).values as Record<string, Record<string, unknown>>;
    const emitted = Object.entries(values).flatMap(([section, content]) => Object.keys(content).map((key) => `${section}.${key}`));
    expect(emitted.filter((k) => !known.has(k))).toEqual([]);
  });
});

describe('scheduler names against the scheduler configuration reference', () => {
  test('the action list is exactly the registered one', () => {
    expect([...SCHEDULER_ACTIONS].sort()).toEqual(facts.actions);
  });

  test('the plugin switches are exactly the ones of the file schema', () => {
    expect([...PLUGIN_SWITCHES].sort()).toEqual(facts.pluginSwitches);
  });

  test('the plugin list is exactly the registered one', () => {
    expect([...SCHEDULER_PLUGINS].sort()).toEqual(facts.plugins);
  });
});

describe('Flux objects against the Flux CRD schemas (schemas/)', () => {
  const validators: Record<string, (object: object) => string[]> = {
    'helm.toolkit.fluxcd.io/v2/HelmRelease': schemaValidator('helm.toolkit.fluxcd.io/v2', 'HelmRelease'),
    'source.toolkit.fluxcd.io/v1/HelmRepository': schemaValidator('source.toolkit.fluxcd.io/v1', 'HelmRepository'),
  };
  const fluxObjects = allObjects().filter((o) => validators[`${o.object.apiVersion}/${o.object.kind}`]);

  test('every environment renders a HelmRelease and a HelmRepository', () => {
    const kinds = fluxObjects.map((o) => `${o.environment}/${o.object.kind}`).sort();
    expect(kinds).toEqual(ENVIRONMENTS.flatMap((e) => [`${e.name}/HelmRelease`, `${e.name}/HelmRepository`]).sort());
  });

  test.each(fluxObjects.map((o) => [`${o.environment} ${objectKey(o.object)}`, o.object] as const))('%s is valid', (_id, object) => {
    const validate = validators[`${object.apiVersion}/${object.kind}`];
    expect(validate(object)).toEqual([]);
  });

  test('the schema check catches a misspelt field', () => {
    const release = fluxObjects.find((o) => o.object.kind === 'HelmRelease')!.object;
    const validate = validators['helm.toolkit.fluxcd.io/v2/HelmRelease'];
    expect(validate({ ...release, spec: { ...release.spec, intreval: '5m' } })).toContain('/spec must NOT have additional properties (intreval)');
    expect(validate({ ...release, spec: { ...release.spec, releaseName: 'x'.repeat(54) } })).toContain('/spec/releaseName must NOT have more than 53 characters');
  });

  test('the schema check evaluates the CRD\'s CEL rules (exactly one of chart and chartRef)', () => {
    const release = fluxObjects.find((o) => o.object.kind === 'HelmRelease')!.object;
    const validate = validators['helm.toolkit.fluxcd.io/v2/HelmRelease'];
    const both = { ...release, spec: { ...release.spec, chartRef: { kind: 'OCIRepository', name: 'volcano' } } };
    expect(validate(both)).toEqual(['/spec violates x-kubernetes-validations rule: (has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))']);
    const { chart: _chart, ...neither } = release.spec;
    expect(validate({ ...release, spec: neither })).toHaveLength(1);
  });
});
