import { Quantity } from '../config/quantity';
import { ANNOTATIONS, LABELS, pruneDisabled } from '../labels';
import { KubeObject } from '../synth/render';
import { deployOrderDangers } from './deploy-order';
import { ObjectSetDiff, objectId, refOf } from './diff';
import { QueueShares } from './shares';

/**
 * The destructive or risky effects of a change, listed before the per-object details: what a reviewer
 * must not approve by accident. Every rule reads the objects themselves (kinds, annotations, the Flux
 * prune annotation) and what the deploy path says it protects, never a list of names.
 */

/** One effect: `destructive` loses data, work or access; `risky` changes behaviour in a way that is hard to undo. */
export interface Danger {
  /** How bad it is; the word starts the danger's line. */
  readonly severity: 'destructive' | 'risky';
  /** The object it is about, e.g. `Namespace/agent-runtime`. */
  readonly subject: string;
  /** What happens, in a sentence. */
  readonly effect: string;
}

/** What else guards an object, e.g. `Pulumi protects it in stack prod`; undefined when nothing does. */
export type ProtectionOf = (object: KubeObject) => string | undefined;

/** What the danger rules read for one environment. */
export interface DangerInput {
  /** The environment's objects at the base commit. */
  readonly base: readonly KubeObject[];
  /** Its objects in the working tree. */
  readonly head: readonly KubeObject[];
  /** The diff of the two. */
  readonly diff: ObjectSetDiff;
  /** Deploy-side protection (Pulumi `protect`); Flux's prune annotation is read from the objects. */
  readonly protection?: ProtectionOf;
  /** Each queue's share under full contention before the change, when known. */
  readonly sharesBefore?: QueueShares;
}

/**
 * Every danger of one environment's change: removals first, then changes, then additions, each in object
 * order; then what cannot be deployed in one step (lib/review/deploy-order.ts).
 */
export function findDangers(input: DangerInput): Danger[] {
  const before = index(input.base);
  const after = index(input.head);
  const dangers: Danger[] = [];
  for (const ref of input.diff.removed) dangers.push(...removal(before.get(objectId(ref))!, input));
  for (const { ref } of input.diff.changed) dangers.push(...change(before.get(objectId(ref))!, after.get(objectId(ref))!, input));
  for (const ref of input.diff.added) dangers.push(...addition(after.get(objectId(ref))!));
  dangers.push(...deployOrderDangers(input.base, input.head));
  return dangers;
}

function removal(object: KubeObject, input: DangerInput): Danger[] {
  const subject = objectId(refOf(object));
  const guard = guards(object, input, true);
  const effect = (text: string) => [{ severity: 'destructive' as const, subject, effect: guard ? `${text}; ${guard}` : text }];
  switch (object.kind) {
    case 'Namespace': {
      const inside = input.base.filter((o) => o.metadata.namespace === object.metadata.name).map((o) => `${o.kind}/${o.metadata.name}`);
      const tenant = object.metadata.labels?.[LABELS.tenant];
      const what = tenant ? `namespace of tenant ${tenant}` : 'namespace';
      const listedInside = inside.length > 0 ? ` (${inside.join(', ')})` : '';
      // A kept tenant Namespace (onRemoval: keep-namespace, the default) is never pruned by Flux and retained
      // by Pulumi (lib/deploy/plan.ts retainedOnRemoval): its workloads go on without the platform's objects.
      if (tenant && pruneDisabled(object)) {
        return [{ severity: 'risky', subject, effect: `${what} removed from the platform but kept in the cluster (Flux never prunes it, Pulumi retains it), ` +
          `with every workload and volume in it; the platform objects in it${listedInside} are deleted: delete the Namespace by hand once it is empty` }];
      }
      return effect(`${what} deleted with every workload, PersistentVolumeClaim and volume in it${inside.length > 0 ? ` (platform objects in it: ${inside.join(', ')})` : ''}`);
    }
    case 'Queue': {
      const users = tenantsUsing(input.base, ANNOTATIONS.allowedQueues, object.metadata.name);
      return effect(`queue deleted: its PodGroups and jobs are no longer scheduled` + (users.length > 0 ? ` (tenants using it: ${users.join(', ')})` : ''));
    }
    case 'PriorityClass': {
      const users = tenantsUsing(input.base, ANNOTATIONS.allowedPriorityClasses, object.metadata.name);
      return effect(`priority class deleted: pods naming it can no longer be created` + (users.length > 0 ? ` (tenants allowed it: ${users.join(', ')})` : ''));
    }
    default:
      return guard ? [{ severity: 'risky', subject, effect: `protected object removed; ${guard}` }] : [];
  }
}

