import "server-only";

/**
 * A stream as a value with many readers: each reader gets what was already sent, then what comes
 * next. The request that started a generation is one reader; a reload or a second tab can become
 * another. Bounded on every side:
 *
 * - What was sent is kept compacted: a run of chunks that continue one another (the deltas of one
 *   text part) is kept as one chunk, so memory grows with the answer's size, not with its number of
 *   chunks, and a reader that joins late gets the answer so far as a handful of chunks.
 * - Each reader has its own queue, bounded by `maxBufferedPerReader`: a reader that falls that far
 *   behind is dropped (its stream errors with ReaderTooSlow, which ends its HTTP response; the
 *   browser can follow again) instead of being buffered for without end.
 * - At most `maxReaders` follow at once; the next subscribe throws TooManyReaders.
 * - The producer is never blocked by a reader: push() hands each chunk to every queue and returns.
 *   A reader that goes away never stops the producer either.
 */
export interface StreamHubOptions<T> {
  /** How runs of chunks fold into one; without it every chunk is kept as it came. */
  compaction?: Compaction<T>;
  /** A chunk's weight in a reader's queue (roughly bytes on the wire); 1 per chunk by default. */
  size?: (chunk: T) => number;
  maxBufferedPerReader?: number;
  maxReaders?: number;
  /** Told every chunk and the end, as they happen (copies the stream to other instances). */
  mirror?: { push(chunk: T): void; close(): void };
}

/** Chunks pushed one after another with the same key fold into one, their texts joined. */
export interface Compaction<T> {
  /** The run a chunk belongs to, or undefined when it never folds. */
  key(chunk: T): string | undefined;
  text(chunk: T): string;
  /** The first chunk of a run, carrying the whole run's text. */
  withText(chunk: T, text: string): T;
}

/** 16 tabs on one answer is already more than a person uses; beyond that it is a script. */
export const DEFAULT_MAX_READERS = 16;
/**
 * 256 KiB: at Flash's pace (about 100 chunks of ~50 bytes a second) a reader that reads nothing
 * at all is dropped after about 50 s, and a reader's queue never holds more than about half a
 * megabyte of memory. A reader on a working connection is never near it.
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;

export class TooManyReaders extends Error {
  constructor(readonly limit: number) {
    super(`this stream already has ${limit} readers`);
    this.name = "TooManyReaders";
  }
}

export class ReaderTooSlow extends Error {
  constructor(readonly limit: number) {
    super(`the reader fell more than ${limit} behind the stream and was dropped`);
    this.name = "ReaderTooSlow";
  }
}

export class StreamHub<T> {
  /** Everything sent, compacted; the run being extended (if any) comes after it. */
  private readonly log: T[] = [];
  private run: Run<T> | undefined;
  private readonly readers = new Set<Reader<T>>();
  private closed = false;
  private readonly size: (chunk: T) => number;
  private readonly maxBuffered: number;
  private readonly maxReaders: number;

  constructor(private readonly options: StreamHubOptions<T> = {}) {
    this.size = options.size ?? (() => 1);
    this.maxBuffered = options.maxBufferedPerReader ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.maxReaders = options.maxReaders ?? DEFAULT_MAX_READERS;
  }

  /** Readers following live right now (not the ones that read a finished stream). */
  get readerCount(): number {
    return this.readers.size;
  }

  push(chunk: T): void {
    if (this.closed) return;
    this.options.mirror?.push(chunk);
    this.remember(chunk);
    for (const reader of this.readers) this.deliver(reader, chunk);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.mirror?.close();
    this.endRun();
    for (const reader of this.readers) {
      try {
        if (reader.end !== undefined) reader.controller.enqueue(reader.end);
        reader.controller.close();
      } catch {
        // reader already cancelled
      }
    }
    this.readers.clear();
  }

  /**
   * A new reader: everything so far as one compacted snapshot, then live until the hub closes.
   * Throws TooManyReaders when `maxReaders` already follow.
   */
  subscribe(): ReadableStream<T> {
    return this.addReader<T>({ size: this.size });
  }

  /**
   * The same, already encoded for the wire (each chunk once, as the reader gets it, and `end`
   * after the last one): the HTTP response can send it as it is, with no transform stage between.
   * The reader's bound counts encoded bytes.
   */
  subscribeEncoded(encoder: { chunk(chunk: T): Uint8Array; end?: Uint8Array }): ReadableStream<Uint8Array> {
    return this.addReader<Uint8Array>({ encode: encoder.chunk, end: encoder.end, size: (bytes) => bytes.byteLength });
  }

  private addReader<U>({ encode, end, size }: { encode?: (chunk: T) => U; end?: U; size: (chunk: U) => number }): ReadableStream<U> {
    if (!this.closed && this.readers.size >= this.maxReaders) throw new TooManyReaders(this.maxReaders);
    const snapshot = this.snapshot().map((chunk) => (encode ? encode(chunk) : (chunk as unknown as U)));
    const snapshotSize = snapshot.reduce((total, chunk) => total + size(chunk), 0);
    let self: Reader<T> | undefined;
    return new ReadableStream<U>(
      {
        start: (controller) => {
          for (const chunk of snapshot) controller.enqueue(chunk);
          if (this.closed) {
            if (end !== undefined) controller.enqueue(end);
            controller.close();
            return;
          }
          self = { controller: controller as ReadableStreamDefaultController<unknown>, encode, end } as Reader<T>;
          this.readers.add(self);
        },
        cancel: () => {
          if (self) this.readers.delete(self);
        },
      },
      // The snapshot is the reader's own starting point; only falling behind the live chunks counts.
      { highWaterMark: this.maxBuffered + snapshotSize, size },
    );
  }

  /** What a reader joining now is given first. */
  snapshot(): T[] {
    return this.run ? [...this.log, this.run.chunk()] : [...this.log];
  }

  private remember(chunk: T): void {
    const key = this.options.compaction?.key(chunk);
    if (this.run && key === this.run.key) {
      this.run.append(chunk);
      return;
    }
    this.endRun();
    if (key !== undefined && this.options.compaction) this.run = new Run(this.options.compaction, key, chunk);
    else this.log.push(chunk);
  }

  private endRun(): void {
    if (!this.run) return;
    this.log.push(this.run.chunk());
    this.run = undefined;
  }

  /** Never waits: a reader whose queue is over its bound is dropped on the spot. */
  private deliver(reader: Reader<T>, chunk: T): void {
    const { controller } = reader;
    try {
      controller.enqueue(reader.encode ? reader.encode(chunk) : chunk);
    } catch {
      this.readers.delete(reader); // reader already cancelled
      return;
    }
    if ((controller.desiredSize ?? 0) < 0) {
      this.readers.delete(reader);
      controller.error(new ReaderTooSlow(this.maxBuffered));
    }
  }
}

