import { prepareEnvironments } from '../../lib/config';
import { KubeObject, RenderedManifest, renderEnvironment, OutputFile } from '../../lib/synth/render';
import { outputTrees } from '../../lib/synth/synthesize';
import { OutputTree } from '../../lib/synth/write';
import { ENVIRONMENTS } from '../../stacks/environments';

let manifests: RenderedManifest[] | undefined;

/** Every manifest of every built-in environment, rendered once per test file. */
export function allManifests(): RenderedManifest[] {
  manifests ??= prepareEnvironments(ENVIRONMENTS).flatMap(renderEnvironment);
  return manifests;
}

/** Every rendered object, with the environment and file it belongs to. */
export function allObjects(): Array<{ environment: string; fileName: string; object: KubeObject }> {
  return allManifests().flatMap((m) => m.objects.map((object) => ({ environment: m.environment, fileName: m.fileName, object })));
}

let trees: OutputTree[] | undefined;

/** What `npm run synth` writes for the built-in environments, synthesized once per test file. */
export function builtInOutputTrees(): OutputTree[] {
  trees ??= outputTrees(ENVIRONMENTS);
  return trees;
}

/** The files of output trees, with paths from the repository root. */
export function outputFilesOf(outputTrees: readonly OutputTree[]): OutputFile[] {
  return outputTrees.flatMap((tree) => tree.files.map((f) => ({ path: `${tree.root}/${f.path}`, content: f.content })));
}

/** The files `npm run synth` writes for the built-in environments, with paths from the repository root. */
export function builtInOutputFiles(): OutputFile[] {
  return outputFilesOf(builtInOutputTrees());
}

/** The folders synthesis owns, relative to the repository root. */
export function builtInOutputRoots(): string[] {
  return builtInOutputTrees().map((tree) => tree.root);
}
