import "server-only";

/** A text or reasoning delta as the UI message stream carries it. */
export interface DeltaChunk {
  type: "text-delta" | "reasoning-delta";
  id: string;
  delta: string;
}

/**
 * Joins the deltas that arrive close together into one chunk, so each later stage (the stream
 * hub, every reader's queue, the SSE encoding, the socket) does its work once per batch rather
 * than once per upstream token. The first delta after a pause goes out at once, so the time to
 * first token is untouched; deltas that follow within `windowMs` of the last one sent wait for
 * the window to end. The browser repaints an answer at most every 40 ms anyway.
 *
 * Anything that is not a delta flushes what is waiting first, so the order is kept.
 */
export class DeltaBatcher<C extends { type: string }> {
  private pending: { type: DeltaChunk["type"]; id: string; pieces: string[] } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly emit: (chunk: C) => void,
    private readonly windowMs = BATCH_WINDOW_MS,
  ) {}

  delta(type: DeltaChunk["type"], id: string, text: string): void {
    if (this.pending && (this.pending.type !== type || this.pending.id !== id)) this.flush();
    if (this.pending) this.pending.pieces.push(text);
    else this.pending = { type, id, pieces: [text] };
    const sinceLast = performance.now() - this.lastSentAt;
    if (sinceLast >= this.windowMs) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.windowMs - sinceLast);
  }

  /** A chunk that is not a delta: sent right after whatever was waiting. */
  push(chunk: C): void {
    this.flush();
    this.emit(chunk);
  }

  /** Sends what is waiting now (before the stream ends, or before anything else is sent). */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.lastSentAt = performance.now();
    const delta = pending.pieces.length === 1 ? pending.pieces[0]! : pending.pieces.join("");
    this.emit({ type: pending.type, id: pending.id, delta } as unknown as C);
  }
}

/** 30 ms: below the 40 ms at which the browser repaints a streaming answer. */
export const BATCH_WINDOW_MS = 30;
