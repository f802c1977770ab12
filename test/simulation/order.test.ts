import { RandomStream } from '../../lib/simulation/random';
import { sortedStably } from '../../lib/simulation/order';

describe('sortedStably', () => {
  it('sorts as Array.prototype.sort does, equal items in their order, leaving the input as it was', () => {
    const random = new RandomStream(7);
    for (let round = 0; round < 500; round++) {
      const items = Array.from({ length: random.integer(0, 7) }, (_, id) => ({ id, key: random.integer(0, 3), share: random.next() }));
      const input = [...items];
      for (const compare of [(a: typeof items[0], b: typeof items[0]) => a.key - b.key, (a: typeof items[0], b: typeof items[0]) => b.key - a.key || a.share - b.share]) {
        expect(sortedStably(items, compare)).toEqual([...items].sort(compare));
      }
      expect(items).toEqual(input);
    }
  });
});
