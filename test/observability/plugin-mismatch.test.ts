import { EnvironmentDefinition, EnvironmentValidationError, Problems, prepareEnvironments, resolveEnvironment, validateEnvironment } from '../../lib/config';
import { validateObservability } from '../../lib/observability/validate';
import { prod } from '../../stacks/environments/prod';

// A scheduler configuration written out by hand without `gang`: the release validation refuses it, and so
// does the observability check, because alerts and panels use metrics only `gang` produces.
const withoutGang: EnvironmentDefinition = {
  ...prod,
  release: {
    ...prod.release,
    scheduler: {
      ...prod.release?.scheduler,
      tiers: [
        { plugins: [{ name: 'priority' }, { name: 'conformance' }, { name: 'sla', arguments: { 'sla-waiting-time': '2m' } }] },
        { plugins: [{ name: 'drf' }, { name: 'predicates' }, { name: 'proportion' }, { name: 'nodeorder' }] },
      ],
    },
  },
};

test('the observability check refuses alerts and panels whose metrics the scheduler configuration cannot produce', () => {
  // Called on its own: within validateEnvironment it runs only once everything else holds, and the release
  // validation already refuses a configuration without gang (see below).
  const problems = new Problems('prod');
  validateObservability(withoutGang, resolveEnvironment(withoutGang), problems);
  const enables = 'the scheduler configuration enables priority, conformance, sla, drf, predicates, proportion, nodeorder';
  expect(problems.list).toEqual([
    `prod: observability: recording rule job:volcano_job_first_placement:timestamp_seconds uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; ${enables}`,
    `prod: observability: recording rule queue:volcano_last_placement_age_seconds:min uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; ${enables}`,
    `prod: observability: alert VolcanoGangJobUnschedulable uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; ${enables}`,
    `prod: observability: dashboard "Volcano Scheduler Operations" panel "Gang-unschedulable jobs" uses volcano_unschedule_job_count, which exists only with scheduler plugin "gang"; ${enables}`,
    `prod: observability: dashboard "Volcano Scheduler Operations" panel "Unschedulable tasks per job" uses volcano_unschedule_task_count, which exists only with scheduler plugin "gang"; ${enables}`,
  ]);
});

test('validation refuses such an environment before anything is written', () => {
  expect(validateEnvironment(withoutGang)).toEqual([
    'prod: release.scheduler.tiers: must include the "gang" plugin: without it jobs start with fewer than their minimum members',
  ]);
  expect(() => prepareEnvironments([withoutGang])).toThrow(EnvironmentValidationError);
});
