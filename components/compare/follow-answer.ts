"use client";

import { readUIMessageStream, type UIMessageChunk } from "ai";
import { startTransition, useEffect, useRef, useState } from "react";
import type { ChatDataParts, ChatMessageMetadata, ChatUIMessage, UpstreamRetry } from "@/lib/contract";
import type { LiveClock } from "@/lib/compare/figures";

type Chunk = UIMessageChunk<ChatMessageMetadata, ChatDataParts>;

/** How often a pane repaints while its answer streams: four panes at full speed stay smooth. */
const PAINT_EVERY_MS = 80;

/** The server-sent events of a UI message stream, as chunks. */
function chunksOf(body: ReadableStream<Uint8Array>): ReadableStream<Chunk> {
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = body.getReader();
  return new ReadableStream<Chunk>({
    async pull(controller) {
      for (;;) {
        const boundary = buffer.indexOf("\n\n");
        if (boundary !== -1) {
          const event = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          for (const line of event.split("\n")) {
            if (!line.startsWith("data:")) continue;
            const data = line.slice(5).trim();
            if (data === "[DONE]" || data === "") continue;
            controller.enqueue(JSON.parse(data) as Chunk);
          }
          return;
        }
        const { value, done } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  });
}

export interface FollowedAnswer {
  /** The answer as it streams (null until the first chunk), or null when it is not followed. */
  message: ChatUIMessage | null;
  clock: LiveClock | null;
  /** The stream could not be read (offline): the saved answer is shown instead. */
  failed: boolean;
  /** The answer has ended: `message` is final (with its final figures) until the saved one is read. */
  ended: boolean;
  /** The upstream is being called again after a transient failure (until something arrives). */
  retry: UpstreamRetry | null;
}

/**
 * Follows one running answer by id (GET /api/compare/answers/[id]/stream) and repaints at most
 * every PAINT_EVERY_MS. Calls `onEnded` once the answer has ended (or had already ended: 204),
 * so the saved answer can be read.
 */
export function useFollowedAnswer(answer: ChatUIMessage | null, onEnded: (answerId: string) => void): FollowedAnswer {
  const running = answer?.metadata?.status === "streaming";
  const id = running ? answer.id : null;
  const createdAt = answer?.metadata?.createdAt;
  const [state, setState] = useState<FollowedAnswer>({ message: null, clock: null, failed: false, ended: false, retry: null });
  const onEndedRef = useRef(onEnded);
  onEndedRef.current = onEnded;

  useEffect(() => {
    if (!id) {
      setState({ message: null, clock: null, failed: false, ended: false, retry: null });
      return;
    }
    const abort = new AbortController();
    const startedAt = createdAt ? Math.min(Date.parse(createdAt), Date.now()) : Date.now();
    let latest: ChatUIMessage | null = null;
    let firstTokenAt: number | undefined;
    let textStartedAt: number | undefined;
    let sawEmpty = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let ended = false;
    let retry: UpstreamRetry | null = null;
    const paint = () => {
      timer = null;
      if (abort.signal.aborted) return;
      const next = { message: latest, clock: { startedAt, firstTokenAt, textStartedAt, now: Date.now() }, failed: false, ended, retry };
      // A transition: React renders it in slices and yields to input and to the other panes, so
      // four panes repainting never make one long main-thread task.
      startTransition(() => setState(next));
    };
    const schedule = () => {
      timer ??= setTimeout(paint, PAINT_EVERY_MS);
    };
    // The clock keeps ticking between chunks (a long wait for the first token).
    const ticker = setInterval(schedule, 500);

    void (async () => {
      try {
        const response = await fetch(`/api/compare/answers/${id}/stream`, { signal: abort.signal, cache: "no-store" });
        if (response.status === 204 || !response.body) return;
        if (!response.ok) throw new Error(`follow failed: ${response.status}`);
        // A retry notice is transient (never a part of the message): picked off the chunks on the way.
        const noticed = chunksOf(response.body).pipeThrough(
          new TransformStream<Chunk, Chunk>({
            transform(chunk, controller) {
              if (chunk.type === "data-retry") {
                retry = chunk.data;
                schedule();
              }
              controller.enqueue(chunk);
            },
          }),
        );
        for await (const message of readUIMessageStream<ChatUIMessage>({ stream: noticed })) {
          const hasText = message.parts.some((part) => part.type === "text" && part.text.length > 0);
          const hasAny = hasText || message.parts.some((part) => part.type === "reasoning" && part.text.length > 0);
          if (hasAny) retry = null;
          // The first token's time is only known when this page saw the answer start empty.
          if (!hasAny) sawEmpty = true;
          if (hasAny && firstTokenAt === undefined && sawEmpty) firstTokenAt = Date.now();
          if (hasText && textStartedAt === undefined && sawEmpty) textStartedAt = Date.now();
          latest = message;
          schedule();
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        console.warn("could not follow the answer", error);
        setState((current) => ({ ...current, failed: true }));
      } finally {
        clearInterval(ticker);
        if (!abort.signal.aborted) {
          if (timer) clearTimeout(timer);
          ended = true;
          paint();
          onEndedRef.current(id);
        }
      }
    })();
    return () => {
      abort.abort();
      clearInterval(ticker);
      if (timer) clearTimeout(timer);
    };
  }, [id, createdAt]);

  return state;
}
