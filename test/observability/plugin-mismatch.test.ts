// The scheduler configuration decides which plugins are on; here it is replaced by one without `gang`, to
// show that an environment whose alerts need a plugin its scheduler does not run is refused by validation.
jest.mock('../../lib/observability/scheduler-plugins', () => ({
  schedulerPluginsAssumed: () => ['priority', 'conformance', 'drf', 'predicates', 'proportion', 'nodeorder'],
}));

import { EnvironmentValidationError, prepareEnvironments, validateEnvironment } from '../../lib/config';
import { prod } from '../../stacks/prod';

test('validation refuses an environment whose scheduler configuration lacks a plugin its alerts and dashboards need', () => {
  const enables = 'the scheduler configuration enables priority, conformance, drf, predicates, proportion, nodeorder';
  expect(validateEnvironment(prod)).toEqual([
    `prod: observability: alert VolcanoGangJobUnschedulable uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; ${enables}`,
    `prod: observability: dashboard "Volcano Scheduler Operations" panel "Gang-unschedulable jobs" uses volcano_unschedule_job_count, which exists only with scheduler plugin "gang"; ${enables}`,
    `prod: observability: dashboard "Volcano Scheduler Operations" panel "Unschedulable tasks per job" uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; ${enables}`,
  ]);
  expect(() => prepareEnvironments([prod])).toThrow(EnvironmentValidationError);
});
