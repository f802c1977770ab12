import { EnvironmentValidationError } from './lib/config';
import { synthesize } from './lib/synth/synthesize';
import { ENVIRONMENTS } from './stacks/environments';

// Entry point of `npm run synth` and `cdk8s synth`: writes dist/<env>/ for every environment, or nothing.
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
try {
  const started = process.hrtime.bigint();
  const files = synthesize(ENVIRONMENTS, outdir);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`synthesized ${files.length} files for ${ENVIRONMENTS.map((e) => e.name).join(', ')} into ${outdir}/ in ${ms.toFixed(0)} ms`);
} catch (error) {
  console.error(error instanceof EnvironmentValidationError ? error.message : error);
  console.error(`nothing was written to ${outdir}/`);
  process.exitCode = 1;
}
