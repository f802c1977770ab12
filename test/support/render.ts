import { prepareEnvironments } from '../../lib/config';
import { KubeObject, RenderedManifest, renderEnvironment, renderOutputFiles, OutputFile } from '../../lib/synth/render';
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

/** The output files of the built-in environments, as `npm run synth` writes them. */
export function builtInOutputFiles(): OutputFile[] {
  return renderOutputFiles(prepareEnvironments(ENVIRONMENTS));
}

/** `kind/namespace/name` of an object, for messages. */
export function objectId(object: KubeObject): string {
  return `${object.kind}/${object.metadata.namespace ?? '-'}/${object.metadata.name}`;
}
