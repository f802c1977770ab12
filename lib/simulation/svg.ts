import { QueueShare } from '../sharing/environment';
import { Quantity } from '../config/quantity';
import { SAMPLE_SECONDS } from './engine';
import { DAY_SECONDS } from './jobs';
import { SimulationOutcome } from './report';
import { escapeXml } from '../util';

/**
 * The sharing chart of an environment page: each queue's cpu share under full contention as a bar, then
 * over the simulated day each queue's waiting jobs and the cores it holds, sampled every 15 minutes.
 * Hand-written SVG with fixed decimals: byte-stable.
 */

const WIDTH = 800;
const LEFT = 150;
const PLOT = 560;
const COLOURS = ['#1d4ed8', '#ea580c', '#0f766e', '#9333ea', '#be123c', '#4d7c0f'];


function label(x: number, y: number, content: string, extra = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" fill="#0f172a"${extra}>${escapeXml(content)}</text>`;
}

function cores(list: Readonly<Record<string, string>>): number {
  return list.cpu === undefined ? 0 : Number(Quantity.parse(list.cpu).nanos) / 1e9;
}

/** A line chart of one series per queue over the day, with its own vertical scale. */
function dayPanel(title: string, top: number, series: ReadonlyArray<{ name: string; values: readonly number[] }>): string[] {
  const height = 140;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => LEFT + ((i * SAMPLE_SECONDS) / DAY_SECONDS) * PLOT;
  const y = (v: number) => top + 20 + height - (v / max) * height;
  const parts = [
    label(12, top + 12, title, ' font-weight="bold"'),
    `<rect x="${LEFT}" y="${top + 20}" width="${PLOT}" height="${height}" fill="none" stroke="#94a3b8"/>`,
    label(LEFT - 8, top + 26, max.toFixed(max < 10 ? 1 : 0), ' text-anchor="end"'),
    label(LEFT - 8, top + 20 + height, '0', ' text-anchor="end"'),
  ];
  for (let hour = 0; hour <= 24; hour += 6) {
    parts.push(label(LEFT + (hour / 24) * PLOT, top + 20 + height + 14, `${String(hour).padStart(2, '0')}:00`, ' text-anchor="middle"'));
  }
  series.forEach((s, i) => {
    const points = s.values.map((v, j) => `${x(j).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="1.5"/>`);
  });
  return parts;
}

/** The SVG document. */
export function sharingSvg(environment: string, shares: readonly QueueShare[], outcome: SimulationOutcome): string {
  const names = shares.map((s) => s.queue);
  const traces = names.map((name) => outcome.trace.queues.find((q) => q.queue === name)!);
  const maxCores = Math.max(1, ...shares.map((s) => cores(s.resources)));
  const barsTop = 60;
  const rowHeight = 20;
  const waitTop = barsTop + names.length * rowHeight + 20;
  const coresTop = waitTop + 200;
  const height = coresTop + 200;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>Shares and queue lengths of ${escapeXml(environment)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    label(12, 22, `Sharing in ${environment}: cpu share under full contention, and the simulated "${outcome.scenario}" day`, ' font-weight="bold" font-size="14"'),
  ];
  names.forEach((name, i) => {
    const colour = COLOURS[i % COLOURS.length];
    parts.push(`<rect x="${12 + i * 120}" y="34" width="12" height="10" fill="${colour}"/>`, label(30 + i * 120, 43, name));
    const value = cores(shares[i].resources);
    const y = barsTop + i * rowHeight;
    parts.push(
      label(12, y + 12, name),
      `<rect x="${LEFT}" y="${y}" width="${((value / maxCores) * PLOT).toFixed(1)}" height="14" fill="${colour}"/>`,
      label(LEFT + (value / maxCores) * PLOT + 6, y + 12, `${shares[i].resources.cpu ?? '0'} cpu`),
    );
  });
  parts.push(...dayPanel(`Jobs waiting (pending or admitted), every ${SAMPLE_SECONDS / 60} minutes`, waitTop, names.map((name, i) => ({ name, values: traces[i].waiting }))));
  parts.push(...dayPanel('Cores held', coresTop, names.map((name, i) => ({ name, values: traces[i].cores }))));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
