import { policyObjectName } from '../../lib/admission/admission-policies';
import { POLICY_NAMES } from '../../lib/admission/policies/names';
import { FIXTURES } from '../../lib/admission/testing/all-fixtures';
import { FIXTURE_ENVIRONMENT } from '../../lib/admission/testing/fixture-environment';
import { FixtureUser, TENANT_USER, VOLCANO_CONTROLLER } from '../../lib/admission/testing/fixtures';
import { prepareEnvironment } from '../../lib/config';
import { renderEnvironment } from '../../lib/synth/render';
import { RenderedAdmission } from './admission-environment';

type Json = Record<string, any>;

/** Every object the fixture environment renders, and its admission policies run on requests. */
export const FIXTURE_OBJECTS = renderEnvironment(prepareEnvironment(FIXTURE_ENVIRONMENT)).flatMap((m) => m.objects);
export const FIXTURE_ADMISSION = new RenderedAdmission(FIXTURE_OBJECTS);

/** The policies that deny a created object, each with how many of its validations fail. */
export function denials(object: Json, user: FixtureUser = TENANT_USER): Record<string, number> {
  const reviews = FIXTURE_ADMISSION.review({ operation: 'CREATE', object, oldObject: null, userInfo: user });
  return Object.fromEntries(reviews.filter((r) => r.outcome.violations.length > 0).map((r) => [r.policy, r.outcome.violations.length]));
}

/** Every object of `kind` created in a policy's fixture table, whatever the policy, named for test.each. */
export function createdInFixtures(kind: string): Array<readonly [string, Json]> {
  return POLICY_NAMES.flatMap((name) => FIXTURES[name]
    .filter((f) => (f.operation ?? 'CREATE') === 'CREATE' && f.object?.kind === kind)
    .map((f) => [`${name}: ${f.name}`, f.object!] as const));
}

/** The six policies that deny the bypassing Job of the fixtures, created directly (gang-size admits it). */
const BYPASS_DENIED_BY = ['allowed-queues', 'bounded-retries', 'gpu-queues', 'priority-classes', 'resource-requests', 'volcano-scheduler'];

/** A kind whose objects are the templates of Jobs that one of Volcano's exempt controllers creates. */
export interface TemplateKind {
  /** The kind, e.g. `CronJob`. */
  readonly kind: string;
  /** The controller that creates the Jobs, for test names. */
  readonly controller: string;
  /** The fixtures' object of this kind that carries the bad Job spec a reviewer found admitted. */
  readonly bypassing: () => Json;
  /** The Job the controller creates from an object of this kind. */
  readonly jobFrom: (object: Json) => Json;
}

/**
 * The tests every template kind must pass: it is judged as the Job its controller creates would be, were a
 * tenant to submit that Job, since the Job itself comes from an exempt identity.
 */
export function templateKindTests({ kind, controller, bypassing, jobFrom }: TemplateKind): void {
  const created = createdInFixtures(kind);

  test(`the bypassing ${kind} is denied by the six policies that deny the same Job created directly`, () => {
    const policies = BYPASS_DENIED_BY.map(policyObjectName);
    expect(Object.keys(denials(bypassing())).sort()).toEqual(policies);
    expect(Object.keys(denials(jobFrom(bypassing()))).sort()).toEqual(policies);
  });

  test(`the Job Volcano's ${controller} creates from it is exempt from every policy: only the ${kind} can be judged`, () => {
    expect(denials(jobFrom(bypassing()), VOLCANO_CONTROLLER)).toEqual({});
  });

  test.each(created)(`%s: judged as the Job the ${controller} creates from it would be, were a tenant to submit it`, (_name, object) => {
    expect(denials(object)).toEqual(denials(jobFrom(object)));
  });

  test(`the fixture tables create ${kind}s that some policy admits and some policy denies`, () => {
    const outcomes = created.map(([, object]) => Object.keys(denials(object)).length > 0);
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });
}