/** One reader's queue, and how its chunks are encoded (not at all for plain subscribers). */
interface Reader<T> {
  controller: ReadableStreamDefaultController<unknown>;
  encode?: (chunk: T) => unknown;
  end?: unknown;
}

/**
 * A run of chunks that fold into one. Their texts are kept as pieces and joined now and then, so
 * the run costs about its text in memory (not an object, or a rope node, per chunk) and joining
 * stays linear overall: the pieces are joined once they would weigh about as much as the text.
 */
class Run<T> {
  private pieces: string[];
  private joinedLength: number;

  constructor(
    private readonly compaction: Compaction<T>,
    readonly key: string,
    private readonly first: T,
  ) {
    const text = compaction.text(first);
    this.pieces = [text];
    this.joinedLength = text.length;
  }

  append(chunk: T): void {
    this.pieces.push(this.compaction.text(chunk));
    // ~32 bytes of bookkeeping per piece: join once that passes the text's own size.
    if (this.pieces.length >= 64 && this.pieces.length * 32 >= this.joinedLength) this.join();
  }

  chunk(): T {
    return this.compaction.withText(this.first, this.join());
  }

  private join(): string {
    const text = this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join("");
    this.pieces = [text];
    this.joinedLength = text.length;
    return text;
  }
}

/**
 * For the AI SDK's UI message chunks (UIMessageChunk): the deltas of one text or reasoning part fold into one delta
 * (readUIMessageStream appends deltas to their part, so one joined delta builds the same part).
 * A delta's providerMetadata, if any, is the first one's.
 */
export function uiChunkCompaction<C extends { type: string }>(): Compaction<C> {
  return {
    key: (chunk) => {
      if (chunk.type !== "text-delta" && chunk.type !== "reasoning-delta") return undefined;
      return `${chunk.type}:${(chunk as unknown as { id: string }).id}`;
    },
    text: (chunk) => (chunk as unknown as { delta: string }).delta,
    withText: (chunk, text) => ({ ...chunk, delta: text }),
  };
}

/** Roughly the bytes a UI chunk takes as a server-sent event (`data: {...}\n\n`). */
export function uiChunkSize(chunk: { type: string }): number {
  const delta = (chunk as { delta?: unknown }).delta;
  return typeof delta === "string" ? delta.length + 48 : JSON.stringify(chunk).length + 8;
}
