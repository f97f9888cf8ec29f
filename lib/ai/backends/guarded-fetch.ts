import type { UpstreamTimeouts } from "@/lib/ai/limits";
import { SseDeltaCoalescer } from "./sse-delta-coalescer";

/**
 * Why an upstream request was given up on. Its name is deliberately not "AbortError" or
 * "TimeoutError": the AI SDK treats those as a stop asked for by the caller.
 */
export class UpstreamTimeoutError extends Error {
  constructor(
    /** `idle`: no byte at all; `keep-alive`: only keep-alive comments, no data. */
    readonly kind: "idle" | "keep-alive",
    readonly limitMs: number,
    /** Whether any data event had arrived before (the answer had begun). */
    readonly afterData: boolean,
  ) {
    super(
      kind === "idle"
        ? `upstream sent nothing for ${limitMs} ms`
        : `upstream sent only keep-alives, no data, for ${limitMs} ms`,
    );
    this.name = "UpstreamTimeoutError";
  }
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for the provider SDKs that gives up on an upstream that has gone quiet. The SDKs
 * parse the event stream themselves, so the watch happens on the bytes:
 *
 * - any byte (a data event, a `: keep-alive` or `: OPENROUTER PROCESSING` comment, a blank line)
 *   is life: nothing for `idleMs`, from the request on, aborts it;
 * - only data counts as progress: comments and blank lines alone for `keepAliveLimitMs` (a request
 *   parked in a queue) abort it too. A data line is any line that is not blank and does not start
 *   with ":" (`data:`, `event:`, or the body of a plain JSON response).
 *
 * The request is aborted through its own AbortController (the caller's signal still aborts it as
 * before), and the response body then fails with an UpstreamTimeoutError, which
 * lib/ai/upstream-errors.ts turns into an "interrupted" answer that keeps what arrived.
 */
export function guardedFetch(timeouts: UpstreamTimeouts, base?: typeof fetch): typeof fetch {
  return async (input, init) => {
    const abort = new AbortController();
    const callerSignal = init?.signal ?? undefined;
    const onCallerAbort = () => abort.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });

    const watch = new Watch(timeouts, (error) => abort.abort(error));
    const release = () => {
      watch.stop();
      callerSignal?.removeEventListener("abort", onCallerAbort);
    };

    let response: Response;
    try {
      response = await (base ?? globalThis.fetch)(input, { ...init, signal: abort.signal });
    } catch (error) {
      release();
      throw watch.timedOut ?? error;
    }
    watch.byte(); // the status line and headers are bytes too
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) {
      release();
      return response;
    }

    const source = response.body.getReader();
    const lines = new LineWatch();
    // Answers stream as server-sent events: their text deltas are joined per read (see there).
    const coalescer = response.headers.get("content-type")?.includes("text/event-stream") ? new SseDeltaCoalescer() : undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // A timeout while the SDK waits for the next bytes fails the body at once.
        watch.onTimeout = (error) => controller.error(error);
      },
      async pull(controller) {
        try {
          // Reads until there is something to hand on: an event cut in two by the network waits
          // for its end (a pull that enqueues nothing would not be called again).
          for (;;) {
            const { done, value } = await source.read();
            if (done) {
              const rest = coalescer?.end();
              if (rest && rest.byteLength > 0) controller.enqueue(rest);
              release();
              controller.close();
              return;
            }
            watch.byte(lines.hasData(value));
            const bytes = coalescer ? coalescer.push(value) : value;
            if (bytes.byteLength > 0) {
              controller.enqueue(bytes);
              return;
            }
          }
        } catch (error) {
          // A broken connection, the caller's abort, or our own timeout (already reported).
          release();
          if (!watch.timedOut) controller.error(error);
        }
      },
      cancel(reason) {
        release();
        return source.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** Tells data lines from keep-alives across chunk boundaries (a line may arrive in pieces). */
class LineWatch {
  /** What the current line is, once its first character other than a space has arrived. */
  private kind: "unknown" | "comment" | "data" = "unknown";

  /** Whether these bytes hold any of a data line. */
  hasData(bytes: Uint8Array): boolean {
    let data = false;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === NEWLINE || byte === CARRIAGE_RETURN) {
        this.kind = "unknown";
      } else if (this.kind === "unknown" && byte !== SPACE && byte !== TAB) {
        this.kind = byte === COLON ? "comment" : "data";
      }
      if (this.kind === "data") data = true;
    }
    return data;
  }
}

/**
 * The two deadlines, with one timer: it is set for the nearer deadline and, when it fires early
 * (bytes came meanwhile), set again for what is left. Bytes only move timestamps.
 */
class Watch {
  timedOut: UpstreamTimeoutError | undefined;
  onTimeout: ((error: UpstreamTimeoutError) => void) | undefined;
  private lastByte = performance.now();
  private lastData = this.lastByte;
  private sawData = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly timeouts: UpstreamTimeouts,
    private readonly abort: (error: UpstreamTimeoutError) => void,
  ) {
    this.arm();
  }

  byte(data = false): void {
    this.lastByte = performance.now();
    if (data) {
      this.lastData = this.lastByte;
      this.sawData = true;
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    if (this.stopped) return;
    const now = performance.now();
    const idleLeft = this.lastByte + this.timeouts.idleMs - now;
    const keepAliveLeft = this.lastData + this.timeouts.keepAliveLimitMs - now;
    if (idleLeft <= 0 || keepAliveLeft <= 0) {
      this.fire(
        idleLeft <= 0
          ? new UpstreamTimeoutError("idle", this.timeouts.idleMs, this.sawData)
          : new UpstreamTimeoutError("keep-alive", this.timeouts.keepAliveLimitMs, this.sawData),
      );
      return;
    }
    this.timer = setTimeout(() => this.arm(), Math.min(idleLeft, keepAliveLeft));
    // A watch never keeps the process alive by itself.
    if (typeof this.timer === "object" && "unref" in this.timer) this.timer.unref();
  }

  private fire(error: UpstreamTimeoutError): void {
    this.timedOut = error;
    this.stop();
    this.onTimeout?.(error);
    this.abort(error);
  }
}
