import { prepareEnvironments } from './lib/config';
import { simulateScenario } from './lib/simulation/report';
import { ENVIRONMENTS } from './stacks/environments';
const envs = prepareEnvironments(ENVIRONMENTS);
for (let i = 0; i < 3; i++) {
  const s = Date.now();
  for (const env of envs) for (const sc of env.workload?.scenarios ?? []) simulateScenario(env, sc);
  console.log('sim all', Date.now() - s);
}
