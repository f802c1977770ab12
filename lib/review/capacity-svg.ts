import { Quantity } from '../config';
import { CapacityPlan, PoolPlan } from './capacity';
import { escapeXml } from '../util';

/**
 * The capacity plan as a chart to take in at a glance: one panel per resource, one bar per queue on a
 * scale where the full width is the cluster capacity. The capability is the light bar, the guarantee the
 * dark bar inside it, the deserved share (capacity policy) a tick; a last bar shows the guaranteed total
 * of the top-level queues and the headroom left. Hand-written SVG with fixed decimals: byte-stable.
 */

const WIDTH = 800;
const LABEL_X = 12;
const BAR_X = 170;
const BAR_WIDTH = 400;
const VALUE_X = BAR_X + BAR_WIDTH + 12;
const ROW = 22;
const BAR_HEIGHT = 14;
const PANEL_TITLE = 26;
const PANEL_GAP = 14;
const TOP = 64;

const COLOURS = {
  capability: '#bfdbfe',
  guarantee: '#1d4ed8',
  deserved: '#ea580c',
  total: '#0f766e',
  frame: '#94a3b8',
  text: '#0f172a',
  muted: '#64748b',
};

/** The SVG document of an environment's capacity chart. */
export function capacitySvg(plan: CapacityPlan): string {
  const rowsPerPanel = plan.queues.length + 1;
  const panelHeight = PANEL_TITLE + rowsPerPanel * ROW;
  const height = TOP + plan.resources.length * (panelHeight + PANEL_GAP);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>Capacity plan of ${escapeXml(plan.environment)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(LABEL_X, 22, `Capacity plan of ${plan.environment} (${plan.sharingPolicy} sharing); full bar width = cluster capacity`, { weight: 'bold', size: 14 }),
    ...legend(plan.sharingPolicy === 'capacity'),
  ];
  plan.resources.forEach((resource, index) => {
    const top = TOP + index * (panelHeight + PANEL_GAP);
    parts.push(...panel(plan, resource, top));
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function legend(withDeserved: boolean): string[] {
  const y = 44;
  const items: string[] = [
    `<rect x="${LABEL_X}" y="${y - 10}" width="14" height="10" fill="${COLOURS.capability}"/>`,
    text(LABEL_X + 20, y, 'capability (c)'),
    `<rect x="${LABEL_X + 120}" y="${y - 10}" width="14" height="10" fill="${COLOURS.guarantee}"/>`,
    text(LABEL_X + 140, y, 'guarantee (g)'),
    `<rect x="${LABEL_X + 240}" y="${y - 10}" width="14" height="10" fill="${COLOURS.total}"/>`,
    text(LABEL_X + 260, y, 'guaranteed in total'),
  ];
  if (withDeserved) {
    items.push(`<rect x="${LABEL_X + 390}" y="${y - 11}" width="3" height="12" fill="${COLOURS.deserved}"/>`, text(LABEL_X + 400, y, 'deserved (d)'));
  }
  return items;
}

function panel(plan: CapacityPlan, resource: string, top: number): string[] {
  const capacity = plan.cluster.get(resource);
  const parts = [text(LABEL_X, top + 16, `${resource}: cluster capacity ${capacity?.toString() ?? 'not declared'}`, { weight: 'bold' })];
  const x = (amount: Quantity | undefined) => (amount && capacity ? BAR_X + BAR_WIDTH * fraction(amount, capacity) : BAR_X);
  plan.queues.forEach((queue, row) => {
    const y = top + PANEL_TITLE + row * ROW;
    const amounts = queue.resources.get(resource) ?? {};
    const label = `${queue.name}${queue.enabled ? '' : ' (disabled)'}`;
    parts.push(text(LABEL_X + queue.depth * 12, y + 11, label, { colour: queue.enabled ? COLOURS.text : COLOURS.muted }));
    if (amounts.capability) parts.push(bar(BAR_X, y, x(amounts.capability) - BAR_X, COLOURS.capability));
    if (amounts.guarantee) parts.push(bar(BAR_X, y, x(amounts.guarantee) - BAR_X, COLOURS.guarantee));
    parts.push(frame(y));
    if (amounts.deserved) parts.push(`<rect x="${fixed(x(amounts.deserved) - 1.5)}" y="${y - 2}" width="3" height="${BAR_HEIGHT + 4}" fill="${COLOURS.deserved}"/>`);
    const values = [
      amounts.guarantee && `g ${amounts.guarantee}`,
      amounts.deserved && `d ${amounts.deserved}`,
      amounts.capability && `c ${amounts.capability}`,
    ].filter(Boolean).join(' · ');
    parts.push(text(VALUE_X, y + 11, values || 'not set', { colour: COLOURS.muted }));
  });
  const total = plan.pools.find((p) => p.name === 'cluster' && p.resource === resource);
  if (total) parts.push(...totalRow(total, top + PANEL_TITLE + plan.queues.length * ROW, x));
  return parts;
}

function totalRow(pool: PoolPlan, y: number, x: (amount: Quantity | undefined) => number): string[] {
  const headroom = pool.guaranteeHeadroom === undefined ? '' : `, headroom ${pool.guaranteeHeadroom.canonical()}`;
  return [
    text(LABEL_X, y + 11, 'guaranteed in total', { weight: 'bold' }),
    bar(BAR_X, y, x(pool.guaranteed) - BAR_X, COLOURS.total),
    frame(y),
    text(VALUE_X, y + 11, `g ${pool.guaranteed.canonical()}${headroom}`, { colour: COLOURS.muted }),
  ];
}

function frame(y: number): string {
  return `<rect x="${BAR_X}" y="${y}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="none" stroke="${COLOURS.frame}"/>`;
}

function bar(x: number, y: number, width: number, colour: string): string {
  return `<rect x="${fixed(x)}" y="${y}" width="${fixed(Math.max(0, width))}" height="${BAR_HEIGHT}" fill="${colour}"/>`;
}

/** `part / whole` clamped to [0, 1], exact to 1/100000 before it becomes a float. */
function fraction(part: Quantity, whole: Quantity): number {
  if (whole.isZero()) return 0;
  const scaled = Number((part.nanos * 100_000n) / whole.nanos) / 100_000;
  return Math.min(1, Math.max(0, scaled));
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function text(x: number, y: number, content: string, style: { weight?: string; size?: number; colour?: string } = {}): string {
  const attributes = [
    `x="${x}"`,
    `y="${y}"`,
    style.size ? `font-size="${style.size}"` : '',
    style.weight ? `font-weight="${style.weight}"` : '',
    `fill="${style.colour ?? COLOURS.text}"`,
  ].filter(Boolean).join(' ');
  return `<text ${attributes}>${escapeXml(content)}</text>`;
}

