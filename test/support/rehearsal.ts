/**
 * Pulumi rehearsals against the cluster model (`cluster-model.ts`): the graph with maximal parallelism (a
 * step sees for sure only what its dependencies wrote, and may see everything not ordered after it), its
 * teardown and upgrades. Each replay returns what it wrote and every rule a request broke; a step whose
 * dependency failed is skipped. `kubectl` and Flux are in `rehearsal-gitops.ts`.
 */
import { LABELS, pruneDisabled } from '../../lib/labels';
import { objectKey } from '../../lib/deploy/plan';
import { KubeObject } from '../../lib/synth/render';
import { ClusterState, Identity, RuleViolation, checkDelete, checkWrite, deletedBy, isVolcanoInstalled, volcanoInstall } from './cluster-model';

/** One step of a Pulumi graph. */
export interface GraphStep {
  readonly id: string;
  readonly step: 'object' | 'release' | 'lookup';
  readonly dependsOn: readonly string[];
  readonly object?: KubeObject;
  readonly settings?: readonly string[];
  readonly retainOnDelete: boolean;
}

/** What a replay did. */
export interface Outcome {
  readonly state: ClusterState;
  readonly violations: readonly RuleViolation[];
  /** Ids of the steps that wrote (or deleted) something. */
  readonly done: readonly string[];
}

/** What each step writes. */
function effects(step: GraphStep): KubeObject[] {
  if (step.step === 'release') return volcanoInstall();
  return step.step === 'object' ? [step.object!] : [];
}

/** Transitive closure over `next`. */
function closure(start: string, next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...next(start)];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...next(id));
  }
  return seen;
}

function relations(steps: readonly GraphStep[]) {
  const dependents = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  for (const s of steps) for (const d of s.dependsOn) dependents.get(d)?.push(s.id);
  const byId = new Map(steps.map((s) => [s.id, s] as const));
  return {
    ancestors: (id: string) => closure(id, (x) => byId.get(x)?.dependsOn ?? []),
    descendants: (id: string) => closure(id, (x) => dependents.get(x) ?? []),
  };
}

/** `pulumi up` of a graph onto `initial`, every step started as soon as its dependencies are done. */
export function pulumiUp(steps: readonly GraphStep[], initial: ClusterState, identity: Identity, releaseNamespace: string): Outcome {
  const { ancestors, descendants } = relations(steps);
  const failed = new Set<string>();
  const violations: RuleViolation[] = [];
  const done: string[] = [];
  let state = initial;
  for (const step of steps) {
    if (step.dependsOn.some((d) => failed.has(d))) {
      failed.add(step.id);
      continue;
    }
    const before = ancestors(step.id);
    const after = descendants(step.id);
    const sure = initial.with(steps.filter((s) => before.has(s.id)).flatMap(effects));
    const maybe = initial.with(steps.filter((s) => s.id !== step.id && !after.has(s.id)).flatMap(effects));
    try {
      if (step.step === 'lookup' && !initial.has(step.id)) {
        const [kind, , name] = step.id.split('/');
        throw new RuleViolation(step.id, 'prerequisite', `${kind} ${name} does not exist in the cluster`
          + (step.settings && step.settings.length > 0 ? ` (named by ${step.settings.join(', ')})` : ''));
      }
      if (step.step === 'release' && !sure.has(`Namespace/-/${releaseNamespace}`)) {
        throw new RuleViolation(step.id, 'namespace-exists', `namespaces "${releaseNamespace}" not found`);
      }
      if (step.step === 'object') checkWrite(step.object!, { sure, maybe }, identity);
      state = state.with(effects(step));
      if (step.step !== 'lookup') done.push(step.id);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      violations.push(error);
      failed.add(step.id);
    }
  }
  return { state, violations, done };
}

/** What deleting a step removes from `state`: the object (a Namespace with its contents), or everything the chart installed. */
function removal(step: GraphStep, state: ClusterState): string[] {
  if (step.step === 'release') return state.values().filter(isVolcanoInstalled).map(objectKey);
  return step.step === 'object' ? deletedBy(step.object!, state) : [];
}

/**
 * Deletes `steps` (in reverse order, dependents first) from `state`, as `pulumi destroy` does and as an
 * update does for resources no longer in the program. Retained steps are left in the cluster.
 */
export function pulumiDelete(steps: readonly GraphStep[], state: ClusterState, identity: Identity): Outcome {
  const { descendants } = relations(steps);
  const violations: RuleViolation[] = [];
  const done: string[] = [];
  const start = state;
  let current = state;
  for (const step of [...steps].reverse()) {
    if (step.step === 'lookup' || step.retainOnDelete) continue;
    // Only what depends on this step is certainly gone; everything else may still be there.
    const gone = steps.filter((s) => descendants(step.id).has(s.id) && !s.retainOnDelete).flatMap((s) => removal(s, start));
    const maybe = start.without(gone);
    try {
      if (step.step === 'object' && current.has(step.id)) checkDelete(current.get(step.id)!, { sure: current, maybe }, identity);
      current = current.without(removal(step, current));
      done.push(step.id);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      violations.push(error);
    }
  }
  return { state: current, violations, done };
}

/** An upgrade: the new graph applied onto the old state, then the steps only the old graph had deleted. */
export function pulumiUpgrade(oldSteps: readonly GraphStep[], newSteps: readonly GraphStep[], oldState: ClusterState, identity: Identity, releaseNamespace: string): Outcome {
  const up = pulumiUp(newSteps, oldState, identity, releaseNamespace);
  const kept = new Set(newSteps.map((s) => s.id));
  const removed = pulumiDelete(oldSteps.filter((s) => !kept.has(s.id)), up.state, identity);
  return { state: removed.state, violations: [...up.violations, ...removed.violations], done: [...up.done, ...removed.done] };
}

/** Whether Pulumi retains an object that disappears (a tenant Namespace never pruned), read off the rendered object. */
export function retainedInCluster(object: KubeObject): boolean {
  return object.kind === 'Namespace' && object.metadata.labels?.[LABELS.tenant] !== undefined
    && pruneDisabled(object);
}
