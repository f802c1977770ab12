import { Problems } from '../config/problems';
import { Fields, Schema, anything, bool, custom, list, map, num, object, shown, text } from '../config/schema';
import { suggestion } from '../config/suggest';
import { isPlainObject } from '../util';
import { GangSize, RunTime, WorkloadClass, WorkloadProfile, WorkloadScenario } from './profile';

/**
 * The runtime schema of an environment's `workload` (the types are in `profile.ts`): every key a
 * profile may write, checked with the rest of the environment before anything is rendered (see
 * `lib/config/schema.ts`). To add a field, add it to its type in `profile.ts` and here; the compiler
 * refuses the one without the other. Values (rates, gang sizes, durations, references) are checked in
 * `validate.ts`.
 */

/** One shape of a union of maps, told apart by their keys: `{ mean }` or `{ min, max }`. */
interface Variant {
  /** The shape as messages show it, e.g. `{ min, max }`. */
  readonly shape: string;
  /** Its fields, every one required. */
  readonly fields: Readonly<Record<string, Schema>>;
  /** What each field is, for `is required:` messages. */
  readonly required: Readonly<Record<string, string>>;
}

/**
 * A map that must be exactly one of `variants`, each closed: the variant is the first that has a key the
 * value uses, and a key of another variant, or of none (with what it probably meant), is a problem. A
 * map with no key of any variant gets each of its keys reported against every variant's fields.
 */
function oneShapeOf(what: string, variants: readonly Variant[]): Schema {
  const shapes = variants.map((v) => v.shape).join(' or ');
  const everyField = [...new Set(variants.flatMap((v) => Object.keys(v.fields)))];
  return custom(what, (value, path, problems) => {
    if (!isPlainObject(value)) return problems.add(path, `must be ${what}, got ${shown(value)}`);
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    const variant = variants.find((v) => keys.some((key) => Object.prototype.hasOwnProperty.call(v.fields, key)));
    if (variant === undefined) {
      for (const key of keys) problems.add(`${path}.${key}`, `unknown field of ${shapes}${suggestion(key, everyField)}`);
      if (keys.length === 0) problems.add(path, `must be ${shapes}, got an empty map`);
      return;
    }
    checkVariant(value, path, variant, { shapes, everyField }, problems);
  });
}

/** The union a variant belongs to, for messages about keys of its other variants. */
interface Union {
  readonly shapes: string;
  readonly everyField: readonly string[];
}

function checkVariant(value: Readonly<Record<string, unknown>>, path: string, variant: Variant, union: Union, problems: Problems): void {
  const own = Object.keys(variant.fields);
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const field = Object.prototype.hasOwnProperty.call(variant.fields, key) ? variant.fields[key] : undefined;
    if (field !== undefined) field.check(item, `${path}.${key}`, problems);
    // A key of the other shape: both were written, and one of them would be dropped.
    else if (union.everyField.includes(key)) problems.add(`${path}.${key}`, `unknown field of ${variant.shape}: ${union.shapes} are alternatives, write one of them`);
    else problems.add(`${path}.${key}`, `unknown field of ${variant.shape}${suggestion(key, own)}`);
  }
  for (const key of own) {
    if (value[key] === undefined || value[key] === null) problems.add(`${path}.${key}`, `is required: ${variant.required[key]}`);
  }
}

const EXPONENTIAL: Fields<Extract<RunTime, { mean: string }>> = { mean: text };
const UNIFORM: Fields<Extract<RunTime, { min: string }>> = { min: text, max: text };
const GANG_RANGE: Fields<Exclude<GangSize, number>> = { min: num, max: num };

/** `{ mean }` (exponential) or `{ min, max }` (uniform), nothing else; their values are checked in validate.ts. */
const RUN_TIME = oneShapeOf('{ mean } or { min, max } durations', [
  { shape: '{ mean }', fields: EXPONENTIAL, required: { mean: 'the mean run time, a duration such as 2m' } },
  { shape: '{ min, max }', fields: UNIFORM, required: { min: 'the shortest run time, a duration such as 1m', max: 'the longest run time, a duration such as 4h' } },
]);

const GANG_BOUNDS = oneShapeOf('a number of pods, or { min, max }', [
  { shape: '{ min, max }', fields: GANG_RANGE, required: { min: 'the smallest gang, a number of pods', max: 'the largest gang, a number of pods' } },
]);

/** A number of pods, or `{ min, max }` and nothing else; whole numbers and their order are checked in validate.ts. */
const GANG = custom(GANG_BOUNDS.what, (value, path, problems) => (typeof value === 'number' ? num.check(value, path, problems) : GANG_BOUNDS.check(value, path, problems)));

const CLASS = object<WorkloadClass>({
  name: text,
  description: text,
  tenant: text,
  queue: text,
  priorityClass: text,
  // A rate or 24 of them: its rules are in validate.ts.
  arrivalsPerHour: anything,
  gang: GANG,
  podRequests: map(anything, 'a map of resource name to quantity'),
  runTime: RUN_TIME,
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
