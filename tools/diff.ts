import { runDiff } from '../lib/review/cli';
import { ENVIRONMENTS } from '../stacks/environments';

// Entry point of `npm run diff`: the review of the committed generated files against a base (see lib/review/cli.ts).
runDiff(process.argv.slice(2), ENVIRONMENTS, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
