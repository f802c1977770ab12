import { EnvironmentDefinition, findEnvironment } from '../../lib/config';
import { dev } from './dev';
import { gpuLab } from './gpu-lab';
import { prod } from './prod';

/** Every built-in environment; `npm run synth` writes `dist/<name>/` for each. */
export const ENVIRONMENTS: readonly EnvironmentDefinition[] = [dev, prod, gpuLab];

/** The built-in environment with this name; an unknown name throws, listing the known ones. */
export function environment(name: string): EnvironmentDefinition {
  return findEnvironment(ENVIRONMENTS, name);
}
