import { parse } from 'yaml';

/** What the tests compare the project's Volcano lists with: chart coordinates, values keys, scheduler names. */
export interface VolcanoFacts {
  readonly chart: { readonly name: string; readonly version: string; readonly appVersion: string };
  /** Every `section.key` of the chart's default values. */
  readonly valueKeys: readonly string[];
  /** The registered scheduler actions. */
  readonly actions: readonly string[];
  /** The registered scheduler plugins. */
  readonly plugins: readonly string[];
  /** The per-plugin function switches of the scheduler configuration file (`enabledPreemptable`, ...). */
  readonly pluginSwitches: readonly string[];
}

/** Chart coordinates and every `section.key` of the chart's values file. */
export function chartFacts(chartYaml: string, valuesYaml: string): Pick<VolcanoFacts, 'chart' | 'valueKeys'> {
  const chart = parse(chartYaml) as Record<string, unknown>;
  for (const field of ['name', 'version', 'appVersion']) {
    if (typeof chart[field] !== 'string') throw new Error(`Chart.yaml: ${field} is missing or not a string`);
  }
  const values = parse(valuesYaml) as Record<string, Record<string, unknown> | null>;
  const valueKeys = Object.entries(values).flatMap(([section, content]) => Object.keys(content ?? {}).map((key) => `${section}.${key}`));
  if (valueKeys.length === 0) throw new Error('values.yaml: no section.key found');
  return { chart: { name: chart.name as string, version: chart.version as string, appVersion: chart.appVersion as string }, valueKeys: valueKeys.sort() };
}

/**
 * The action, plugin and switch names of the reference's scheduler configuration page. Its layout is
 * relied on loudly: a section or table that is not where it was fails the generation, naming what.
 */
export function schedulerFacts(markdown: string): Pick<VolcanoFacts, 'actions' | 'plugins' | 'pluginSwitches'> {
  const section = (heading: string) => {
    const start = markdown.indexOf(heading);
    if (start < 0) throw new Error(`scheduler-conf.md: no section "${heading}"`);
    const end = markdown.indexOf('\n## ', start + 1);
    return markdown.slice(start, end < 0 ? undefined : end);
  };
  // Section 4's table lists the registered actions in its first column; its prose also names removed ones.
  const actions = section('## 4.').split('\n').filter((line) => line.startsWith('| `')).map((line) => {
    const name = /^\| `([a-z-]+)` \|/.exec(line)?.[1];
    if (!name) throw new Error(`scheduler-conf.md: section 4 has a table row without an action name: ${line}`);
    return name;
  });
  // Section 3 lists the switches after "per-plugin function switches", up to the plugin's "arguments:".
  const schema = section('## 3.');
  const from = schema.indexOf('per-plugin function switches');
  const to = schema.indexOf('arguments:', from);
  if (from < 0 || to < 0) throw new Error('scheduler-conf.md: section 3 has no list of per-plugin function switches');
  const pluginSwitches = schema.slice(from, to).split('\n').slice(1).flatMap((line) => line.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  const oddSwitch = pluginSwitches.find((s) => !/^[A-Za-z]+$/.test(s));
  if (oddSwitch !== undefined) throw new Error(`scheduler-conf.md: "${oddSwitch}" in section 3 is not a switch name`);
  // Section 5 names the registered plugins in the paragraph from `drf` to its first full stop.
  const plugins5 = section('## 5.');
  const first = plugins5.indexOf('`drf`');
  if (first < 0) throw new Error('scheduler-conf.md: section 5 does not start its plugin list with `drf`');
  const plugins = [...plugins5.slice(first, plugins5.indexOf('.\n', first)).matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
  for (const [what, list] of [['action', actions], ['plugin', plugins], ['plugin switch', pluginSwitches]] as const) {
    if (list.length === 0) throw new Error(`scheduler-conf.md: no ${what} names found`);
  }
  return { actions: [...actions].sort(), plugins: [...plugins].sort(), pluginSwitches: [...pluginSwitches].sort() };
}
