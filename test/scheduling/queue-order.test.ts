import { parentsFirst } from '../../lib/scheduling/queues';

describe('queues are rendered parents first (Volcano refuses a queue whose parent does not exist)', () => {
  const q = (name: string, parent?: string) => ({ name, parent });

  test('a parent declared after its children moves before the first of them; the rest keep their order', () => {
    const ordered = parentsFirst([q('a'), q('child-1', 'mid'), q('b'), q('mid', 'top'), q('child-2', 'mid'), q('top')]);
    expect(ordered.map((x) => x.name)).toEqual(['a', 'top', 'mid', 'child-1', 'b', 'child-2']);
  });

  test('an unknown parent leaves a queue in place, and a cycle (reported by validation) ends without repeating a queue', () => {
    expect(parentsFirst([q('x', 'missing'), q('y', 'z'), q('z', 'y')]).map((x) => x.name)).toEqual(['x', 'z', 'y']);
  });
});
