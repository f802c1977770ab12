import { NEVER_EMITTED_METRICS, TARGET_LABELS, knownSeriesNames } from './metrics';
import { promqlTokens } from './promql-tokens';

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

const IDENTIFIER = /^[A-Za-z_:][\w:]*$/;
const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/** The label names an expression uses: in selectors (with their metric), in grouping clauses, and created by label_replace. */
export interface LabelUses {
  /** `metric{label=...}`; `metric` undefined for a selector without a name. */
  readonly matchers: ReadonlyArray<{ readonly metric?: string; readonly label: string }>;
  /** Labels of `by`, `without`, `on`, `ignoring`, `group_left`, `group_right`. */
  readonly grouping: readonly string[];
  /** Destination labels of `label_replace`. */
  readonly created: readonly string[];
  /** Every identifier that may be a series name. */
  readonly identifiers: readonly string[];
}

/** The label uses of a PromQL expression (the tests compare them with a real PromQL parser's). */
export function labelUses(expression: string): LabelUses {
  const tokens = promqlTokens(expression);
  const matchers: Array<{ metric?: string; label: string }> = [];
  const grouping: string[] = [];
  const created: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '{') {
      const metric = i > 0 && IDENTIFIER.test(tokens[i - 1]) ? tokens[i - 1] : undefined;
      for (i++; i < tokens.length && tokens[i] !== '}'; i++) {
        if (IDENTIFIER.test(tokens[i]) && ['=', '!=', '=~', '!~'].includes(tokens[i + 1])) matchers.push({ metric, label: tokens[i] });
      }
    } else if (GROUPING.has(token) && tokens[i + 1] === '(') {
      for (i += 2; i < tokens.length && tokens[i] !== ')'; i++) if (IDENTIFIER.test(tokens[i])) grouping.push(tokens[i]);
    } else if (token === 'label_replace' && tokens[i + 1] === '(') {
      // The destination label is the string right after the first top-level comma.
      let depth = 0;
      for (let j = i + 1; j < tokens.length; j++) {
        if ('({['.includes(tokens[j])) depth++;
        else if (')}]'.includes(tokens[j])) depth--;
        if (depth === 1 && tokens[j] === ',') {
          created.push(tokens[j + 1].slice(1, -1));
          break;
        }
        if (depth === 0) break;
      }
    }
  }
  const identifiers = tokens.filter((t) => IDENTIFIER.test(t));
  return { matchers, grouping, created, identifiers };
}

/**
 * The labels a series can carry: a catalog metric's own and the target labels (`le` too for a histogram's
 * buckets); a recorded series' from `recordedLabels`; undefined for anything else (reported elsewhere).
 */
function seriesLabels(name: string, recordedLabels: ReadonlyMap<string, ReadonlySet<string>>): ReadonlySet<string> | undefined {
  const recorded = recordedLabels.get(name);
  if (recorded) return recorded;
  const metric = knownSeriesNames().get(name);
  if (!metric) return undefined;
  return new Set([...metric.labels, ...TARGET_LABELS, ...(metric.type === 'histogram' && name.endsWith('_bucket') ? ['le'] : [])]);
}

/** Every label a recording rule's series may carry: those of the series it reads, what it creates, its static labels. */
export function recordedSeriesLabels(expression: string, staticLabels: readonly string[], recordedLabels: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const uses = labelUses(expression);
  const labels = new Set<string>([...uses.created, ...staticLabels]);
  for (const name of uses.identifiers) for (const label of seriesLabels(name, recordedLabels) ?? []) labels.add(label);
  return labels;
}

/**
 * Label names an expression uses that its series cannot carry: a matcher on a label its metric does not
 * have, or a grouping label that none of the expression's series has (nor a label_replace creates).
 */
export function labelProblems(expression: string, recordedLabels: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const uses = labelUses(expression);
  const problems: string[] = [];
  for (const { metric, label } of uses.matchers) {
    const labels = metric === undefined ? undefined : seriesLabels(metric, recordedLabels);
    if (labels && !labels.has(label)) problems.push(`selects ${metric} by label "${label}", which it does not have (it has ${[...labels].sort().join(', ')})`);
  }
  const available = new Set<string>(uses.created);
  for (const name of uses.identifiers) for (const label of seriesLabels(name, recordedLabels) ?? []) available.add(label);
  for (const label of new Set(uses.grouping)) {
    if (!available.has(label)) problems.push(`groups or matches by label "${label}", which none of its series has (they have ${[...available].sort().join(', ')})`);
  }
  return problems;
}
