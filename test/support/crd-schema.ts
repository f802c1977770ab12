import * as fs from 'fs';
import Ajv, { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { referencePath } from './reference';

/**
 * A validator for one version of a CRD from the reference material. Objects with declared properties
 * refuse unknown fields (as the API server prunes or, with strict field validation, rejects them),
 * unless the schema preserves unknown fields.
 */
export function crdValidator(file: string, version: string): ValidateFunction {
  const crd = parse(fs.readFileSync(referencePath(file), 'utf8'));
  const schema = crd.spec.versions.find((v: any) => v.name === version).schema.openAPIV3Schema;
  return new Ajv({ strict: false, allErrors: true, logger: false }).compile(strict(schema));
}

function strict(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: any = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as any).map(([p, s]) => [p, strict(s)])) : strict(v)]));
  if (copy.type === 'object' && copy.properties && !copy['x-kubernetes-preserve-unknown-fields'] && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}
