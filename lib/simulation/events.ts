/** A min-heap of timed events; events at the same time come out in the order they were pushed. */
export class EventQueue<E> {
  private readonly heap: { time: number; seq: number; event: E }[] = [];
  private seq = 0;

  public push(time: number, event: E): void {
    const heap = this.heap;
    heap.push({ time, seq: this.seq++, event });
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  public pop(): E | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && this.before(l, smallest)) smallest = l;
        if (r < heap.length && this.before(r, smallest)) smallest = r;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top.event;
  }

  public peekTime(): number | undefined {
    return this.heap[0]?.time;
  }

  public empty(): boolean {
    return this.heap.length === 0;
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    return x.time < y.time || (x.time === y.time && x.seq < y.seq);
  }
}
