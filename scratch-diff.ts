import { runDiff } from './lib/review/cli';
import { ENVIRONMENTS } from './stacks/environments';
(async () => {
for (let i = 0; i < 4; i++) { const s = Date.now(); await runDiff(['--base', 'HEAD'], ENVIRONMENTS, { out: () => undefined, err: (t) => console.log(t) }); console.log('diff', Date.now() - s); }
})();
