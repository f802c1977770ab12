import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { PROTECT_BY_DEFAULT, protectedWhenStackProtects } from '../deploy/plan';
import { isPlainObject } from '../util';
import { ProtectionOf } from './danger';

/**
 * What Pulumi protects, per environment: the stacks (`Pulumi.<stack>.yaml` beside the project file) that
 * deploy an environment, whether each protects (`volcano-platform:protect`, default as the program's), and
 * which objects the program protects when it does (`protectedWhenStackProtects`, the program's own rule).
 */

/** The project's config namespace in stack files. */
const CONFIG = 'volcano-platform';

/** Each stack that deploys an environment and protects: environment name → stack names. */
export function protectingStacks(root: string): Map<string, string[]> {
  const stacks = new Map<string, string[]>();
  for (const file of fs.existsSync(root) ? fs.readdirSync(root).sort() : []) {
    const match = /^Pulumi\.(.+)\.ya?ml$/.exec(file);
    if (!match) continue;
    const document: unknown = parse(fs.readFileSync(path.join(root, file), 'utf8'));
    const config = isPlainObject(document) && isPlainObject(document.config) ? document.config : {};
    const environment = typeof config[`${CONFIG}:environment`] === 'string' ? (config[`${CONFIG}:environment`] as string) : match[1];
    const setting = config[`${CONFIG}:protect`];
    const protect = typeof setting === 'boolean' ? setting : setting === undefined ? PROTECT_BY_DEFAULT : String(setting) === 'true';
    if (protect) stacks.set(environment, [...(stacks.get(environment) ?? []), match[1]]);
  }
  return stacks;
}

/** The protection an environment's objects get from the stacks deploying it. */
export function pulumiProtection(stacks: ReadonlyMap<string, readonly string[]>, environment: string): ProtectionOf {
  const names = stacks.get(environment) ?? [];
  return (object) => (names.length > 0 && protectedWhenStackProtects(object)
    ? `Pulumi protects it (stack ${names.join(', ')})`
    : undefined);
}
