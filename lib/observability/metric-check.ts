import { NEVER_EMITTED_METRICS, knownSeriesNames } from './metrics';

/**
 * Problems with the metrics an expression uses, each as a sentence: a metric Volcano never emits, a
 * metric nobody exports (unknown to the catalog and not a recording rule), or one whose scheduler plugin
 * the environment does not enable (its series would never exist, so an alert on it could never fire).
 *
 * @param metricNames series names the expression selects (parsed by the caller)
 * @param enabledPlugins scheduler plugins the environment's configuration enables
 * @param recordedNames series written by our recording rules
 * @param enabledActions scheduler actions the environment's configuration runs
 */
export function metricProblems(
  metricNames: Iterable<string>,
  enabledPlugins: readonly string[],
  recordedNames: ReadonlySet<string>,
  enabledActions: readonly string[],
): string[] {
  const known = knownSeriesNames();
  const problems: string[] = [];
  for (const name of new Set(metricNames)) {
    if (NEVER_EMITTED_METRICS.includes(name)) {
      problems.push(`uses ${name}, which Volcano v1.15.1 defines but never emits`);
      continue;
    }
    if (recordedNames.has(name)) continue;
    const metric = known.get(name);
    if (metric === undefined) {
      problems.push(`uses ${name}, which is neither a known metric nor one of our recording rules`);
    } else if (metric.requiresOneOfPlugins && !metric.requiresOneOfPlugins.some((p) => enabledPlugins.includes(p))) {
      const needed = metric.requiresOneOfPlugins.map((p) => `"${p}"`).join(' or ');
      problems.push(`uses ${name}, which exists only with scheduler plugin ${needed}; the scheduler configuration enables ${enabledPlugins.join(', ') || 'none'}`);
    } else if (metric.requiresAction && !enabledActions.includes(metric.requiresAction)) {
      problems.push(`uses ${name}, which changes only when the scheduler runs action "${metric.requiresAction}"; the scheduler configuration runs ${enabledActions.join(', ') || 'none'}`);
    }
  }
  return problems;
}

/**
 * The catalog metrics (and never-emitted ones) an expression mentions, found by name. Enough for the
 * plugin check at validation time; the tests parse every expression with a real PromQL parser as well.
 */
export function catalogMetricsMentioned(expression: string): string[] {
  const candidates = [...knownSeriesNames().keys(), ...NEVER_EMITTED_METRICS];
  const tokens = new Set(expression.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []);
  return candidates.filter((name) => tokens.has(name));
}
