import * as fs from 'fs';
import Ajv, { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
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

/** Makes every object schema with declared properties refuse unknown fields, so typos in our types fail. */
function closeObjects(schema: any): any {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const closed: any = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closeObjects(v)]));
  if (closed.type === 'object' && closed.properties && closed.additionalProperties === undefined && !closed['x-kubernetes-preserve-unknown-fields']) {
    closed.additionalProperties = false;
  }
  return closed;
}

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });

/**
 * A validator for one version of a CRD in the reference folder (e.g. `volcano-1.15.1/crds/...yaml`),
 * refusing unknown fields. Throws a readable error listing every schema violation.
 */
export function crdValidator(crdFile: string, version: string): (object: KubeObject) => void {
  const crd = parse(fs.readFileSync(referencePath(crdFile), 'utf8'));
  const served = crd.spec.versions.find((v: any) => v.name === version);
  if (!served) throw new Error(`${crdFile} has no version ${version}`);
  const schema = closeObjects(served.schema.openAPIV3Schema);
  // metadata is validated by the API server, not by the CRD schema.
  schema.properties.metadata = { type: 'object' };
  const validate: ValidateFunction = ajv.compile(schema);
  return (object) => {
    const valid: boolean = validate(object); // a plain boolean: the type guard would narrow `object` to never
    if (!valid) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
      throw new Error(`${object.kind}/${object.metadata.name} does not match ${crdFile}: ${errors.join('; ')}`);
    }
  };
}
