import { runSimulate } from '../lib/simulation/cli';
import { ENVIRONMENTS } from '../stacks/environments';

// Entry point of `npm run simulate`: shares under full contention and a simulated day per scenario (see lib/simulation/cli.ts).
process.exitCode = runSimulate(process.argv.slice(2), ENVIRONMENTS, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
