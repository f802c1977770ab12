import { Quantity } from '../config/quantity';
import { queueDepths, stageKustomizationName } from '../deploy/flux';
import { FLUX_NAMESPACE } from '../deploy/settings';
import { ANNOTATIONS } from '../labels';
import { KubeObject } from '../synth/render';
import type { Danger } from './danger';

/**
 * Changes that are sound as a result but cannot be deployed in one step, because of the order Pulumi and
 * Flux apply them in or an API rule on the way: each danger says what fails and how to deploy it instead.
 * Pure: computed from the objects at the base commit and in the working tree.
 */

/** The Flux stage Kustomization that applies the PriorityClasses and every Queue at depth 1 (lib/deploy/flux.ts). */
const PLATFORM_STAGE = stageKustomizationName('platform');

/** Every deploy-order danger of a change: hierarchy shrinks, leaves becoming parents, removed parents, queues moving deeper, then PriorityClasses. */
export function deployOrderDangers(base: readonly KubeObject[], head: readonly KubeObject[]): Danger[] {
  const queuesBefore = base.filter((o) => o.kind === 'Queue');
  const queuesAfter = head.filter((o) => o.kind === 'Queue');
  return [
    ...parentShrinks(queuesBefore, queuesAfter),
    ...leavesBecomingParents(queuesBefore, queuesAfter),
    ...removedParents(queuesBefore, queuesAfter),
    ...deeperQueues(queuesBefore, queuesAfter),
    ...priorityClassChanges(base, head),
  ];
}

/**
 * A parent Queue whose new limits are below what its children hold *now*. Pulumi updates a parent before its
 * children (the child→parent edge of lib/deploy/plan.ts) and Flux applies a parent in an earlier stage, and
 * Volcano's queue webhook checks a parent's UPDATE against the children as they are in the cluster
 * (pkg/webhooks/admission/queues/validate/validate_queue.go, validateChildrenConstraints: the parent's
 * capability at least each child's, its guarantee and deserved at least the children's sums, an unset one
 * counting as zero). So the update is refused on every retry, though the result would be valid.
 */
function parentShrinks(before: readonly KubeObject[], after: readonly KubeObject[]): Danger[] {
  const dangers: Danger[] = [];
  for (const parent of after) {
    const old = before.find((q) => q.metadata.name === parent.metadata.name);
    if (!old || !limitsChanged(old, parent)) continue;
    const children = before.filter((q) => q.spec?.parent === parent.metadata.name);
    const refusals = childrenConstraintsBroken(parent, children);
    if (refusals.length === 0) continue;
    const moving = children.filter((c) => {
      const now = after.find((q) => q.metadata.name === c.metadata.name);
      return !now || JSON.stringify(now.spec) !== JSON.stringify(c.spec);
    }).map((c) => c.metadata.name);
    const first = moving.length > 0 ? `the children's change alone (${moving.join(', ')})` : 'the children\'s change alone';
    dangers.push({
      severity: 'risky',
      subject: `Queue/${parent.metadata.name}`,
      effect: `cannot be deployed in one step: Volcano's queue webhook refuses the parent's update on every retry, since it checks it against its children ` +
        `as they are in the cluster, and Pulumi and Flux update a parent before its children (${refusals.join('; ')}); ` +
        `deploy in two commits (two \`pulumi up\` runs): first ${first}, then the parent's`,
    });
  }
  return dangers;
}

/** Whether a Queue's capability, deserved or guarantee differ: the fields whose update makes Volcano check the children. */
function limitsChanged(old: KubeObject, now: KubeObject): boolean {
  const limits = (q: KubeObject) => JSON.stringify([q.spec?.capability, q.spec?.deserved, q.spec?.guarantee]);
  return limits(old) !== limits(now);
}

