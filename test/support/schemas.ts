import * as fs from 'fs';
import Ajv, { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { KubeObject } from '../../lib/synth/render';
import { referencePath } from './reference';

/** API groups whose objects are validated against the Kubernetes schema of `kubernetes-models`. */
const CORE_GROUPS = /^(v1|(apps|batch|policy|scheduling\.k8s\.io|rbac\.authorization\.k8s\.io|admissionregistration\.k8s\.io|networking\.k8s\.io)\/v\d+(beta\d+)?)$/;

/** Whether `kubernetes-models` knows this object's group. */
export function isCoreObject(object: KubeObject): boolean {
  return CORE_GROUPS.test(object.apiVersion);
}

/** Validates a core Kubernetes object against the Kubernetes schema; throws naming the object and the field. */
export function validateCoreObject(object: KubeObject): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const group = require(`kubernetes-models/${object.apiVersion}`);
  const Model = group[object.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${object.kind} in ${object.apiVersion}`);
  try {
    new Model(object).validate();
  } catch (error) {
    throw new Error(`${object.kind}/${object.metadata.name}: ${(error as Error).message}`);
  }
}

/**
 * Adds `additionalProperties: false` wherever a schema lists its properties (unless it preserves unknown
 * fields), so misspelt fields fail as they would under the API server's strict field validation.
 * Property maps are walked by name, so a property called `type` or `properties` is not taken for a keyword.
 */
function closeObjects(schema: any): any {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const closed: any = Object.fromEntries(Object.entries(schema).map(([key, value]) => [
    key,
    key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, closeObjects(sub)])) : closeObjects(value),
  ]));
  if (closed.properties && closed.additionalProperties === undefined && !closed['x-kubernetes-preserve-unknown-fields']) {
    closed.additionalProperties = false;
  }
  return closed;
}

// CRD patterns are Go regular expressions; some (prometheus-operator's) use the inline case-insensitive
// flag `(?i)`, which JavaScript spells as the `i` flag.
const goRegExp = Object.assign(
  (pattern: string, flags: string) => (pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags)),
  { code: 'new RegExp' },
);
const ajv = new Ajv({ strict: false, allErrors: true, logger: false, code: { regExp: goRegExp } });

/**
 * A validator for one version of a CRD in the reference folder (e.g. `volcano-1.15.1/crds/...yaml`),
 * refusing unknown fields. It returns the schema violations of an object, each with its path; none
 * means valid. `metadata` is left to the API server, as the CRD schema does.
 */
export function crdValidator(crdFile: string, version: string): (object: object) => string[] {
  const crd = parseAllDocuments(fs.readFileSync(referencePath(crdFile), 'utf8'))
    .map((doc) => doc.toJSON())
    .find((doc) => doc?.kind === 'CustomResourceDefinition');
  const served = crd?.spec.versions.find((v: any) => v.name === version);
  if (!served) throw new Error(`${crdFile} has no CustomResourceDefinition version ${version}`);
  const schema = closeObjects(served.schema.openAPIV3Schema);
  schema.properties.metadata = { type: 'object' };
  const validate: ValidateFunction = ajv.compile(schema);
  return (object) => {
    const valid: boolean = validate(object);
    return valid ? [] : (validate.errors ?? []).map((e) =>
      `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
  };
}
