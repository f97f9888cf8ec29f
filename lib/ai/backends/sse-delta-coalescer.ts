// Joins the text deltas of an OpenAI-style chat completion stream (DeepSeek's, OpenRouter's,
// vLLM's, SGLang's) that arrive in the same network read into one event, before the provider SDK
// parses them. Each event costs the SDK a line parser pass, a JSON parse, a schema validation and
// two stream stages; a busy server reads several events at once (and DeepSeek, like the
// simulator, often sends several tokens in one write), so joining them is where the parsing cost
// falls fastest exactly when the server is loaded. Nothing waits: what a read holds goes on at
// once, only complete events are joined, never across reads, and anything that is not a plain
// text delta (the role, the finish reason, usage, tool calls, logprobs, comments, [DONE]) passes
// through unchanged and in order.

type DeltaField = "content" | "reasoning_content";

interface ChunkShape {
  id?: unknown;
  model?: unknown;
  usage?: unknown;
  choices?: Array<{ index?: unknown; finish_reason?: unknown; logprobs?: unknown; delta?: Record<string, unknown> }>;
}

const ALLOWED_DELTA_KEYS = new Set(["role", "content", "reasoning_content"]);

/** Which text a chunk carries, when it carries nothing but one piece of text. */
function deltaField(chunk: ChunkShape): DeltaField | undefined {
  if (chunk.usage != null || !Array.isArray(chunk.choices) || chunk.choices.length !== 1) return undefined;
  const [choice] = chunk.choices;
  if (!choice || choice.finish_reason != null || choice.logprobs != null || typeof choice.delta !== "object" || choice.delta === null) return undefined;
  const delta = choice.delta;
  for (const key of Object.keys(delta)) if (!ALLOWED_DELTA_KEYS.has(key)) return undefined;
  const content = typeof delta.content === "string" && delta.content.length > 0;
  const reasoning = typeof delta.reasoning_content === "string" && delta.reasoning_content.length > 0;
  if (content === reasoning) return undefined; // neither, or both
  if (content && delta.reasoning_content != null && delta.reasoning_content !== "") return undefined;
  if (reasoning && delta.content != null && delta.content !== "") return undefined;
  return content ? "content" : "reasoning_content";
}

interface Pending {
  chunk: ChunkShape;
  field: DeltaField;
  pieces: string[];
  /** The event as it came, sent unchanged when nothing joined it. */
  raw: string;
}

export class SseDeltaCoalescer {
  private readonly decoder = new TextDecoder();
  private readonly encoder = new TextEncoder();
  private buffer = "";
  /** A stream with carriage returns is passed through untouched (its event ends differ). */
  private passThrough = false;

  /** The bytes of one read; returns what to hand on now (complete events, joined where possible). */
  push(bytes: Uint8Array): Uint8Array {
    if (this.passThrough) return bytes;
    const text = this.decoder.decode(bytes, { stream: true });
    if (text.includes("\r")) {
      this.passThrough = true;
      const held = this.buffer + text;
      this.buffer = "";
      return this.encoder.encode(held);
    }
    this.buffer += text;
    const end = this.buffer.lastIndexOf("\n\n");
    if (end === -1) return EMPTY;
    const complete = this.buffer.slice(0, end + 2);
    this.buffer = this.buffer.slice(end + 2);
    return this.encoder.encode(this.join(complete));
  }

  /** Whatever is left when the stream ends (an unfinished last event), unchanged. */
  end(): Uint8Array {
    const rest = this.buffer + this.decoder.decode();
    this.buffer = "";
    return rest ? this.encoder.encode(rest) : EMPTY;
  }

  private join(complete: string): string {
    const events = complete.split("\n\n");
    events.pop(); // the empty string after the last separator
    let out = "";
    let pending: Pending | undefined;
    const flush = () => {
      if (!pending) return;
      if (pending.pieces.length === 1) out += `${pending.raw}\n\n`;
      else {
        pending.chunk.choices![0]!.delta![pending.field] = pending.pieces.join("");
        out += `data: ${JSON.stringify(pending.chunk)}\n\n`;
      }
      pending = undefined;
    };
    for (const event of events) {
      const parsed = parseDataEvent(event);
      const field = parsed && deltaField(parsed);
      if (!parsed || !field) {
        flush();
        out += `${event}\n\n`;
        continue;
      }
      const text = parsed.choices![0]!.delta![field] as string;
      if (pending && joins(pending, parsed, field)) {
        pending.pieces.push(text);
        continue;
      }
      flush();
      pending = { chunk: parsed, field, pieces: [text], raw: event };
    }
    flush();
    return out;
  }
}

const EMPTY = new Uint8Array(0);

/** A single-line `data: {…}` event, parsed; anything else (comments, [DONE], several lines) is left alone. */
function parseDataEvent(event: string): ChunkShape | undefined {
  if (!event.startsWith("data:") || event.includes("\n")) return undefined;
  const payload = event.slice(5).trimStart();
  if (!payload.startsWith("{")) return undefined;
  try {
    return JSON.parse(payload) as ChunkShape;
  } catch {
    return undefined;
  }
}

/** Same response, same choice, same kind of text, and no new role: the two are one delta. */
function joins(pending: Pending, next: ChunkShape, field: DeltaField): boolean {
  if (pending.field !== field || pending.chunk.id !== next.id || pending.chunk.model !== next.model) return false;
  const [a] = pending.chunk.choices!;
  const [b] = next.choices!;
  if (a!.index !== b!.index) return false;
  const role = b!.delta!.role;
  return role === undefined || role === null || role === a!.delta!.role;
}
