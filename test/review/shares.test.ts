import { prepareEnvironments } from '../../lib/config';
import { objectsFromFiles } from '../../lib/review/manifests';
import { capacityFromOverview, shareChanges, sharesFromObjects, sharingPlugin } from '../../lib/review/shares';
import { renderOverview } from '../../lib/review/overview';
import { sharesUnderFullContention } from '../../lib/sharing';
import { renderOutputFiles } from '../../lib/synth/render';
import { ENVIRONMENTS } from '../../stacks/environments';
import { Quantity } from '../../lib/config/quantity';

const ENVS = prepareEnvironments(ENVIRONMENTS);
const OBJECTS = objectsFromFiles(renderOutputFiles(ENVS));

describe.each(ENVS.map((env) => [env.name, env] as const))('%s: shares read from the rendered objects', (name, env) => {
  test('are the sharing model\'s shares of the environment under full contention', () => {
    const fromObjects = sharesFromObjects(OBJECTS.get(name)!, env.capacity)!;
    const expected = sharesUnderFullContention(env);
    expect([...fromObjects.shares.keys()]).toEqual(expected.map((s) => s.queue));
    for (const { queue, resources } of expected) {
      const read = fromObjects.shares.get(queue)!;
      expect(Object.fromEntries(Object.entries(read).map(([k, v]) => [k, v.canonical()]))).toEqual(
        Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, Quantity.parse(v).canonical()])),
      );
    }
  });

  test('name the plugin the scheduler configuration enables', () => {
    expect(sharingPlugin(OBJECTS.get(name)!)).toBe(env.sharingPolicy === 'proportion' ? 'proportion' : 'capacity-hierarchy');
  });

  test('use the capacity the environment page declares', () => {
    expect(capacityFromOverview(renderOverview(env))).toEqual(env.capacity);
  });
});

test('share changes: every touched queue, and any other whose share moved', () => {
  const q = (cpu: string) => ({ cpu: Quantity.parse(cpu) });
  const before = new Map([['a', q('8')], ['b', q('8')], ['c', q('4')]]);
  const after = new Map([['a', q('8')], ['b', q('6')], ['c', q('4')], ['d', q('2')]]);
  expect(shareChanges(before, after, new Set(['a'])).map((c) => c.queue)).toEqual(['a', 'b', 'd']);
});
