import { ResourceList } from '../config/model';
import { KubeObject, OutputFile } from '../synth/render';
import { filesBelow } from './committed';
import { Danger, findDangers, ProtectionOf } from './danger';
import { isEmptyDiff, objectId, ObjectSetDiff } from './diff';
import { LineChange, lineChanges } from './diff-text';
import { StaleFile } from './freshness';
import { EnvironmentObjects, objectsFromFiles } from './manifests';
import { diffEnvironments } from './report';
import { capacityFromOverview, ShareChange, shareChanges, SharingPlugin, sharesFromObjects } from './shares';
import { summarizeObject } from './summary';

/**
 * Everything `npm run diff` reports, as data: the text and Markdown renderings read only this. Built from
 * the committed files of the base commit and of the working tree (what Flux applies), plus the freshness
 * check of the working tree's files against its own synthesis.
 */

/** The review of one environment's manifests (or of one environment's examples). */
export interface EnvironmentReview {
  /** `prod`, or `examples/prod` for the rendered samples. */
  readonly environment: string;
  /** `added`/`removed` when the environment exists on one side only. */
  readonly presence: 'both' | 'added' | 'removed';
  /** The objects added, removed and changed. */
  readonly diff: ObjectSetDiff;
  /** The compact summary of every added and removed object, by {@link objectId}. */
  readonly summaries: ReadonlyMap<string, string>;
  /** Its destructive or risky effects (none for examples). */
  readonly dangers: readonly Danger[];
  /** Shares under full contention of the queues the change affects; absent when no queue share changes. */
  readonly shares?: ShareReport;
}

/** How a change moves the queues' shares under full contention. */
export interface ShareReport {
  /** The sharing plugin that divides the cluster (of the working tree, else of the base). */
  readonly plugin: SharingPlugin;
  /** The capacity divided on each side (they differ when the declared capacity changed). */
  readonly capacity: { readonly before?: ResourceList; readonly after?: ResourceList };
  /** The affected queues' shares before and after. */
  readonly changes: readonly ShareChange[];
}

/** A generated document that changed, with its changed lines. */
export interface FileReview {
  /** Path from the repository root, e.g. `docs/environments/prod.md`. */
  readonly path: string;
  /** Whether the file is new, gone or changed. */
  readonly status: 'added' | 'removed' | 'changed';
  /** Its removed and added lines. */
  readonly lines: readonly LineChange[];
}

/** The whole report. */
export interface Review {
  /** What is compared with what, e.g. `base HEAD (0123abcd4567) → working tree`. */
  readonly title: string;
  /** Generated files in the working tree that are not what the synthesis writes; empty when fresh. */
  readonly stale: readonly StaleFile[];
  /** Each environment's manifests (`dist/<env>/`), in name order. */
  readonly environments: readonly EnvironmentReview[];
  /** The rendered samples (examples/), per environment; only those that changed. */
  readonly examples: readonly EnvironmentReview[];
  /** The generated docs that changed. */
  readonly docs: readonly FileReview[];
}

/** What {@link buildReview} reads. */
export interface ReviewInput {
  /** The report's first line. */
  readonly title: string;
  /** Generated files at the base commit, paths from the repository root. */
  readonly baseFiles: readonly OutputFile[];
  /** Generated files in the working tree. */
  readonly headFiles: readonly OutputFile[];
  /** The freshness check's findings. */
  readonly stale: readonly StaleFile[];
  /** Folders of generated docs, e.g. `docs/environments`. */
  readonly docRoots: readonly string[];
  /** The working tree's declared capacity per environment (the base's is read from its environment page). */
  readonly headCapacity: ReadonlyMap<string, ResourceList>;
  /** Deploy-side protection of an environment's objects. */
  readonly protection: (environment: string) => ProtectionOf;
  /** Only this environment. */
  readonly only?: string;
  /** The base's manifests when they are not committed (synthesized from the base's own code instead). */
  readonly baseObjects?: EnvironmentObjects;
}

/** A committed manifest that cannot be read as Kubernetes objects (e.g. YAML broken by a hand edit). */
export class ManifestReadError extends Error {}

