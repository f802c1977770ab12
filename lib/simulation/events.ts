/** A min-heap of timed events; events at the same time come out in the order they were pushed. */
export class EventQueue<E> {
  private readonly heap: { time: number; seq: number; event: E }[] = [];
  private seq = 0;

  public push(time: number, event: E): void {
    const heap = this.heap;
    const entry = { time, seq: this.seq++, event };
    // Sift up by moving parents down into the hole, and place the entry once where the hole stops.
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  public pop(): E | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    const size = heap.length;
    if (size > 0) {
      // Sift the last entry down from the root the same way: children move up into the hole.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const child = l + 1 < size && before(heap[l + 1], heap[l]) ? l + 1 : l;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top.event;
  }

  public peekTime(): number | undefined {
    return this.heap[0]?.time;
  }
}

function before(x: { time: number; seq: number }, y: { time: number; seq: number }): boolean {
  return x.time < y.time || (x.time === y.time && x.seq < y.seq);
}
