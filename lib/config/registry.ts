import { EnvironmentDefinition } from './model';

/** Finds an environment by name; an unknown name throws an error listing the known ones. */
export function findEnvironment(environments: readonly EnvironmentDefinition[], name: string): EnvironmentDefinition {
  const found = environments.find((env) => env.name === name);
  if (!found) {
    const known = environments.map((env) => env.name).sort().join(', ');
    throw new Error(`unknown environment "${name}"; known environments: ${known}`);
  }
  return found;
}

/**
 * The file that defines an environment, relative to the repository root. Every message, document and
 * policy text that tells an operator where to change an environment names this file.
 */
export function environmentFile(name: string): string {
  return `stacks/environments/${name}.ts`;
}