/** The objects of `folder/<env>/*.yaml` on one side; a file that is no manifest throws naming side and path. */
function objectsBelow(files: readonly OutputFile[], folder: string, side: string) {
  try {
    return objectsFromFiles(filesBelow(files, folder));
  } catch (error) {
    throw new ManifestReadError(`${side}: ${folder}/${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Builds the review; an unknown `only` throws naming the known environments. */
export function buildReview(input: ReviewInput): Review {
  const base = input.baseObjects ?? objectsBelow(input.baseFiles, 'dist', 'base');
  const head = objectsBelow(input.headFiles, 'dist', 'working tree');
  const environments = diffEnvironments(base, head, input.only).map((d) => {
    const before = base.get(d.environment) ?? [];
    const after = head.get(d.environment) ?? [];
    const shares = shareReport(d.environment, before, after, d.diff, input);
    // A new environment is a new cluster: its policies denying from the start is the design, not a risk.
    const dangers = d.presence === 'added' ? [] : findDangers({
      base: before, head: after, diff: d.diff, protection: input.protection(d.environment), sharesBefore: shares?.before,
    });
    return { ...d, summaries: summaries(d.diff, before, after), dangers, ...(shares?.report ? { shares: shares.report } : {}) };
  });
  const baseExamples = objectsBelow(input.baseFiles, 'examples', 'base');
  const headExamples = objectsBelow(input.headFiles, 'examples', 'working tree');
  const known = new Set([...baseExamples.keys(), ...headExamples.keys()]);
  const examples = diffEnvironments(baseExamples, headExamples, input.only !== undefined && known.has(input.only) ? input.only : undefined)
    .filter((d) => input.only === undefined || d.environment === input.only)
    .filter((d) => d.presence !== 'both' || !isEmptyDiff(d.diff))
    .map((d) => ({
      ...d,
      environment: `examples/${d.environment}`,
      summaries: summaries(d.diff, baseExamples.get(d.environment) ?? [], headExamples.get(d.environment) ?? []),
      dangers: [],
    }));
  return { title: input.title, stale: input.stale, environments, examples, docs: docChanges(input) };
}

/** Whether the review reports any change. */
export function reviewHasChanges(review: Review): boolean {
  return review.docs.length > 0 || review.examples.length > 0 || review.environments.some((e) => e.presence !== 'both' || !isEmptyDiff(e.diff));
}

/** The summary of every added and removed object of `diff`, by {@link objectId}. */
export function summaries(diff: ObjectSetDiff, before: readonly KubeObject[], after: readonly KubeObject[]): Map<string, string> {
  const byId = new Map([...before, ...after].map((o) => [objectId({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }), o]));
  return new Map([...diff.added, ...diff.removed].map((ref) => [objectId(ref), summarizeObject(byId.get(objectId(ref))!)]));
}

function shareReport(environment: string, before: readonly KubeObject[], after: readonly KubeObject[], diff: ObjectSetDiff, input: ReviewInput) {
  const page = (files: readonly OutputFile[]) => files.find((f) => f.path === `docs/environments/${environment}.md`)?.content;
  const capacityAfter = input.headCapacity.get(environment) ?? capacityFromOverview(page(input.headFiles));
  const capacityBefore = capacityFromOverview(page(input.baseFiles)) ?? capacityAfter;
  const sharesBefore = capacityBefore ? sharesFromObjects(before, capacityBefore) : undefined;
  const sharesAfter = capacityAfter ? sharesFromObjects(after, capacityAfter) : undefined;
  if (!sharesBefore && !sharesAfter) return undefined;
  const touched = new Set([...diff.added, ...diff.removed, ...diff.changed.map((c) => c.ref)].filter((r) => r.kind === 'Queue').map((r) => r.name));
  const changes = shareChanges(sharesBefore?.shares, sharesAfter?.shares, touched);
  const report: ShareReport | undefined = changes.length === 0 ? undefined : {
    plugin: (sharesAfter ?? sharesBefore)!.plugin,
    capacity: { before: sharesBefore?.capacity, after: sharesAfter?.capacity },
    changes,
  };
  return { before: sharesBefore?.shares, report };
}

/** Generated docs that differ, by path; with `only`, those whose file name starts with the environment's. */
function docChanges(input: ReviewInput): FileReview[] {
  const inDocs = (f: OutputFile) => input.docRoots.some((root) => f.path.startsWith(`${root}/`));
  const before = new Map(input.baseFiles.filter(inDocs).map((f) => [f.path, f.content]));
  const after = new Map(input.headFiles.filter(inDocs).map((f) => [f.path, f.content]));
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const forEnvironment = (file: string) => input.only === undefined || new RegExp(`^${input.only.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[.-]`).test(file.split('/').pop()!);
  return paths.filter(forEnvironment).flatMap((file): FileReview[] => {
    const old = before.get(file);
    const now = after.get(file);
    if (old === now) return [];
    const status = old === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
    const all = (text: string, sign: '-' | '+') => text.replace(/\n$/, '').split('\n').map((line) => ({ sign, text: line }));
    const lines = old === undefined ? all(now!, '+') : now === undefined ? all(old, '-') : lineChanges(old, now);
    return [{ path: file, status, lines }];
  });
}
