import * as fs from 'fs';
import { parse } from 'yaml';
import { prepareEnvironments } from '../../lib/config';
import { CHART_VALUE_KEYS, CHART_VALUE_SECTIONS, PLUGIN_SWITCHES, SCHEDULER_ACTIONS, SCHEDULER_PLUGINS, VOLCANO_CHART, volcanoReleaseSpec } from '../../lib/volcano';
import { ENVIRONMENTS } from '../../stacks/environments';
import { describeWithReference, referencePath } from '../support/reference';
import { allObjects } from '../support/render';
import { objectKey } from '../../lib/deploy/plan';
import { crdValidator } from '../support/schemas';

const VALUES = 'volcano-1.15.1/values.yaml';
const CHART = 'volcano-1.15.1/Chart.yaml';
const SCHEDULER_CONF = 'volcano-1.15.1/scheduler-conf.md';
const FLUX_RELEASE = 'flux/helmreleases.crd.yaml';
const FLUX_REPOSITORY = 'flux/helmrepositories.crd.yaml';

/** Every `section.key` of the chart's values file. */
function referenceKeys(): Set<string> {
  const values = parse(fs.readFileSync(referencePath(VALUES), 'utf8')) as Record<string, Record<string, unknown>>;
  return new Set(Object.entries(values).flatMap(([section, content]) => Object.keys(content ?? {}).map((key) => `${section}.${key}`)));
}

describeWithReference('chart values against the chart\'s values.yaml', [VALUES, CHART], () => {
  const known = referenceKeys();

  test('the chart coordinates match Chart.yaml', () => {
    const chart = parse(fs.readFileSync(referencePath(CHART), 'utf8'));
    expect({ name: chart.name, version: chart.version, appVersion: chart.appVersion }).toEqual({
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

describeWithReference('scheduler names against scheduler-conf.md', [SCHEDULER_CONF], () => {
  const text = fs.readFileSync(referencePath(SCHEDULER_CONF), 'utf8');
  const section = (heading: string) => text.slice(text.indexOf(heading), text.indexOf('\n## ', text.indexOf(heading) + 1));

  test('the action list is exactly the registered one (the first column of the table in section 4)', () => {
    // Only table rows: the section's prose also names the removed actions `elect` and `reserve`.
    const rows = section('## 4.').split('\n').filter((line) => line.startsWith('| `'));
    const registered = rows.map((line) => /^\| `([a-z-]+)` \|/.exec(line)?.[1]);
    expect(registered).not.toContain(undefined);
    expect(registered.length).toBeGreaterThan(0);
    expect([...registered].sort()).toEqual([...SCHEDULER_ACTIONS].sort());
  });

  test('the plugin switches are exactly the ones of the file schema (section 3)', () => {
    const schema = section('## 3.');
    const block = schema.slice(schema.indexOf('per-plugin function switches'), schema.indexOf('arguments:', schema.indexOf('per-plugin function switches')));
    const switches = block.split('\n').slice(1).flatMap((line) => line.split(',')).map((s) => s.trim()).filter((s) => s !== '');
    expect(switches.every((s) => /^[A-Za-z]+$/.test(s))).toBe(true);
    expect([...switches].sort()).toEqual([...PLUGIN_SWITCHES].sort());
  });

  test('the plugin list is exactly the registered one', () => {
    // The registered names are the paragraph that starts with `drf` and ends at the first full stop.
    const plugins = section('## 5.');
    const registered = plugins.slice(plugins.indexOf('`drf`'), plugins.indexOf('.\n', plugins.indexOf('`drf`')));
    const names = [...registered.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    expect([...names].sort()).toEqual([...SCHEDULER_PLUGINS].sort());
  });
});

describeWithReference('Flux objects against the Flux CRD schemas', [FLUX_RELEASE, FLUX_REPOSITORY], () => {
  const validators: Record<string, (object: object) => string[]> = {
    'helm.toolkit.fluxcd.io/v2/HelmRelease': crdValidator(FLUX_RELEASE, 'v2'),
    'source.toolkit.fluxcd.io/v1/HelmRepository': crdValidator(FLUX_REPOSITORY, 'v1'),
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
});
