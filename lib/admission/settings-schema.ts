import { GPU_RESOURCES } from '../config/resources';
import { Fields, Schema, bool, custom, list, map, num, object, oneOf, shown, text } from '../config/schema';
import { closest, suggestion } from '../config/suggest';
import { POLICY_NAMES, PolicyName } from './policies/names';
import { AdmissionExemptions, AdmissionSettings, Enforcement } from './settings';

/**
 * The runtime schema of `admission` (the types are in `settings.ts`): every key an environment may
 * write, checked before anything is rendered (see `lib/config/schema.ts`). To add a setting, add it to
 * `AdmissionSettings` and its entry here; the compiler refuses the one without the other. The rules
 * between settings and the environment (queues and classes that exist) are in `validateAdmission`.
 */

const ACTIONS = ['Deny', 'Warn', 'Audit'];
const ACTION = oneOf(ACTIONS, 'a validation action');

/** What a string written for an enforcement probably meant: `"off"` for `"Off"`, a list for a lone action. */
function enforcementHint(value: string): string {
  const meant = ACTIONS.includes(value) ? value : closest(value, ['off', ...ACTIONS]);
  if (meant === undefined) return '';
  return meant === 'off' ? '; did you mean "off"?' : `; did you mean ["${meant}"]?`;
}

/** `'off'`, or a list of validation actions (their combination is checked by `validateAdmission`). */
const ENFORCEMENT = custom('"off" or a list of Deny, Warn, Audit', (value, path, problems) => {
  if (value === 'off') return;
  if (!Array.isArray(value)) {
    problems.add(path, `must be "off" or a list of Deny, Warn, Audit, got ${shown(value)}${typeof value === 'string' ? enforcementHint(value) : ''}`);
    return;
  }
  value.forEach((action, i) => ACTION.check(action, `${path}[${i}]`, problems));
});

const POLICIES = object<Partial<Record<PolicyName, Enforcement>>>(
  Object.fromEntries(POLICY_NAMES.map((name) => [name, ENFORCEMENT])) as Fields<Record<PolicyName, Enforcement>>,
  { what: 'a map of policy name to enforcement', unknown: (key, known) => `unknown policy "${key}"${suggestion(key, known)}` },
);

const FIELDS: Fields<AdmissionSettings> = {
  enforcement: ENFORCEMENT,
  policies: POLICIES,
  maxRetry: num,
  priorityClassesByQueue: map(list(text, 'a list of priority class names'), 'a map of queue name to priority classes'),
  exemptions: object<AdmissionExemptions>({ users: list(text, 'a list of user names'), groups: list(text, 'a list of group names') }),
  volcanoSchedulerEnabled: bool,
};

/** The schema of an environment's `admission`. */
export const ADMISSION_SETTINGS_SCHEMA: Schema = object<AdmissionSettings>(FIELDS, {
  what: 'the admission settings',
  retired: {
    gpuQueues: 'is no longer set by hand: a leaf queue is a GPU queue when its own guarantee, deserved or capability gives '
      + `a GPU resource (${GPU_RESOURCES.join(', ')}) above zero; remove this line`,
  },
});
