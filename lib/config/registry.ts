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