/** What Volcano's webhook would refuse in `parent` given `children` as they are: one phrase per resource and field. */
function childrenConstraintsBroken(parent: KubeObject, children: readonly KubeObject[]): string[] {
  const broken: string[] = [];
  const capability: Record<string, string> = parent.spec?.capability ?? {};
  // An omitted capability is unlimited (queue-spec.md), so only the resources the parent caps are compared.
  for (const [resource, amount] of Object.entries(capability)) {
    const cap = Quantity.tryParse(amount);
    const above = children.filter((c) => {
      const child = c.spec?.capability?.[resource];
      const value = child === undefined ? undefined : Quantity.tryParse(child);
      return cap && value && value.compare(cap) > 0;
    });
    if (above.length > 0) {
      broken.push(`new capability.${resource} ${amount} is below ${above.map((c) => `${c.metadata.name}'s ${c.spec.capability[resource]}`).join(', ')}`);
    }
  }
  const sums: Array<[string, (q: KubeObject) => Record<string, string> | undefined]> = [
    ['guarantee', (q) => q.spec?.guarantee?.resource],
    ['deserved', (q) => q.spec?.deserved],
  ];
  for (const [field, read] of sums) {
    const resources = [...new Set(children.flatMap((c) => Object.keys(read(c) ?? {})))];
    for (const resource of resources) {
      const parts = children.flatMap((c) => {
        const value = read(c)?.[resource];
        const parsed = value === undefined ? undefined : Quantity.tryParse(value);
        return parsed && !parsed.isZero() ? [{ name: c.metadata.name, text: value!, amount: parsed }] : [];
      });
      if (parts.length === 0) continue;
      const sum = Quantity.sum(parts.map((p) => p.amount));
      const own = read(parent)?.[resource];
      const limit = own === undefined ? Quantity.ZERO : Quantity.tryParse(own);
      if (!limit || sum.compare(limit) <= 0) continue;
      broken.push(`new ${field}.${resource} ${own ?? 'unset (0)'} is below the children's current sum ${sum.canonical()} (${parts.map((p) => `${p.name} ${p.text}`).join(', ')})`);
    }
  }
  return broken;
}

/**
 * A Queue that is a leaf at the base and gets its first child (a new queue, or one moved under it). Volcano's
 * queue webhook refuses a child's CREATE, or an UPDATE moving it, when its parent has no children yet and
 * pods allocated (pkg/webhooks/admission/queues/validate/validate_queue.go, validateHierarchicalQueue: it reads
 * the parent's `status.allocated.pods`). A leaf may be running its tenants' jobs, so the child is refused on every
 * retry, under Pulumi and Flux alike, until they finish. A queue that is a parent already is not checked.
 */
function leavesBecomingParents(before: readonly KubeObject[], after: readonly KubeObject[]): Danger[] {
  const parentsBefore = new Set(before.map((q) => q.spec?.parent));
  return after.flatMap((queue) => {
    const name = queue.metadata.name;
    if (parentsBefore.has(name) || !before.some((q) => q.metadata.name === name)) return [];
    const children = after.filter((q) => q.spec?.parent === name).map((q) => q.metadata.name);
    if (children.length === 0) return [];
    return [{
      severity: 'risky' as const,
      subject: `Queue/${name}`,
      effect: `becomes a parent (of ${children.join(', ')}): Volcano's queue webhook refuses a queue's first child while pods are allocated in it, ` +
        `so ${children.length === 1 ? 'the child is' : 'the children are'} refused on every retry for as long as jobs run in ${name}; deploy it once ` +
        `\`kubectl get queue ${name} -o jsonpath='{.status.allocated.pods}'\` prints nothing or 0 (to get there, move ${name}'s tenants to ` +
        'another queue in a commit of their own and let its jobs finish)',
    }];
  });
}

/**
 * A removed Queue that has children at the base. Pulumi deletes the children first (their edge to the parent),
 * but Flux prunes the parent in its own stage, which runs first: Volcano's webhook refuses to delete a queue
 * with children (queue-spec.md, DELETE), the stage stays Ready=False, and the children's stage, which
 * `dependsOn` it, never runs to prune them.
 */
function removedParents(before: readonly KubeObject[], after: readonly KubeObject[]): Danger[] {
  const remaining = new Set(after.map((q) => q.metadata.name));
  const depths = queueDepths(before);
  return before.filter((q) => !remaining.has(q.metadata.name)).flatMap((parent) => {
    const children = before.filter((q) => q.spec?.parent === parent.metadata.name).map((q) => q.metadata.name);
    if (children.length === 0) return [];
    const childStage = stageKustomizationName(`queues-depth-${depths.get(parent.metadata.name)! + 1}`);
    return [{
      severity: 'risky' as const,
      subject: `Queue/${parent.metadata.name}`,
      effect: `under Flux, removing a parent with its children (${children.join(', ')}) in one commit deadlocks: the parent's stage prunes it first, ` +
        'Volcano refuses to delete a queue that has children, and the children\'s stage, which waits for the parent\'s, never runs to prune them; ' +
        'remove (or move) the children in one commit and the parent in the next (when that removes their stage and your Flux does not ' +
        `apply flux/clusters/<env>/ itself, delete the stage by hand, which prunes them: \`flux delete kustomization ${childStage}\`)`,
    }];
  });
}

/**
 * A Queue that moves to a deeper level, and so to a later Flux stage. The earlier stage's garbage collection
 * deletes what left its inventory and still carries its owner labels, unless the object in the cluster says
 * `kustomize.toolkit.fluxcd.io/prune: disabled` (fluxcd/pkg ssa, ResourceManager.Delete reads both from
 * the live object); the later stage recreates it only after. A queue moving to an earlier stage is safe: that
 * stage applies it first and relabels it as its own, so the later stage's collection skips it.
 */
function deeperQueues(before: readonly KubeObject[], after: readonly KubeObject[]): Danger[] {
  const depthBefore = queueDepths(before);
  const depthAfter = queueDepths(after);
  return after.flatMap((queue) => {
    const name = queue.metadata.name;
    const was = depthBefore.get(name);
    const is = depthAfter.get(name)!;
    if (was === undefined || is <= was) return [];
    const from = was === 1 ? PLATFORM_STAGE : stageKustomizationName(`queues-depth-${was}`);
    const children = before.filter((q) => q.spec?.parent === name).map((q) => q.metadata.name);
    const stuck = children.length > 0 ? ` (with children ${children.join(', ')}, Volcano refuses that delete and ${from} stays failed)` : '';
    return [{
      severity: 'risky' as const,
      subject: `Queue/${name}`,
      effect: `under Flux, depth ${was} → ${is} moves it from stage ${from} to ${stageKustomizationName(`queues-depth-${is}`)}: the first deletes it${stuck} ` +
        'before the second recreates it, and PodGroups and jobs submitted to it in between are refused; before merging, as a deployer ' +
        `or administrator (deploy.deployers), \`kubectl annotate queue ${name} ${ANNOTATIONS.fluxPrune}=disabled\` so the first stage leaves it, ` +
        `and once the second has applied it, \`kubectl annotate queue ${name} ${ANNOTATIONS.fluxPrune}-\``,
    }];
  });
}

/** The admission default of `preemptionPolicy` (k8s.io/api/scheduling/v1 PriorityClass): absent reads as this. */
const DEFAULT_PREEMPTION_POLICY = 'PreemptLowerPriority';

/**
 * A PriorityClass whose `value` or `preemptionPolicy` changes: Kubernetes forbids updating either
 * (pkg/apis/scheduling/validation ValidatePriorityClassUpdate). The Pulumi program replaces such a class
 * (lib/deploy/program.ts); Flux's dry run fails and the stage applies nothing.
 */
function priorityClassChanges(base: readonly KubeObject[], head: readonly KubeObject[]): Danger[] {
  return head.filter((o) => o.kind === 'PriorityClass').flatMap((now) => {
    const old = base.find((o) => o.kind === 'PriorityClass' && o.metadata.name === now.metadata.name);
    if (!old) return [];
    const changes: string[] = [];
    if (old.value !== now.value) changes.push(`value ${old.value} → ${now.value}`);
    const policy = (o: KubeObject) => o.preemptionPolicy ?? DEFAULT_PREEMPTION_POLICY;
    if (policy(old) !== policy(now)) changes.push(`preemptionPolicy ${policy(old)} → ${policy(now)}`);
    if (changes.length === 0) return [];
    const name = now.metadata.name;
    return [{
      severity: 'risky' as const,
      subject: `PriorityClass/${name}`,
      effect: `${changes.join(', ')}: Kubernetes cannot update this in place. \`pulumi up\` replaces it, deleting it first: pods naming it are ` +
        'refused until it is created again, and running pods keep the priority they were admitted with. Under Flux the dry run of stage ' +
        `${PLATFORM_STAGE} fails and it applies nothing: once merged, \`kubectl delete priorityclass ${name}\`, then ` +
        `\`flux reconcile kustomization ${PLATFORM_STAGE} -n ${FLUX_NAMESPACE}\` recreates it`,
    }];
  });
}
