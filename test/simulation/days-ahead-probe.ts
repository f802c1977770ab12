import { serialize } from 'v8';
import { prepareEnvironments } from '../../lib/config';
import { dayAheadState, simulateAhead, startDayWorker, takeAhead } from '../../lib/simulation/days-ahead';
import { dayInputs } from '../../lib/simulation/report';
import { ENVIRONMENTS } from '../../stacks/environments';

// Run by days-ahead.test.ts under tools/run-ts.js (as the npm scripts run): asks ahead for a day the worker
// cannot compute and then every environment's declared day (the worker takes them in that order), waits
// until the worker has failed on the first and taken the next, then takes each day and prints, as one JSON
// line, where each came from and (v8-serialized, base64) the day the worker computed, which the test holds
// to the day computed in jest. With `--start-first`, the worker
// is started before anything else, as main.ts does, and given the days once they are known.

if (process.argv.includes('--start-first')) startDayWorker();

const days: unknown[] = prepareEnvironments(ENVIRONMENTS).flatMap((env) => (env.workload ? [dayInputs(env, env.workload.scenarios[0])] : []));
const broken = { setup: null, scenario: null, seed: 1 };
const asked = [broken, ...days];
simulateAhead(asked, () => false);
const started = asked.map((inputs) => dayAheadState(inputs));
const deadline = Date.now() + 60_000;
const pause = new Int32Array(new SharedArrayBuffer(4));
const settled = () => dayAheadState(broken) === 'failed' && dayAheadState(days[0]) !== 'queued';
while (!settled() && Date.now() < deadline) Atomics.wait(pause, 0, 0, 10);
const brokenState = dayAheadState(broken);
const results = days.map((inputs) => {
  const fromWorker = takeAhead(inputs);
  return fromWorker === undefined ? { fromWorker: false } : { fromWorker: true, day: serialize(fromWorker).toString('base64') };
});
const brokenTaken = takeAhead(broken) === undefined ? 'left to the caller' : 'returned';
console.log(JSON.stringify({ started, brokenState, brokenTaken, results, afterwards: asked.map((inputs) => dayAheadState(inputs) ?? 'forgotten') }));
