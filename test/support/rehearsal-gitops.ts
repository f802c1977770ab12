/**
 * `kubectl` and Flux rehearsals against the cluster model (`cluster-model.ts`): files applied in order,
 * Flux's stages (each dry-run before it is applied), and their teardowns.
 */
import { pruneDisabled } from '../../lib/labels';
import { objectKey } from '../../lib/deploy/plan';
import { KubeObject } from '../../lib/synth/render';
import { ClusterState, Identity, RuleViolation, checkDelete, checkWrite, deletedBy, isVolcanoInstalled, volcanoInstall } from './cluster-model';
import { Outcome } from './rehearsal';

/** One manifest file: its name and objects in document order. */
export interface ManifestFile {
  readonly fileName: string;
  readonly objects: readonly KubeObject[];
}

/** One `kubectl` step: apply files (each object in turn, carrying on after a refusal), or wait for the HelmRelease. */
export type KubectlStep = { readonly apply: readonly ManifestFile[] } | { readonly waitForRelease: true } | { readonly delete: readonly ManifestFile[] };

/** Helm-controller installing the release once a HelmRelease exists: what `kubectl wait helmrelease/...` waits for. */
function installRelease(state: ClusterState, subject: string): ClusterState {
  if (!state.values().some((o) => o.kind === 'HelmRelease')) throw new RuleViolation(subject, 'crd-established', 'no HelmRelease to wait for: Volcano\'s CRDs never appear');
  return state.with(volcanoInstall());
}

/** `kubectl` runs one request at a time, each judged against the cluster as it is. */
export function kubectl(steps: readonly KubectlStep[], initial: ClusterState, identity: Identity): Outcome {
  const violations: RuleViolation[] = [];
  const done: string[] = [];
  let state = initial;
  const attempt = (id: string, run: () => void) => {
    try {
      run();
      done.push(id);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      violations.push(error);
    }
  };
  for (const step of steps) {
    if ('waitForRelease' in step) {
      attempt('wait helmrelease', () => { state = installRelease(state, 'kubectl wait helmrelease'); });
      continue;
    }
    for (const object of ('apply' in step ? step.apply : step.delete).flatMap((f) => f.objects)) {
      const key = objectKey(object);
      if ('apply' in step) {
        attempt(key, () => { checkWrite(object, { sure: state, maybe: state }, identity); state = state.with([object]); });
      } else if (state.has(key)) {
        attempt(key, () => {
          checkDelete(state.get(key)!, { sure: state, maybe: state }, identity);
          // Deleting the HelmRelease uninstalls the chart, and its CRDs take every Volcano object along. Deleting its
          // Namespace does not: Helm's release secrets go with the Namespace, so helm-controller takes the release
          // for uninstalled and leaves the chart's objects (CRDs, cluster roles, webhook configurations) behind.
          const uninstalls = object.kind === 'HelmRelease';
          state = state.without([...deletedBy(object, state), ...(uninstalls ? state.values().filter(isVolcanoInstalled).map(objectKey) : [])]);
        });
      }
    }
  }
  return { state, violations, done };
}

/** One Flux stage: its objects after kustomize, and whether it health-checks the HelmRelease. */
export interface FluxStageObjects {
  readonly name: string;
  readonly objects: readonly KubeObject[];
  readonly healthChecksRelease: boolean;
}

/** Kinds Flux applies first, on their own, before the rest of a Kustomization. */
const FLUX_FIRST = new Set(['CustomResourceDefinition', 'Namespace']);

/**
 * Flux: stage after stage (each `dependsOn` the previous, so a failed stage stops the rest). Within a
 * stage, Namespaces and CRDs are applied first; then every other object is dry-run against the cluster as
 * it is before any of them is applied, so no object of that batch can rely on another.
 */
export function flux(stages: readonly FluxStageObjects[], initial: ClusterState, identity: Identity): Outcome {
  const violations: RuleViolation[] = [];
  const done: string[] = [];
  let state = initial;
  for (const stage of stages) {
    const first = stage.objects.filter((o) => FLUX_FIRST.has(o.kind));
    const rest = stage.objects.filter((o) => !FLUX_FIRST.has(o.kind));
    const refused: RuleViolation[] = [];
    for (const object of first) {
      try { checkWrite(object, { sure: state, maybe: state }, identity); state = state.with([object]); } catch (e) { if (e instanceof RuleViolation) refused.push(e); else throw e; }
    }
    const snapshot = state;
    for (const object of rest) {
      try { checkWrite(object, { sure: snapshot, maybe: snapshot }, identity); } catch (e) { if (e instanceof RuleViolation) refused.push(e); else throw e; }
    }
    if (refused.length > 0) {
      violations.push(...refused);
      break;
    }
    state = state.with(rest);
    if (stage.healthChecksRelease) state = installRelease(state, `Kustomization ${stage.name}`);
    done.push(stage.name);
  }
  return { state, violations, done };
}

/**
 * Flux's teardown as the README says: the Kustomizations deleted last stage first, each waited for. Each
 * stage's garbage collection deletes its objects together (each judged against the cluster as it was
 * before), except those marked `kustomize.toolkit.fluxcd.io/prune: disabled`, which stay.
 */
export function fluxTeardown(stages: readonly FluxStageObjects[], initial: ClusterState, identity: Identity): Outcome {
  const violations: RuleViolation[] = [];
  const done: string[] = [];
  let state = initial;
  for (const stage of [...stages].reverse()) {
    const snapshot = state;
    const pruned = stage.objects.filter((o) => !pruneDisabled(o) && snapshot.has(objectKey(o)));
    const refused = new Set<string>();
    for (const object of pruned) {
      try { checkDelete(snapshot.get(objectKey(object))!, { sure: snapshot, maybe: snapshot }, identity); } catch (e) {
        if (!(e instanceof RuleViolation)) throw e;
        violations.push(e);
        refused.add(objectKey(object));
      }
    }
    for (const object of pruned.filter((o) => !refused.has(objectKey(o)))) state = state.without(deletedBy(object, state));
    done.push(stage.name);
  }
  return { state, violations, done };
}
