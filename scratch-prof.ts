import { outputTrees } from './lib/synth/synthesize';
import { prepareEnvironments } from './lib/config/validate';
import { renderEnvironment } from './lib/synth/render';
import { ENVIRONMENTS } from './stacks/environments';
for (let i = 0; i < 4; i++) { const s = Date.now(); outputTrees(ENVIRONMENTS); console.log('outputTrees', Date.now() - s); }
let s = Date.now(); const envs = prepareEnvironments(ENVIRONMENTS); console.log('prepare', Date.now() - s);
s = Date.now(); envs.map(renderEnvironment); console.log('render', Date.now() - s);
