import { execFileSync } from 'child_process';
import * as path from 'path';
import { deserialize } from 'v8';
import { prepareEnvironments } from '../../lib/config';
import { DayInputs, cachedDay, simulateDay } from '../../lib/simulation/day-cache';
import { dayAheadState, simulateAhead, takeAhead } from '../../lib/simulation/days-ahead';
import { dayInputs } from '../../lib/simulation/report';
import { ENVIRONMENTS } from '../../stacks/environments';

// lib/simulation/days-ahead.ts: synthesis's simulated days computed on the other core while the rest renders.

const ROOT = path.join(__dirname, '..', '..');

describe('simulated days computed ahead in a worker thread', () => {
  // Each environment's declared day, in the order the probe asks for them, as synthesis computes it here.
  const expectedDays = () => prepareEnvironments(ENVIRONMENTS).flatMap((env) => {
    if (!env.workload) return [];
    const inputs = dayInputs(env, env.workload.scenarios[0]) as DayInputs;
    return [cachedDay(inputs, () => simulateDay(inputs))];
  });

  it.each([
    ['started when the days are asked for', []],
    ['started first, as main.ts does, then given the days', ['--start-first']],
  ])('under tools/run-ts.js, the worker %s: computes the same days, reports one it cannot compute, and hands out each once', (_, args) => {
    // The probe asks the worker for every day whatever is kept, and keeps none: it shares this run's cache
    // for what tools/run-ts.js keeps (the transpiled files), as an npm script after an edit would.
    const out = execFileSync(process.execPath, [path.join(ROOT, 'tools', 'run-ts.js'), path.join(__dirname, 'days-ahead-probe.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const report = JSON.parse(out.trim().split('\n').pop()!);
    const days = report.results.length;
    const expected = expectedDays();
    expect(days).toBe(expected.length);
    // Asked for: queued, or already taken by the worker.
    expect(report.started.filter((state: string) => !['queued', 'inWorker', 'failed'].includes(state))).toEqual([]);
    expect([report.brokenState, report.brokenTaken]).toEqual(['failed', 'left to the caller']);
    // A day from the worker is the day computed here, to the last bit (toEqual tells -0 from 0).
    report.results.forEach((r: { fromWorker: boolean; day?: string }, index: number) => {
      if (r.fromWorker) expect(deserialize(Buffer.from(r.day!, 'base64'))).toEqual(expected[index]);
    });
    // The worker takes the days in the order asked; the probe waited until it had taken the first real one.
    expect(report.results[0].fromWorker).toBe(true);
    expect(report.afterwards).toEqual(Array(days + 1).fill('forgotten'));
  });

  it('elsewhere (here in jest, which no worker could load TypeScript like) asks for nothing: days are computed where needed', () => {
    const [prod] = prepareEnvironments(ENVIRONMENTS.filter((e) => e.name === 'prod'));
    const inputs = dayInputs(prod, prod.workload!.scenarios[0]);
    simulateAhead([inputs], () => false);
    expect(dayAheadState(inputs)).toBeUndefined();
    expect(takeAhead(inputs)).toBeUndefined();
  });
});
