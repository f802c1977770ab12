import { Fields, Schema, anything, bool, list, map, object, text } from '../config/schema';
import { WorkloadClass, WorkloadProfile, WorkloadScenario } from './profile';

/**
 * The runtime schema of an environment's `workload` (the types are in `profile.ts`): every key a
 * profile may write, checked with the rest of the environment before anything is rendered (see
 * `lib/config/schema.ts`). To add a field, add it to its type in `profile.ts` and here; the compiler
 * refuses the one without the other. Values (rates, gang sizes, durations, references) are checked in
 * `validate.ts`.
 */

const CLASS = object<WorkloadClass>({
  name: text,
  description: text,
  tenant: text,
  queue: text,
  priorityClass: text,
  // A rate or 24 of them, a size or a range, a mean or bounds: their rules are in validate.ts.
  arrivalsPerHour: anything,
  gang: anything,
  podRequests: map(anything, 'a map of resource name to quantity'),
  runTime: anything,
  slaWaitingTime: text,
}, {
  what: 'a workload class',
  required: {
    name: 'the class name, a string',
    tenant: 'the tenant that submits it',
    queue: 'the queue it is submitted to',
    priorityClass: 'the priority class of its pods',
    arrivalsPerHour: 'jobs per hour, or 24 hourly rates',
    gang: 'pods per job, or { min, max }',
    podRequests: 'the requests of each pod',
    runTime: '{ mean } or { min, max }',
  },
});

const SCENARIO = object<WorkloadScenario>({
  name: text,
  description: text,
  classes: list(CLASS, 'a list of workload classes'),
}, { what: 'a workload scenario', required: { name: 'the scenario name, a string', classes: 'a list of workload classes' } });

const FIELDS: Fields<WorkloadProfile> = {
  scenarios: list(SCENARIO, 'a list of workload scenarios'),
  enforceSlas: bool,
};

/** The `workload` section of an environment. */
export const WORKLOAD_SCHEMA: Schema = object<WorkloadProfile>(FIELDS, {
  what: 'a workload profile',
  required: { scenarios: 'a list of workload scenarios' },
});
