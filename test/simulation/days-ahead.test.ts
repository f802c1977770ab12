import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prepareEnvironments } from '../../lib/config';
import { dayAheadState, simulateAhead, takeAhead } from '../../lib/simulation/days-ahead';
import { dayInputs } from '../../lib/simulation/report';
import { ENVIRONMENTS } from '../../stacks/environments';

// lib/simulation/days-ahead.ts: synthesis's simulated days computed on the other core while the rest renders.

const ROOT = path.join(__dirname, '..', '..');

describe('simulated days computed ahead in a worker thread', () => {
  it.each([
    ['started when the days are asked for', []],
    ['started first, as main.ts does, then given the days', ['--start-first']],
  ])('under tools/run-ts.js, the worker %s: computes the same days, reports one it cannot compute, and hands out each once', (_, args) => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-days-ahead-'));
    try {
      const out = execFileSync(process.execPath, [path.join(ROOT, 'tools', 'run-ts.js'), path.join(__dirname, 'days-ahead-probe.ts'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, VOLCANO_PLATFORM_CACHE_DIR: cache },
      });
      const report = JSON.parse(out.trim().split('\n').pop()!);
      const days = report.results.length;
      expect(days).toBe(ENVIRONMENTS.filter((e) => prepareEnvironments([e])[0].workload).length);
      // Asked for: queued, or already taken by the worker.
      expect(report.started.filter((state: string) => !['queued', 'inWorker', 'failed'].includes(state))).toEqual([]);
      expect([report.brokenState, report.brokenTaken]).toEqual(['failed', 'left to the caller']);
      expect(report.results.every((r: { equal: boolean }) => r.equal)).toBe(true);
      // The worker takes the days in the order asked; the probe waited until it had taken the first real one.
      expect(report.results[0]).toEqual({ fromWorker: true, equal: true });
      expect(report.afterwards).toEqual(Array(days + 1).fill('forgotten'));
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('elsewhere (here in jest, which no worker could load TypeScript like) asks for nothing: days are computed where needed', () => {
    const [prod] = prepareEnvironments(ENVIRONMENTS.filter((e) => e.name === 'prod'));
    const inputs = dayInputs(prod, prod.workload!.scenarios[0]);
    simulateAhead([inputs], () => false);
    expect(dayAheadState(inputs)).toBeUndefined();
    expect(takeAhead(inputs)).toBeUndefined();
  });
});
