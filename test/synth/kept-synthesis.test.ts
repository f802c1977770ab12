import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deserialize, serialize } from 'v8';
import { EnvironmentDefinition, definitionsKey, deriveEnvironment, derivationOf } from '../../lib/config';
import { canonicalText } from '../../lib/cache/canonical-text';
import { cacheFile } from '../../lib/cache/persistent';
import { runSynthCli } from '../../lib/synth/cli';
import { withCache } from '../support/cache';
import { outputTrees } from '../../lib/synth/synthesize';
import { ENVIRONMENTS } from '../../stacks/environments';
import { dev } from '../../stacks/environments/dev';
import { prod } from '../../stacks/environments/prod';

// outputTrees keeps what it rendered by the definitions (lib/cache/persistent.ts): two definitions may
// share a kept synthesis only when validation and rendering cannot tell them apart.

/** The text the kept synthesis of `definitions` is named by (lib/cache/canonical-text.ts). */
const keyText = (definitions: readonly EnvironmentDefinition[]) => canonicalText(definitionsKey(definitions));

describe('the key a synthesis is kept under', () => {
  const overrides = derivationOf(dev)!.overrides;
  const misspelt = deriveEnvironment(prod, { ...overrides, queues: { ...overrides.queues, bach: { guarantee: { cpu: '4', memory: '8Gi' } } } });

  test('holds the overrides of a derived environment, which its fields alone do not show', () => {
    // The misspelt override changes no field of the derived definition: only its derivation differs.
    expect(canonicalText(misspelt)).toBe(canonicalText(dev));
    expect(keyText([misspelt])).not.toEqual(keyText([dev]));
    expect(keyText([{ ...dev }])).toEqual(keyText([dev]));
  });

  test('a definition written with the key of a derivation does not look derived', () => {
    const imitation = { definition: { ...dev }, derivation: derivationOf(dev) } as unknown as EnvironmentDefinition;
    expect(keyText([imitation])).not.toEqual(keyText([dev]));
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
  const run = (definitions: readonly EnvironmentDefinition[] = ENVIRONMENTS) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-kept-'));
    const out: string[] = [];
    try {
      expect(runSynthCli([], () => definitions, dir, { out: (line) => out.push(line), err: (line) => out.push(line) })).toBe(0);
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
  // Afresh, one environment without a simulated day is enough to show it (test/golden.test.ts synthesizes them all).
  expect(withCache('off', () => run([{ ...prod, workload: undefined }]))).toEqual([expect.stringMatching(/^synthesized prod into dist\/ \(\d+ files\), .* in \d+ ms$/)]);
});

describe('YAML kept by the objects it is made of (lib/synth/render.ts yamlDocuments)', () => {
  const nonce = `${process.pid}-${Date.now()}`;
  const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `kept-yaml-${nonce}` }, data: { text: 'a: b\nc' } }];
  const edited = [{ ...objects[0], data: { text: 'other' } }];
  afterAll(() => {
    for (const stream of [objects, edited]) fs.rmSync(cacheFile('yaml', JSON.stringify(stream)) ?? '/nonexistent', { force: true });
  });

  /** yamlDocuments as the next run loads it, with the yaml library counting its calls. */
  function inNextRun(of: readonly object[]): { text: string; stringified: number } {
    let result = { text: '', stringified: 0 };
    jest.isolateModules(() => {
      let stringified = 0;
      const real = jest.requireActual('yaml') as typeof import('yaml');
      jest.doMock('yaml', () => ({ ...real, stringify: (...args: Parameters<typeof real.stringify>) => ((stringified += 1), real.stringify(...args)) }));
      const text = (require('../../lib/synth/render') as typeof import('../../lib/synth/render')).yamlDocuments(of);
      result = { text, stringified };
    });
    jest.dontMock('yaml');
    return result;
  }

  test('an unchanged stream is read back, not written again; another object is written', () => {
    withCache('on', () => {
      const first = inNextRun(objects);
      expect(first).toEqual({ text: `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept-yaml-${nonce}\ndata:\n  text: |-\n    a: b\n    c\n`, stringified: 1 });
      expect(inNextRun(objects)).toEqual({ text: first.text, stringified: 0 });
      // Objects read back from the cache (an unchanged environment's manifests) find the same text.
      expect(inNextRun(deserialize(serialize(objects)))).toEqual({ text: first.text, stringified: 0 });
      expect(inNextRun(edited).stringified).toBe(1);
    });
  });
});

describe('manifests kept per environment (lib/synth/render-trees.ts)', () => {
  /** Renders the trees as the next run would (nothing in memory), counting the environments rendered. */
  function renderedInNextRun(definitions: readonly EnvironmentDefinition[]): string[] {
    const rendered: string[] = [];
    jest.isolateModules(() => {
      const real = jest.requireActual('../../lib/synth/render') as typeof import('../../lib/synth/render');
      jest.doMock('../../lib/synth/render', () => ({ ...real, renderEnvironment: (env: Parameters<typeof real.renderEnvironment>[0]) => (rendered.push(env.name), real.renderEnvironment(env)) }));
      const { prepareEnvironments } = require('../../lib/config') as typeof import('../../lib/config');
      (require('../../lib/synth/render-trees') as typeof import('../../lib/synth/render-trees')).renderOutputTrees(prepareEnvironments(definitions));
    });
    jest.dontMock('../../lib/synth/render');
    return rendered;
  }

  test('an edit to one environment renders it and those derived from it, not the others', () => {
    withCache('on', () => {
      renderedInNextRun(ENVIRONMENTS);
      expect(renderedInNextRun(ENVIRONMENTS)).toEqual([]);
      // An edit no earlier run made (the process id in it), to a field no simulated day reads: the test
      // renders the edited environments without simulating their days afresh.
      const edited = { ...prod, queues: [{ ...prod.queues[0], description: `${prod.queues[0].description} (edited by ${process.pid} at ${Date.now()})` }, ...prod.queues.slice(1)] };
      const editedDev = deriveEnvironment(edited, derivationOf(dev)!.overrides);
      expect(renderedInNextRun(ENVIRONMENTS.map((e) => (e.name === 'prod' ? edited : e.name === 'dev' ? editedDev : e))).sort()).toEqual(['dev', 'prod']);
    });
  });
});