function change(old: KubeObject, now: KubeObject, input: DangerInput): Danger[] {
  const subject = objectId(refOf(now));
  const dangers: Danger[] = [];
  const add = (severity: Danger['severity'], effect: string) => dangers.push({ severity, subject, effect });
  if (now.kind === 'Queue') queueChange(old, now, input.sharesBefore?.get(now.metadata.name), add);
  if (now.kind === 'Namespace') {
    const lost = listed(old, ANNOTATIONS.allowedQueues).filter((q) => !listed(now, ANNOTATIONS.allowedQueues).includes(q));
    const tenant = now.metadata.labels?.[LABELS.tenant] ?? now.metadata.name;
    for (const queue of lost) add('destructive', `tenant ${tenant} loses queue ${queue}: its new jobs there are denied`);
    const lostClasses = listed(old, ANNOTATIONS.allowedPriorityClasses).filter((c) => !listed(now, ANNOTATIONS.allowedPriorityClasses).includes(c));
    for (const pc of lostClasses) add('destructive', `tenant ${tenant} loses priority class ${pc}: its new pods naming it are denied`);
  }
  if (now.kind === 'ValidatingAdmissionPolicyBinding') {
    const was: string[] = old.spec?.validationActions ?? [];
    const is: string[] = now.spec?.validationActions ?? [];
    if (!was.includes('Deny') && is.includes('Deny')) {
      add('destructive', `policy ${now.spec?.policyName ?? now.metadata.name} moves from ${was.join(', ') || 'no action'} to ${is.join(', ')}: requests it only reported are now refused`);
    }
  }
  if (now.kind === 'ValidatingAdmissionPolicy' && old.spec?.failurePolicy !== 'Fail' && now.spec?.failurePolicy === 'Fail') {
    add('risky', 'failurePolicy becomes Fail: an expression error now refuses the request instead of letting it through');
  }
  const guard = guards(old, input) ?? guards(now, input);
  // A change already listed as dangerous says enough about the object; the protection line is for the quiet ones.
  if (guard && dangers.length === 0) add('risky', `protected object changed; ${guard}`);
  return dangers;
}

function addition(object: KubeObject): Danger[] {
  if (object.kind !== 'ValidatingAdmissionPolicyBinding' || !(object.spec?.validationActions ?? []).includes('Deny')) return [];
  return [{ severity: 'risky', subject: objectId(refOf(object)), effect: `new binding of policy ${object.spec?.policyName} denies from the start (no Warn or Audit phase)` }];
}

type Add = (severity: Danger['severity'], effect: string) => void;

/** A queue disabled, or its capability cut below its guarantee, its deserved (its share by plan) or what it holds under full contention. */
function queueChange(old: KubeObject, now: KubeObject, heldBefore: Readonly<Record<string, Quantity>> | undefined, add: Add): void {
  if (old.metadata.annotations?.[ANNOTATIONS.queueEnabled] !== 'false' && now.metadata.annotations?.[ANNOTATIONS.queueEnabled] === 'false') {
    add('destructive', 'queue disabled: capability 1m cpu / 1 byte memory, nothing new is scheduled in it and its running work can be reclaimed');
    return; // its capability cut is the disabling itself
  }
  const oldCapability: Record<string, string> = old.spec?.capability ?? {};
  const newCapability: Record<string, string> = now.spec?.capability ?? {};
  const guarantee: Record<string, string> = now.spec?.guarantee?.resource ?? {};
  const deserved: Record<string, string> = now.spec?.deserved ?? {};
  for (const [resource, amount] of Object.entries(newCapability)) {
    const cut = Quantity.tryParse(amount);
    const was = oldCapability[resource] === undefined ? undefined : Quantity.tryParse(oldCapability[resource]);
    if (!cut || (was && cut.compare(was) >= 0)) continue;
    const floor = guarantee[resource] === undefined ? undefined : Quantity.tryParse(guarantee[resource]);
    const held = heldBefore?.[resource];
    const from = was ? `${oldCapability[resource]} → ${amount}` : `to ${amount}`;
    const planned = deserved[resource] === undefined ? undefined : Quantity.tryParse(deserved[resource]);
    if (floor && cut.compare(floor) < 0) add('destructive', `capability.${resource} cut ${from}, below its guarantee ${guarantee[resource]}`);
    else if (planned && cut.compare(planned) < 0) add('destructive', `capability.${resource} cut ${from}, below its deserved ${deserved[resource]} (Volcano refuses deserved above capability)`);
    else if (held && cut.compare(held) < 0) add('destructive', `capability.${resource} cut ${from}, below the ${held.canonical()} it holds under full contention today: work above it is reclaimed`);
  }
}

/**
 * Why an object is protected, and for a removal what that means: Flux keeps a prune-disabled object in the
 * cluster, and `pulumi up` fails on a protected one until it is unprotected. Undefined when nothing guards it.
 */
function guards(object: KubeObject, input: DangerInput, removed = false): string | undefined {
  const flux = pruneDisabled(object)
    ? `Flux never prunes it (${ANNOTATIONS.fluxPrune}: disabled)${removed ? ', so under Flux it stays in the cluster until deleted by hand' : ''}`
    : undefined;
  const pulumi = input.protection?.(object);
  const reasons = [flux, pulumi && (removed ? `${pulumi}: \`pulumi up\` fails until it is unprotected (\`pulumi state unprotect\`)` : pulumi)];
  const found = reasons.filter((r): r is string => !!r);
  return found.length > 0 ? found.join('; ') : undefined;
}

/** Names of the tenant Namespaces whose comma-separated `annotation` lists `name`. */
function tenantsUsing(objects: readonly KubeObject[], annotation: string, name: string): string[] {
  return objects.filter((o) => o.kind === 'Namespace' && listed(o, annotation).includes(name)).map((o) => o.metadata.labels?.[LABELS.tenant] ?? o.metadata.name);
}

function listed(object: KubeObject, annotation: string): string[] {
  return (object.metadata.annotations?.[annotation] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

function index(objects: readonly KubeObject[]): Map<string, KubeObject> {
  return new Map(objects.map((o) => [objectId(refOf(o)), o]));
}
