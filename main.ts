import * as fs from 'fs';
import * as path from 'path';
import { EnvironmentValidationError } from './lib/config';
import { synthesize } from './lib/synth/synthesize';
import { ForeignFilesError } from './lib/synth/write';
import { ENVIRONMENTS } from './stacks/environments';

// Entry point of `npm run synth` and `cdk8s synth`: writes dist/<env>/ (and generated docs) for every
// environment, or nothing at all.
const baseDir = __dirname;
try {
  const started = process.hrtime.bigint();
  const trees = synthesize(ENVIRONMENTS, baseDir, (removed) => {
    console.warn(`removed ${removed.length} file(s) synthesis did not write (git tracks them; \`git checkout\` restores them, then move them out of the generated folders):`);
    for (const file of removed) console.warn(`  - ${file}`);
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const summary = trees.map((t) => `${t.root}/ (${t.files.length} files)`).join(', ');
  console.log(`synthesized ${ENVIRONMENTS.map((e) => e.name).join(', ')} into ${summary} in ${ms.toFixed(0)} ms`);
  copyForCdk8sCli(trees.find((t) => t.root === 'dist')!.files);
} catch (error) {
  console.error(error instanceof EnvironmentValidationError || error instanceof ForeignFilesError ? error.message : error);
  console.error('nothing was written');
  process.exitCode = 1;
}

/** Under `cdk8s synth`, hand the CLI a copy of the manifests in the folder it expects (CDK8S_OUTDIR). */
function copyForCdk8sCli(files: ReadonlyArray<{ path: string; content: string }>): void {
  const outdir = process.env.CDK8S_OUTDIR;
  if (!outdir || path.resolve(outdir) === path.join(baseDir, 'dist')) return;
  for (const file of files) {
    const destination = path.join(outdir, file.path);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.writeFileSync(destination, file.content);
  }
}
