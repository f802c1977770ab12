import { EnvironmentValidationError } from './lib/config';
import { synthesize } from './lib/synth/synthesize';
import { ENVIRONMENTS } from './stacks/environments';

// Entry point of `npm run synth` and `cdk8s synth`: writes dist/<env>/ (and generated docs) for every
// environment, or nothing at all.
const baseDir = __dirname;
try {
  const started = process.hrtime.bigint();
  const trees = synthesize(ENVIRONMENTS, baseDir);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const summary = trees.map((t) => `${t.root}/ (${t.files.length} files)`).join(', ');
  console.log(`synthesized ${ENVIRONMENTS.map((e) => e.name).join(', ')} into ${summary} in ${ms.toFixed(0)} ms`);
} catch (error) {
  console.error(error instanceof EnvironmentValidationError ? error.message : error);
  console.error('nothing was written');
  process.exitCode = 1;
}
