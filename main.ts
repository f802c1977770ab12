import { startDayWorker } from './lib/simulation/days-ahead';

// Entry point of `npm run synth` and `cdk8s synth`: writes dist/<env>/ (and generated docs) for every
// environment, or nothing at all. `npm run synth -- --help` lists the options.
const argv = process.argv.slice(2);
// The thread that computes simulated days loads its code while this one loads the rest (days-ahead.ts):
// required below, not imported, so that the rest loads after it has started.
if (!argv.includes('--help')) startDayWorker();
const { runSynthCli } = require('./lib/synth/cli') as typeof import('./lib/synth/cli');
process.exitCode = runSynthCli(
  argv,
  () => (require('./stacks/environments') as typeof import('./stacks/environments')).ENVIRONMENTS,
  __dirname,
  { out: (line) => console.log(line), err: (line) => console.error(line) },
);
