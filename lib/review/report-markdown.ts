import { isEmptyDiff } from './diff';
import { changedLines } from './diff-format';
import { STALE_ADVICE } from './freshness';
import { cell, code, table } from './markdown';
import { environmentLines, isChart, shareText } from './report';
import type { EnvironmentReview, Review } from './review';

/**
 * `npm run diff -- --format markdown`: the same content as the text report, for a pull-request comment.
 * Stale files and the danger list on top, always visible; the share changes as a table; the per-object
 * details of each environment, the examples and the docs folded into `<details>` blocks.
 */
export function formatMarkdownReport(review: Review): string {
  const sections = [`### \`npm run diff\`: ${cell(review.title)}`];
  if (review.stale.length > 0) {
    sections.push([
      '> [!CAUTION]',
      `> **Stale generated files.** ${review.stale.length} file(s) in this change are not what \`npm run synth\` writes from \`stacks/\`; the diff below is of the committed files, which is what Flux would apply.`,
      ...review.stale.map((f) => `> - ${code(f.path)}: ${f.reason} (${cell(STALE_ADVICE[f.reason])})`),
    ].join('\n'));
  }
  const dangers = review.environments.flatMap((e) => e.dangers.map((d) => ({ ...d, environment: e.environment })));
  sections.push(dangers.length === 0
    ? 'No destructive or risky effects found.'
    : [`**Danger: ${dangers.length} destructive or risky effect(s)**`, '', ...dangers.map((d) => `- **${d.severity}** ${code(d.environment)} ${code(d.subject)}: ${cell(d.effect)}`)].join('\n'));
  const shareRows = review.environments.flatMap((e) => (e.shares?.changes ?? []).map((c) => [code(e.environment), code(c.queue), cell(shareText(c))]));
  if (shareRows.length > 0) {
    const plugins = review.environments.filter((e) => e.shares).map((e) => `${code(e.environment)}: ${e.shares!.plugin}`).join(', ');
    sections.push([`**Shares under full contention** (${plugins})`, '', table(['Environment', 'Queue', 'Share before → after'], shareRows)].join('\n'));
  }
  const all = [...review.environments, ...review.examples];
  sections.push(table(['Manifests', 'Added', 'Removed', 'Changed'], all.map((e) => [
    code(e.environment), String(e.diff.added.length), String(e.diff.removed.length), String(e.diff.changed.length),
  ]), [false, true, true, true]));
  for (const environment of all.filter(changed)) sections.push(details(`<code>${environment.environment}</code>: ${counts(environment)}`, environmentLines(environment, true).slice(1)));
  if (review.docs.length > 0) {
    const lines = review.docs.flatMap((file) => [`${{ added: '+', removed: '-', changed: '~' }[file.status]} ${file.path}`, ...(isChart(file.path) ? [] : changedLines(file.lines))]);
    sections.push(details(`generated docs: ${review.docs.length} file(s) changed`, lines));
  }
  return sections.join('\n\n') + '\n';
}

function changed(review: EnvironmentReview): boolean {
  return review.presence !== 'both' || !isEmptyDiff(review.diff);
}

/** A folded block holding report lines verbatim. */
function details(summary: string, lines: readonly string[]): string {
  return ['<details>', `<summary>${summary}</summary>`, '', '````text', ...lines, '````', '', '</details>'].join('\n');
}

function counts({ diff, presence }: EnvironmentReview): string {
  const text = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
  return presence === 'both' ? text : `environment ${presence} (${text})`;
}
