import { parentPort } from 'worker_threads';
import { DAY, DayWork } from './days-ahead';
import { simulateDay, DayInputs } from './day-cache';

/**
 * The worker thread of `days-ahead.ts`: loads the simulation (above) as soon as it starts, then computes
 * each batch of days posted to it, in their order, skipping any the pages took back, and posts each result
 * before marking it done.
 */

function computeBatch({ days, states, port }: DayWork): void {
  for (let index = 0; index < days.length; index++) {
    if (Atomics.compareExchange(states, index, DAY.queued, DAY.inWorker) !== DAY.queued) continue;
    try {
      port.postMessage({ index, trace: simulateDay(days[index] as DayInputs) });
      Atomics.store(states, index, DAY.done);
    } catch {
      // The pages compute it again, and then its error is theirs to report.
      Atomics.store(states, index, DAY.failed);
    }
    Atomics.notify(states, index);
  }
  port.close();
}

parentPort!.on('message', (work: DayWork) => computeBatch(work));
