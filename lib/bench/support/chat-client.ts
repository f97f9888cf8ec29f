// Streams one chat the way a browser would, either through the app (POST /api/chat, the AI SDK's
// UI message stream) or straight from the simulator (DeepSeek's wire protocol), and records when
// each piece of the answer arrived.
import { randomUUID } from "node:crypto";

export interface StreamTiming {
  ok: boolean;
  /** ms from sending the request to the first answer or reasoning token. */
  firstTokenMs: number;
  /** ms between consecutive token-carrying events. */
  gapsMs: number[];
  totalMs: number;
  error?: string;
}

export type Mode = "non-think" | "think-high" | "think-max";

/** Reads an SSE body and calls `onData` with each `data:` payload as it arrives. */
export async function readEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split("\n")) if (line.startsWith("data:")) onData(line.slice(5).trimStart());
    }
  }
}

async function timeStream(request: () => Promise<Response>, carriesToken: (data: string) => boolean): Promise<StreamTiming> {
  const started = performance.now();
  let first = Number.NaN;
  let last = Number.NaN;
  const gapsMs: number[] = [];
  try {
    const response = await request();
    if (!response.ok || !response.body) {
      return { ok: false, firstTokenMs: Number.NaN, gapsMs, totalMs: performance.now() - started, error: `${response.status} ${(await response.text()).slice(0, 200)}` };
    }
    await readEvents(response.body, (data) => {
      if (!carriesToken(data)) return;
      const now = performance.now();
      if (Number.isNaN(first)) first = now;
      else gapsMs.push(now - last);
      last = now;
    });
    return { ok: !Number.isNaN(first), firstTokenMs: first - started, gapsMs, totalMs: performance.now() - started };
  } catch (error) {
    return { ok: false, firstTokenMs: Number.NaN, gapsMs, totalMs: performance.now() - started, error: String(error) };
  }
}

// Browsers ask for compressed responses; so does the benchmark, so compression costs what it costs.
const BROWSER_HEADERS = { "content-type": "application/json", "accept-encoding": "gzip, deflate, br" };

/** A new conversation with one prompt, through the app. */
export function chatThroughApp(appUrl: string, { text, mode = "non-think" }: { text: string; mode?: Mode }): Promise<StreamTiming> {
  const body = JSON.stringify({
    trigger: "submit",
    conversationId: `bench-${randomUUID()}`,
    model: "flash",
    mode,
    parentId: null,
    message: { id: `m-${randomUUID()}`, text },
  });
  return timeStream(
    () => fetch(`${appUrl}/api/chat`, { method: "POST", headers: BROWSER_HEADERS, body }),
    (data) => data.includes('"type":"text-delta"') || data.includes('"type":"reasoning-delta"'),
  );
}

const MODE_OPTIONS: Record<Mode, Record<string, unknown>> = {
  "non-think": { thinking: { type: "disabled" } },
  "think-high": { thinking: { type: "enabled" }, reasoning_effort: "high" },
  "think-max": { thinking: { type: "enabled" }, reasoning_effort: "max" },
};

/** The same prompt straight to the simulator: the baseline the app's figures are compared with. */
export function chatDirect(simulatorUrl: string, { text, mode = "non-think" }: { text: string; mode?: Mode }): Promise<StreamTiming> {
  const body = JSON.stringify({
    model: "deepseek-flash",
    messages: [{ role: "user", content: text }],
    stream: true,
    stream_options: { include_usage: true },
    ...MODE_OPTIONS[mode],
  });
  return timeStream(
    () => fetch(`${simulatorUrl}/chat/completions`, { method: "POST", headers: { ...BROWSER_HEADERS, authorization: "Bearer sk-bench" }, body }),
    (data) => /"(content|reasoning_content)":"[^"]/.test(data),
  );
}

/** One turn through the app, read to its end; resolves with the answer's message id. */
export async function sendTurn(
  appUrl: string,
  { conversationId, parentId, text, mode = "non-think" }: { conversationId: string; parentId: string | null; text: string; mode?: Mode },
): Promise<string> {
  const response = await fetch(`${appUrl}/api/chat`, {
    method: "POST",
    headers: BROWSER_HEADERS,
    body: JSON.stringify({ trigger: "submit", conversationId, model: "flash", mode, parentId, message: { id: `m-${randomUUID()}`, text } }),
  });
  if (!response.ok || !response.body) throw new Error(`turn failed: ${response.status} ${await response.text()}`);
  let answerId: string | undefined;
  await readEvents(response.body, (data) => {
    if (answerId || !data.includes('"type":"start"')) return;
    answerId = (JSON.parse(data) as { messageId?: string }).messageId;
  });
  if (!answerId) throw new Error("the answer stream carried no message id");
  return answerId;
}
