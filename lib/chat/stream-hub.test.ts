// The stream hub on its own: compaction, late readers, slow readers, the reader limit, and what a
// late reader's chunks make of the message once the AI SDK reads them (readUIMessageStream).
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { ReaderTooSlow, StreamHub, TooManyReaders, uiChunkCompaction, uiChunkSize, type StreamHubOptions } from "./stream-hub";
import { readAll } from "./test-helpers";

type Chunk = UIMessageChunk<{ status?: string }, { title: { title: string } }>;

function uiHub(options: Omit<StreamHubOptions<Chunk>, "compaction" | "size"> = {}): StreamHub<Chunk> {
  return new StreamHub<Chunk>({ compaction: uiChunkCompaction<Chunk>(), size: uiChunkSize, ...options });
}

/** Word-sized pieces, as a model streams them. */
function pieces(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i % 7 === 0 ? "\n" : " "}w${i}`);
}

/** A whole thinking answer as Generation pushes it: start, reasoning, a title, text, metadata, finish. */
function answerChunks(reasoningPieces = 300, textPieces = 500): Chunk[] {
  return [
    { type: "start", messageId: "answer-1", messageMetadata: { status: "streaming" } },
    { type: "reasoning-start", id: "reasoning-0" },
    ...pieces("think", reasoningPieces).map((delta): Chunk => ({ type: "reasoning-delta", id: "reasoning-0", delta })),
    { type: "reasoning-end", id: "reasoning-0" },
    { type: "text-start", id: "txt-0" },
    ...pieces("say", textPieces / 2).map((delta): Chunk => ({ type: "text-delta", id: "txt-0", delta })),
    { type: "data-title", data: { title: "A title" }, transient: true },
    ...pieces("more", textPieces / 2).map((delta): Chunk => ({ type: "text-delta", id: "txt-0", delta })),
    { type: "text-end", id: "txt-0" },
    { type: "message-metadata", messageMetadata: { status: "complete" } },
    { type: "finish" },
  ];
}

function joined(chunks: readonly Chunk[], type: "text-delta" | "reasoning-delta"): string {
  return chunks.map((chunk) => (chunk.type === type ? chunk.delta : "")).join("");
}

/** The message the AI SDK builds from a stream of chunks (what the browser's useChat shows). */
async function finalMessage(stream: ReadableStream<Chunk>): Promise<UIMessage | undefined> {
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream<UIMessage>({ stream: stream as ReadableStream<UIMessageChunk>, terminateOnError: true })) {
    last = structuredClone(message);
  }
  return last;
}

describe("StreamHub: compaction", () => {
  it("keeps a run of deltas of one part as one chunk, whatever the number of chunks", () => {
    const hub = uiHub();
    const chunks = answerChunks(2_000, 4_000);
    for (const chunk of chunks) hub.push(chunk);
    hub.close();

    const snapshot = hub.snapshot();
    // start, reasoning start/delta/end, text start, delta, title, delta, text end, metadata, finish
    expect(snapshot.map((chunk) => chunk.type)).toEqual([
      "start",
      "reasoning-start",
      "reasoning-delta",
      "reasoning-end",
      "text-start",
      "text-delta",
      "data-title",
      "text-delta",
      "text-end",
      "message-metadata",
      "finish",
    ]);
    expect(joined(snapshot, "reasoning-delta")).toBe(joined(chunks, "reasoning-delta"));
    expect(joined(snapshot, "text-delta")).toBe(joined(chunks, "text-delta"));
  });

  it("never folds deltas of different parts or kinds, nor changes a chunk a live reader was given", async () => {
    const hub = uiHub();
    const reader = hub.subscribe();
    const sent: Chunk[] = [
      { type: "text-delta", id: "a", delta: "one " },
      { type: "text-delta", id: "a", delta: "two " },
      { type: "text-delta", id: "b", delta: "other" },
      { type: "reasoning-delta", id: "b", delta: "thought" },
      { type: "text-delta", id: "a", delta: "three" },
    ];
    for (const chunk of sent) hub.push(chunk);
    hub.close();

    expect(hub.snapshot()).toEqual([
      { type: "text-delta", id: "a", delta: "one two " },
      { type: "text-delta", id: "b", delta: "other" },
      { type: "reasoning-delta", id: "b", delta: "thought" },
      { type: "text-delta", id: "a", delta: "three" },
    ]);
    expect(await readAll(reader)).toEqual(sent);
  });

  it("keeps the text exact through the periodic joins, with snapshots taken in between", () => {
    const hub = uiHub();
    const all = pieces("x", 20_000);
    for (const [i, delta] of all.entries()) {
      hub.push({ type: "text-delta", id: "t", delta });
      if (i % 3_333 === 0) expect(joined(hub.snapshot(), "text-delta")).toBe(all.slice(0, i + 1).join(""));
    }
    expect(hub.snapshot()).toEqual([{ type: "text-delta", id: "t", delta: all.join("") }]);
  });

  it("keeps every chunk as it came without a compaction", () => {
    const hub = new StreamHub<number>();
    for (let i = 0; i < 5; i++) hub.push(i);
    expect(hub.snapshot()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("StreamHub: late readers", () => {
  it("a reader joining mid-way gets the answer so far in a handful of chunks, then the rest live", async () => {
    const hub = uiHub();
    const chunks = answerChunks();
    const half = chunks.length / 2;
    for (const chunk of chunks.slice(0, half)) hub.push(chunk);
    const late = hub.subscribe();
    for (const chunk of chunks.slice(half)) hub.push(chunk);
    hub.close();

    const got = await readAll(late);
    const firstLive = got.findIndex((chunk) => chunk === chunks[half]);
    expect(firstLive).toBeGreaterThan(0);
    expect(firstLive).toBeLessThanOrEqual(6); // the snapshot: start, reasoning start/delta/end, text start, delta
    expect(got.length).toBe(firstLive + (chunks.length - half));
    expect(joined(got, "text-delta")).toBe(joined(chunks, "text-delta"));
    expect(joined(got, "reasoning-delta")).toBe(joined(chunks, "reasoning-delta"));
  });

  it("what any reader gets, read by readUIMessageStream, is the very message a reader from the start gets", async () => {
    const chunks = answerChunks();
    const joinAt = [0, 1, 2, 150, 303, 304, 305, 400, 555, chunks.length - 2, chunks.length - 1, chunks.length];
    const hub = uiHub();
    const first = hub.subscribe();
    const late: ReadableStream<Chunk>[] = [];
    for (const [i, chunk] of chunks.entries()) {
      if (joinAt.includes(i)) late.push(hub.subscribe());
      hub.push(chunk);
    }
    hub.close();
    late.push(hub.subscribe()); // after the end

    const reference = await finalMessage(first);
    expect(reference?.id).toBe("answer-1");
    expect(reference?.metadata).toEqual({ status: "complete" });
    expect(reference?.parts.map((part) => part.type)).toEqual(["reasoning", "text"]);
    for (const [i, stream] of late.entries()) {
      expect(await finalMessage(stream), `reader ${i}`).toEqual(reference);
    }
  });

  it("a reader joining after the end reads the compacted answer and closes", async () => {
    const hub = uiHub();
    for (const chunk of answerChunks()) hub.push(chunk);
    hub.close();
    const got = await readAll(hub.subscribe());
    expect(got).toHaveLength(11);
    expect(got.at(-1)).toEqual({ type: "finish" });
    expect(hub.readerCount).toBe(0);
  });
});

describe("StreamHub: slow readers", () => {
  const delta = (i: number): Chunk => ({ type: "text-delta", id: "t", delta: `piece ${i} ` });

  it("drops a reader that reads nothing once it is maxBuffered behind; the others and the producer go on", async () => {
    const hub = uiHub({ maxBufferedPerReader: 2_000 });
    const stalled = hub.subscribe();
    const reading = hub.subscribe();
    const received = readAll(reading);

    // ~57 bytes each, 1,000 of them: far past 2,000. Ten at a time, as a model's chunks come.
    for (let i = 0; i < 1_000; i++) {
      hub.push(delta(i)); // returns at once, whoever reads or not
      if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(hub.readerCount).toBe(1);
    hub.close();

    await expect(stalled.getReader().read()).rejects.toBeInstanceOf(ReaderTooSlow);
    const all = await received;
    expect(all).toHaveLength(1_000);
  });

  it("keeps a reader that falls behind for a while but catches up", async () => {
    const hub = uiHub({ maxBufferedPerReader: 2_000 });
    const reader = hub.subscribe().getReader();
    const got: Chunk[] = [];
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 20; i++) hub.push(delta(round * 20 + i)); // ~1,150 bytes behind, then read
      for (let i = 0; i < 20; i++) got.push((await reader.read()).value!);
    }
    hub.close();
    expect((await reader.read()).done).toBe(true);
    expect(got).toHaveLength(1_000);
  });

  it("does not count a late reader's snapshot against its bound", async () => {
    const hub = uiHub({ maxBufferedPerReader: 500 });
    for (let i = 0; i < 2_000; i++) hub.push(delta(i)); // a 20 KB snapshot
    const late = hub.subscribe();
    hub.push(delta(2_000));
    hub.push(delta(2_001));
    hub.close();
    const got = await readAll(late);
    expect(got).toHaveLength(3);
    expect(hub.snapshot()).toHaveLength(1);
  });

  it("sixteen readers that read nothing cost the producer nothing: each is dropped at its bound", () => {
    const hub = uiHub({ maxBufferedPerReader: 10_000 });
    const readers = Array.from({ length: 16 }, () => hub.subscribe());
    for (let i = 0; i < 5_000; i++) hub.push(delta(i));
    expect(hub.readerCount).toBe(0);
    expect(readers).toHaveLength(16);
    expect(hub.snapshot()).toHaveLength(1);
  });
});

describe("StreamHub: the reader limit", () => {
  it("refuses the reader past maxReaders, and takes one again when another leaves", async () => {
    const hub = uiHub({ maxReaders: 3 });
    hub.push({ type: "start" });
    const readers = [hub.subscribe(), hub.subscribe(), hub.subscribe()];
    expect(hub.readerCount).toBe(3);
    expect(() => hub.subscribe()).toThrow(TooManyReaders);

    await readers[0]!.cancel();
    expect(hub.readerCount).toBe(2);
    const another = hub.subscribe();
    expect(hub.readerCount).toBe(3);

    hub.push({ type: "finish" });
    hub.close();
    expect(hub.readerCount).toBe(0);
    expect(await readAll(another)).toEqual([{ type: "start" }, { type: "finish" }]);
    // A finished stream is read and closed at once: no limit applies.
    for (let i = 0; i < 5; i++) expect(await readAll(hub.subscribe())).toHaveLength(2);
  });

  it("defaults to 16 readers", () => {
    const hub = uiHub();
    for (let i = 0; i < 16; i++) hub.subscribe();
    expect(() => hub.subscribe()).toThrow(/16 readers/);
  });
});

describe("StreamHub: closing", () => {
  it("closes every live reader; pushes after close are ignored", async () => {
    const hub = uiHub();
    const a = hub.subscribe();
    const b = hub.subscribe();
    hub.push({ type: "start" });
    hub.close();
    hub.push({ type: "finish" });
    expect(await readAll(a)).toEqual([{ type: "start" }]);
    expect(await readAll(b)).toEqual([{ type: "start" }]);
    expect(hub.snapshot()).toEqual([{ type: "start" }]);
  });
});
