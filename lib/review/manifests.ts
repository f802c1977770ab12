import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { persisted } from '../cache/persistent';
import { OutputFile, KubeObject } from '../synth/render';

/** Every object of every environment, by environment name. */
export type EnvironmentObjects = ReadonlyMap<string, readonly KubeObject[]>;

/** Parsed manifests kept: the generated files of a few commits (each is parsed once per content). */
const KEEP_PARSED = 1000;

/**
 * The objects of one multi-document manifest file; `source` names it in errors. YAML parsing is most of
 * `npm run diff`'s time, and the files of both sides rarely change between runs: the objects of a file
 * that parsed are kept by its content (lib/cache/persistent.ts).
 */
export function parseManifest(text: string, source: string): KubeObject[] {
  return persisted('manifests', text, () => parseManifestNow(text, source), KEEP_PARSED);
}

function parseManifestNow(text: string, source: string): KubeObject[] {
  return parseAllDocuments(text).flatMap((document, index) => {
    if (document.errors.length > 0) throw new Error(`${source}: document ${index + 1}: ${document.errors[0].message}`);
    const object: unknown = document.toJS();
    if (object === null || object === undefined) return [];
    const named = withGeneratedName(object);
    if (!isKubeObject(named)) {
      throw new Error(`${source}: document ${index + 1} is not a Kubernetes object (kind and metadata.name or metadata.generateName are required)`);
    }
    return [named];
  });
}

/**
 * An object created with `metadata.generateName` (a sample Argo Workflow, submitted with `kubectl create`)
 * is named after it, `<generateName>*`, so that it has an identity on both sides of a diff.
 */
function withGeneratedName(value: unknown): unknown {
  const metadata = (value as { metadata?: Record<string, unknown> } | undefined)?.metadata;
  if (typeof metadata !== 'object' || metadata === null || metadata.name !== undefined || typeof metadata.generateName !== 'string') return value;
  return { ...(value as object), metadata: { ...metadata, name: `${metadata.generateName}*` } };
}

function isKubeObject(value: unknown): value is KubeObject {
  const object = value as KubeObject;
  return typeof object === 'object' && typeof object.kind === 'string' && typeof object.metadata?.name === 'string';
}

/** Groups the manifests of a `dist/` tree (paths `<env>/<file>.yaml`) by environment. */
export function objectsFromFiles(files: readonly OutputFile[]): EnvironmentObjects {
  const byEnvironment = new Map<string, KubeObject[]>();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const [environment, ...rest] = file.path.split('/');
    if (rest.length === 0 || !/\.ya?ml$/.test(file.path)) continue;
    const objects = byEnvironment.get(environment) ?? [];
    objects.push(...parseManifest(file.content, file.path));
    byEnvironment.set(environment, objects);
  }
  return byEnvironment;
}

/** Reads a `dist/` folder from disk: one subfolder per environment holding YAML files. */
export function readManifestTree(root: string): EnvironmentObjects {
  if (!fs.existsSync(root)) throw new Error(`${root} does not exist: the synthesis wrote no manifests`);
  const files: OutputFile[] = [];
  for (const environment of fs.readdirSync(root, { withFileTypes: true })) {
    if (!environment.isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(root, environment.name))) {
      const file = path.join(root, environment.name, name);
      if (fs.statSync(file).isFile()) files.push({ path: `${environment.name}/${name}`, content: fs.readFileSync(file, 'utf8') });
    }
  }
  return objectsFromFiles(files);
}
