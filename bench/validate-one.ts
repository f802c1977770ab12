import { EnvironmentDefinition, prepareEnvironments, validateEnvironment } from '../lib/config';
import { checkShape } from '../lib/config/validate-shape';
import { Problems } from '../lib/config/problems';
import { generatedEnvironment } from './generated-environment';

// Validation alone, in a fresh process like synth-one.ts: the whole of it (structure, then every rule, as
// synthesis runs it) and the structural check by itself. Prints one JSON line.
const size = Number(process.argv[2]);
const environments: EnvironmentDefinition[] = [generatedEnvironment(size)];
const time = (run: () => void) => {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const ms = time(() => prepareEnvironments(environments));
const shapeMs = time(() => checkShape(environments[0], new Problems(environments[0].name)));
if (validateEnvironment(environments[0]).length > 0) throw new Error(`the generated environment of ${size} is invalid`);
console.log(JSON.stringify({ case: String(size), ms, shapeMs }));
