/**
 * What the rehearsals of one environment start from: the cluster's prerequisites, the deployers'
 * identities, the Pulumi graph, the files `kubectl` and Flux apply, and the previously committed `dist/`.
 */
import * as path from 'path';
import { ResolvedEnvironment } from '../../lib/config/model';
import { fluxStages } from '../../lib/deploy/flux';
import { deploymentGraph } from '../../lib/deploy/graph';
// retainedOnRemoval from plan.ts, not program.ts: program.ts loads @pulumi/kubernetes (about 1.5 s under jest), which no rehearsal needs.
import { deploymentPlan, retainedOnRemoval } from '../../lib/deploy/plan';
import { MONITORING_CRDS } from '../../lib/deploy/graph';
import { FLUX_NAMESPACE } from '../../lib/deploy/settings';
import { parseManifest } from '../../lib/review/manifests';
import { readCommittedFiles } from '../../lib/review/committed';
import { repositoryFacts, resolveMergeBase, resolveRef } from '../../lib/review/base-synthesis';
import { chooseBase } from '../../lib/review/cli';
import { KubeObject, RenderedManifest, renderEnvironment } from '../../lib/synth/render';
import { ClusterState, Identity, crd } from './cluster-model';
import { GraphStep, retainedInCluster } from './rehearsal';
import { FluxStageObjects, KubectlStep, ManifestFile } from './rehearsal-gitops';

const ROOT = path.join(__dirname, '..', '..');

/** The Flux CRDs a GitOps cluster has (Flux installed), and the prometheus-operator CRDs every environment needs. */
const PREREQUISITE_CRDS = [
  ...Object.values(MONITORING_CRDS),
  'helmreleases.helm.toolkit.fluxcd.io', 'helmrepositories.source.toolkit.fluxcd.io', 'kustomizations.kustomize.toolkit.fluxcd.io',
];

const unownedNamespaces = new WeakMap<ResolvedEnvironment, string[]>();

/** A cluster as the README says it must be before the first deploy; `without` leaves out some of it (keys). */
export function preparedCluster(env: ResolvedEnvironment, without: readonly string[] = []): ClusterState {
  // The namespaces the platform writes into but does not create (the monitoring ones), as the plan names them.
  const unowned = unownedNamespaces.get(env) ?? deploymentPlan(env, renderEnvironment(env)).namespacePrerequisites.map((p) => p.namespace);
  unownedNamespaces.set(env, unowned);
  const namespaces = ['default', 'kube-system', FLUX_NAMESPACE, ...unowned];
  const objects: KubeObject[] = [
    ...[...new Set(namespaces)].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    ...PREREQUISITE_CRDS.map(crd),
  ];
  return ClusterState.of(objects).without(without);
}

/** The identity of a deployer role: its first user, else someone in its first group. */
export function deployerIdentity(env: ResolvedEnvironment, role: 'pulumi' | 'flux' | 'administrators'): Identity {
  const deployer = env.deploy.deployers.find((d) => d.role === role)!;
  if (role === 'flux' && deployer.users.length === 0) {
    return { username: `system:serviceaccount:${FLUX_NAMESPACE}:kustomize-controller`, groups: ['system:serviceaccounts', ...deployer.groups, 'system:authenticated'] };
  }
  if (deployer.users.length > 0) {
    const sa = /^system:serviceaccount:([^:]+):/.exec(deployer.users[0]);
    return { username: deployer.users[0], groups: [...(sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : []), 'system:authenticated'] };
  }
  if (deployer.groups.length === 0) return deployerIdentity(env, 'administrators');
  return { username: `${role}@example.com`, groups: [deployer.groups[deployer.groups.length - 1], 'system:authenticated'] };
}

/** An identity nobody declared: a CI service account of another namespace. */
export const UNDECLARED: Identity = { username: 'system:serviceaccount:other-ci:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:other-ci', 'system:authenticated'] };

