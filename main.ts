import { runSynthCli } from './lib/synth/cli';

// Entry point of `npm run synth` and `cdk8s synth`: writes dist/<env>/ (and generated docs) for every
// environment, or nothing at all. `npm run synth -- --help` lists the options.
process.exitCode = runSynthCli(
  process.argv.slice(2),
  () => (require('./stacks/environments') as typeof import('./stacks/environments')).ENVIRONMENTS,
  __dirname,
  { out: (line) => console.log(line), err: (line) => console.error(line) },
);
