import { prepareEnvironments } from '../../lib/config';
import { ENVIRONMENTS } from '../../stacks/environments';

// Run by loading.test.ts under tools/run-ts.js: loads what main.ts loads before the renderer (the synth
// command and, through it, every concern's validation), validates the environments, and prints, as one
// JSON line, the packages of node_modules loaded by then.

require('../../lib/synth/cli');
prepareEnvironments(ENVIRONMENTS);
const packages = new Set<string>();
for (const file of Object.keys(require.cache)) {
  const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  if (match) packages.add(match[1].replace('\\', '/'));
}
console.log(JSON.stringify([...packages].sort()));
