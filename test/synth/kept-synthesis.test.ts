import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { serialize } from 'v8';
import { EnvironmentDefinition, definitionsKey, deriveEnvironment, derivationOf } from '../../lib/config';
import { runSynthCli } from '../../lib/synth/cli';
import { withCache } from '../support/cache';
import { outputTrees } from '../../lib/synth/synthesize';
import { ENVIRONMENTS } from '../../stacks/environments';
import { dev } from '../../stacks/environments/dev';
import { prod } from '../../stacks/environments/prod';

// outputTrees keeps what it rendered by the definitions (lib/cache/persistent.ts): two definitions may
// share a kept synthesis only when validation and rendering cannot tell them apart.

const bytes = (definitions: readonly EnvironmentDefinition[]) => serialize(definitionsKey(definitions));

describe('the key a synthesis is kept under', () => {
  const overrides = derivationOf(dev)!.overrides;
  const misspelt = deriveEnvironment(prod, { ...overrides, queues: { ...overrides.queues, bach: { guarantee: { cpu: '4', memory: '8Gi' } } } });

  test('holds the overrides of a derived environment, which serialization alone does not see', () => {
    // The misspelt override changes no field of the derived definition: only its derivation differs.
    expect(serialize(misspelt)).toEqual(serialize(dev));
    expect(bytes([misspelt])).not.toEqual(bytes([dev]));
    expect(bytes([{ ...dev }])).toEqual(bytes([dev]));
  });

  test('a definition written with the key of a derivation does not look derived', () => {
    const imitation = { definition: { ...dev }, derivation: derivationOf(dev) } as unknown as EnvironmentDefinition;
    expect(bytes([imitation])).not.toEqual(bytes([dev]));
  });

  test.each<[string, unknown]>([
    ['a function', { ...prod, release: { ...prod.release, hook: () => 1 } }],
    ['a symbol key', { ...prod, [Symbol('other')]: 1 }],
    ['an accessor', Object.defineProperty({ ...prod }, 'capacity', { get: () => prod.capacity, enumerable: true })],
    ['a class instance', { ...prod, capacity: new (class Capacity { cpu = '1'; memory = '1Gi'; })() }],
  ])('none for definitions holding %s: they are always synthesized afresh', (_what, definition) => {
    expect(definitionsKey([definition as EnvironmentDefinition])).toBeUndefined();
  });

  test('a synthesis is served only for the same definitions: an invalid override is still refused after a valid synthesis', () => {
    const valid = outputTrees(ENVIRONMENTS);
    expect(outputTrees(ENVIRONMENTS)).toEqual(valid);
    const withMisspelt = ENVIRONMENTS.map((e) => (e.name === 'dev' ? misspelt : e));
    expect(() => outputTrees(withMisspelt)).toThrow('dev: overrides.queues.bach: the base environment has no queue "bach"; did you mean "batch"?');
  });
});

test('npm run synth says when it reused an earlier synthesis, and synthesizes afresh with VOLCANO_PLATFORM_CACHE=off', () => {
  const run = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-kept-'));
    const out: string[] = [];
    try {
      expect(runSynthCli([], () => ENVIRONMENTS, dir, { out: (line) => out.push(line), err: (line) => out.push(line) })).toBe(0);
      return out;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  withCache('on', () => {
    run();
    const again = run();
    expect(again[0]).toMatch(/^synthesized dev, prod, gpu-lab into dist\/ \(\d+ files\), .* in \d+ ms$/);
    expect(again[1]).toMatch(/^\(the same definitions and code as an earlier run: its synthesis was reused from .+; VOLCANO_PLATFORM_CACHE=off synthesizes afresh\)$/);
  });
  expect(withCache('off', run)).toHaveLength(1);
});
