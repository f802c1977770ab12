import { EnvironmentDefinition } from '../config/model';
import { prepareEnvironments } from '../config/validate';
import { renderOutputFiles } from './render';
import { writeOutputAtomically } from './write';

/**
 * Validates every environment, renders them all, and only then replaces `outdir` with the result.
 * Any invalid environment throws before anything is written.
 */
export function synthesize(definitions: readonly EnvironmentDefinition[], outdir: string): string[] {
  const envs = prepareEnvironments(definitions);
  const files = renderOutputFiles(envs);
  writeOutputAtomically(outdir, files);
  return files.map((f) => f.path);
}
