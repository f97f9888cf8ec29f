import "server-only";
/**
 * A stream as a value with many readers: every chunk is kept, and each reader gets what was
 * already sent followed by what comes next. The request that started a generation is one reader;
 * a reload or a second tab can become another. A reader that goes away never stops the producer.
 */
export class StreamHub<T> {
  private readonly chunks: T[] = [];
  private readonly readers = new Set<ReadableStreamDefaultController<T>>();
  private closed = false;

  push(chunk: T): void {
    if (this.closed) return;
    this.chunks.push(chunk);
    for (const reader of this.readers) {
      try {
        reader.enqueue(chunk);
      } catch {
        this.readers.delete(reader); // reader already cancelled
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const reader of this.readers) {
      try {
        reader.close();
      } catch {
        // reader already cancelled
      }
    }
    this.readers.clear();
  }

  /** A new reader: replays everything so far, then follows live until the hub closes. */
  subscribe(): ReadableStream<T> {
    let self: ReadableStreamDefaultController<T> | undefined;
    return new ReadableStream<T>({
      start: (controller) => {
        self = controller;
        for (const chunk of this.chunks) controller.enqueue(chunk);
        if (this.closed) controller.close();
        else this.readers.add(controller);
      },
      cancel: () => {
        if (self) this.readers.delete(self);
      },
    });
  }
}