/** The Pulumi program's graph for rendered manifests (the program builds the same one, see the stack test). */
export function pulumiSteps(env: ResolvedEnvironment, manifests: readonly RenderedManifest[], retained: (o: KubeObject) => boolean = (o) => retainedOnRemoval(env, o)): GraphStep[] {
  return deploymentGraph(deploymentPlan(env, manifests), { monitoring: true }).map((node) => ({ ...node, retainOnDelete: node.object !== undefined && retained(node.object) }));
}

/** The README's `kubectl` procedure: the release file, a wait for the HelmRelease, then the whole folder in file order. */
export function kubectlInstall(files: readonly ManifestFile[]): KubectlStep[] {
  return [{ apply: files.filter((f) => f.fileName.startsWith('00-')) }, { waitForRelease: true }, { apply: files }];
}

/**
 * The README's `kubectl` teardown: the HelmRelease alone first, waited for (helm-controller uninstalls the chart,
 * whose CRDs take every Volcano object along), then the folder.
 */
export function kubectlTeardown(files: readonly ManifestFile[]): KubectlStep[] {
  const release = files.map((f) => ({ ...f, objects: f.objects.filter((o) => o.kind === 'HelmRelease') })).filter((f) => f.objects.length > 0);
  return [{ delete: release }, { delete: files }];
}

/** The teardown the README used to give: the release file first, its Namespace before its HelmRelease, then the folder. */
export function kubectlTeardownReleaseFileFirst(files: readonly ManifestFile[]): KubectlStep[] {
  return [{ delete: files.filter((f) => f.fileName.startsWith('00-')) }, { delete: files }];
}

/** Flux's stages as the generated kustomizations build them: each stage's files, minus the Queues of other stages. */
export function fluxStageObjects(manifests: readonly RenderedManifest[]): FluxStageObjects[] {
  return fluxStages(manifests).map((stage) => ({
    name: stage.name,
    healthChecksRelease: stage.name === 'release',
    objects: manifests.filter((m) => stage.files.includes(m.fileName)).flatMap((m) => m.objects)
      .filter((o) => !(o.kind === 'Queue' && stage.withoutQueues.includes(o.metadata.name))),
  }));
}

/**
 * The commit whose `dist/` is the previous one: what `npm run diff` compares with (the merge base with
 * `main` on a branch, else HEAD). A shallow clone may not hold the merge base: then HEAD, the newest
 * committed `dist/` it has. Worked out once per test file: the checkout does not move during a run.
 */
export function previousCommit(): string {
  previous ??= basePreviousCommit();
  return previous;
}
let previous: string | undefined;

function basePreviousCommit(): string {
  const choice = chooseBase(undefined, repositoryFacts(ROOT));
  if ('ref' in choice) return resolveRef(ROOT, choice.ref).commit;
  try {
    return resolveMergeBase(ROOT, ...choice.mergeBaseOf).commit;
  } catch {
    return resolveRef(ROOT, 'HEAD').commit;
  }
}

/**
 * `dist/<env>/` as committed at {@link previousCommit} (empty for an environment it does not have), read
 * as `npm run diff` reads a base. Needs git, as a clone has; fails loudly otherwise.
 */
export function committedManifests(envName: string, commit = previousCommit()): RenderedManifest[] {
  const folder = `dist/${envName}`;
  return readCommittedFiles(ROOT, commit, [folder])
    .filter((file) => path.posix.dirname(file.path) === folder && file.path.endsWith('.yaml'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => ({ environment: envName, fileName: path.posix.basename(file.path), objects: parseManifest(file.content, file.path) }));
}

/** Old manifests' Pulumi graph: retention read off the rendered objects, as the old program recorded it. */
export function committedSteps(env: ResolvedEnvironment, manifests: readonly RenderedManifest[]): GraphStep[] {
  return pulumiSteps(env, manifests, retainedInCluster);
}
