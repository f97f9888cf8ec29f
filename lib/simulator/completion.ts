// POST /chat/completions: authenticate, validate, apply faults, account for
// the prompt cache, then answer as an SSE stream or one JSON object.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { writeAnswer } from "./answer-writer";
import { checkImages, describeImages } from "./images";
import type { AttemptCounter } from "./attempts";
import { planFaults, type FaultPlan, type FaultRegistry } from "./faults";
import { loggableHeaders, sendJson, writeAndFlush } from "./http-io";
import { KEEP_ALIVE_INTERVAL_MS, PACE_PROFILES, paceTokens, sleep, waitWithTicks } from "./pacing";
import type { PrefixCache } from "./prefix-cache";
import {
  buildChunk,
  buildCompletion,
  buildUsage,
  chatRequestSchema,
  contextLengthMessage,
  describeIssue,
  errorBody,
  findModel,
  lastUserText,
  mapEffort,
  maskKey,
  MAX_CONTEXT_TOKENS,
  type ChatRequest,
  type CompletionMeta,
  type Delta,
  type FinishReason,
  type Usage,
} from "./protocol";
import type { RequestLog } from "./test-controls";
import { promptTokens, splitTokens } from "./tokens";

export interface SimState {
  cache: PrefixCache;
  attempts: AttemptCounter;
  faults: FaultRegistry;
  /** Present only when test controls are on. */
  requests: RequestLog | undefined;
  speed: number;
  log: (line: string) => void;
}

const KEEP_ALIVE = ": keep-alive\n\n";

/** Keys whose value starts with this are refused, so key checks can be tested. */
export const INVALID_KEY_PREFIX = "sk-invalid";

/** Returns an error message when the Authorization header is not acceptable. */
export function checkAuth(header: string | undefined): string | undefined {
  if (header !== undefined && header.trim() !== "" && !/^Bearer(\s|$)/i.test(header.trim())) {
    return "Authentication Fails (auth header format should be Bearer sk-...)";
  }
  const key = (header ?? "").replace(/^Bearer/i, "").trim();
  if (key === "" || key.startsWith(INVALID_KEY_PREFIX)) {
    return `Authentication Fails, Your api key: ${maskKey(key)} is invalid`;
  }
  return undefined;
}

export function maskAuthorization(value: string): string {
  const key = value.replace(/^Bearer/i, "").trim();
  return /^Bearer/i.test(value) ? `Bearer ${maskKey(key)}` : maskKey(value);
}

interface Piece {
  kind: "reasoning" | "content";
  text: string;
}

interface Plan {
  request: ChatRequest;
  meta: CompletionMeta;
  thinking: boolean;
  pieces: Piece[];
  finishReason: FinishReason;
  usage: Usage;
  firstTokenMs: number;
  tokensPerSecond: number;
  /** Pacing speed; 1 when a fault dictates absolute timing. */
  speed: number;
  faults: FaultPlan;
}

export async function handleChatCompletion(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  rawBody: string,
): Promise<void> {
  let json: unknown;
  let jsonError: string | undefined;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    jsonError = error instanceof Error ? error.message : String(error);
    json = rawBody;
  }
  state.requests?.add({
    receivedAt: new Date().toISOString(),
    path,
    headers: loggableHeaders(req, maskAuthorization),
    body: json,
  });

  const fail = (status: number, message: string, type?: string): void => {
    state.log(`${path} -> ${status} ${message}`);
    sendJson(res, status, errorBody(message, type));
  };

  const authError = checkAuth(req.headers.authorization);
  if (authError) return fail(401, authError, "authentication_error");
  if (jsonError !== undefined) return fail(400, `Failed to parse the request body as JSON: ${jsonError}`);

  const parsed = chatRequestSchema.safeParse(json);
  if (!parsed.success) return fail(400, describeIssue(parsed.error));
  const request = parsed.data;

  const spec = findModel(request.model);
  if (!spec) return fail(400, "Model Not Exist");

  const thinking = request.thinking ? request.thinking.type === "enabled" : spec.thinkingByDefault;
  const effort = mapEffort(request.reasoning_effort);

  // After a tool-call turn, thinking mode needs that turn's reasoning back.
  if (thinking && request.messages.some((m) => m.role === "assistant" && (m.tool_calls?.length ?? 0) > 0 && m.reasoning_content == null)) {
    return fail(400, "The reasoning_content in the thinking mode must be passed back to the API.");
  }

  const images = checkImages(request.messages, request.model, spec.base === "flash");
  if (!images.ok) return fail(400, images.message);
  const prompt = promptTokens(request.messages, thinking, images.images);
  const faults = planFaults(state.faults.take(lastUserText(request), request.model), prompt.length);
  if (faults.status) {
    const { status, body, headers } = faults.status;
    state.log(`${path} -> ${status} (fault) ${body.error.message}`);
    return sendJson(res, status, body, headers);
  }
  if (prompt.length > MAX_CONTEXT_TOKENS) {
    return fail(400, contextLengthMessage(prompt.length, request.max_tokens ?? 0));
  }

  const cacheHitTokens = state.cache.lookupAndRemember(spec.base, prompt);
  // A scripted answer (test fault) replaces the generated one; reasoning only exists while thinking.
  const written = faults.script
    ? { reasoning: thinking ? faults.script.reasoning : "", content: faults.script.content }
    : writeAnswer({
        base: spec.base,
        thinking,
        effort,
        messages: request.messages,
        attempt: state.attempts.next(`${spec.base}\u0000${thinking ? effort : "chat"}\u0000${JSON.stringify(request.messages)}`),
      });
  // A prompt with images is answered by first saying what arrived: their count, formats and sizes.
  const lastImages = images.images.findLast((_, index) => request.messages[index]?.role === "user") ?? [];
  const answer = lastImages.length > 0 && !faults.script ? { ...written, content: `${describeImages(lastImages)}\n\n${written.content}` } : written;

  // Reasoning spends the token budget first, so a tight max_tokens can end
  // the answer before any content.
  const budget = Math.min(
    request.max_tokens ?? Number.POSITIVE_INFINITY,
    faults.maxTokens ?? Number.POSITIVE_INFINITY,
    faults.finish?.afterTokens ?? Number.POSITIVE_INFINITY,
  );
  const reasoningTokens = splitTokens(answer.reasoning);
  const contentTokens = splitTokens(answer.content);
  const keptReasoning = reasoningTokens.slice(0, budget);
  const keptContent = contentTokens.slice(0, Math.max(0, budget - keptReasoning.length));
  const truncated = keptReasoning.length + keptContent.length < reasoningTokens.length + contentTokens.length;

  const profile = PACE_PROFILES[spec.base];
  const plan: Plan = {
    request,
    meta: {
      id: randomUUID(),
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      systemFingerprint: spec.base === "pro" ? "fp_9c3e1f0a7b_prod0424fp8" : "fp_5b2d8e4c1a_prod0424fp8",
    },
    thinking,
    pieces: [
      ...keptReasoning.map((text): Piece => ({ kind: "reasoning", text })),
      ...keptContent.map((text): Piece => ({ kind: "content", text })),
    ],
    finishReason: faults.finish?.reason ?? (truncated ? "length" : "stop"),
    usage: buildUsage({
      promptTokens: prompt.length,
      cacheHitTokens,
      reasoningTokens: keptReasoning.length,
      contentTokens: keptContent.length,
    }),
    firstTokenMs: profile.firstTokenMs,
    tokensPerSecond: faults.tokensPerSecond ?? profile.tokensPerSecond,
    speed: faults.tokensPerSecond !== undefined ? 1 : state.speed,
    faults,
  };
  state.log(
    `${path} model=${request.model} thinking=${thinking ? effort : "off"} stream=${request.stream === true} ` +
      `prompt=${prompt.length} hit=${cacheHitTokens} out=${plan.pieces.length} finish=${plan.finishReason}`,
  );

  // A client that goes away stops the generation.
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  if (request.stream === true) await streamAnswer(plan, res, abort.signal, state.speed);
  else await sendWholeAnswer(plan, res, abort.signal, state.speed);
}

/** Resets the connection abruptly, as a dropped upstream would. */
function cutConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else res.destroy();
}

function sse(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

async function streamAnswer(plan: Plan, res: ServerResponse, signal: AbortSignal, speed: number): Promise<void> {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.flushHeaders();
  const keepAlive = (): void => {
    if (!res.destroyed) res.write(KEEP_ALIVE);
  };

  // Waiting for the first token: keep-alive comments, like a queued request.
  const queued = plan.faults.keepAlive;
  if (queued) {
    for (let i = 0; i < queued.count && !signal.aborted; i++) {
      keepAlive();
      await sleep(queued.intervalMs, signal);
    }
  } else {
    await waitWithTicks(plan.firstTokenMs / speed, KEEP_ALIVE_INTERVAL_MS / speed, keepAlive, signal);
  }
  if (signal.aborted) return;

  const usageField = plan.request.stream_options?.include_usage === true ? null : undefined;
  const chunk = (delta: Delta, finish: FinishReason | null = null, usage: Usage | null | undefined = usageField) =>
    sse(buildChunk(plan.meta, delta, finish, usage));

  const first: Delta = plan.thinking
    ? { role: "assistant", content: null, reasoning_content: "" }
    : { role: "assistant", content: "" };
  await writeAndFlush(res, chunk(first));

  const cutAfter = plan.faults.cutAfterContentChars;
  let contentSent = 0;
  let cut = false;
  await paceTokens({
    count: plan.pieces.length,
    tokensPerSecond: plan.tokensPerSecond,
    speed: plan.speed,
    signal,
    emit: async (from, to) => {
      let burst = "";
      for (const piece of plan.pieces.slice(from, to)) {
        if (piece.kind === "content" && cutAfter !== undefined && contentSent >= cutAfter) {
          cut = true;
          break;
        }
        if (piece.kind === "reasoning") burst += chunk({ content: null, reasoning_content: piece.text });
        else {
          burst += chunk(plan.thinking ? { content: piece.text, reasoning_content: null } : { content: piece.text });
          contentSent += piece.text.length;
        }
      }
      if (burst) await writeAndFlush(res, burst);
      return !cut && !signal.aborted;
    },
  });
  if (signal.aborted) return;
  // A cut fault always breaks the stream, even when the answer was shorter.
  if (cut || cutAfter !== undefined) return cutConnection(res);

  const last: Delta = plan.thinking ? { content: "", reasoning_content: null } : { content: "" };
  await writeAndFlush(res, chunk(last, plan.finishReason, plan.usage));
  res.end("data: [DONE]\n\n");
}

async function sendWholeAnswer(plan: Plan, res: ServerResponse, signal: AbortSignal, speed: number): Promise<void> {
  // A non-streaming request waits for the whole generation; the real service
  // sends blank lines meanwhile, which JSON parsers skip as whitespace.
  let started = false;
  const blankLine = (): void => {
    if (res.destroyed) return;
    if (!started) {
      res.writeHead(200, { "content-type": "application/json" });
      started = true;
    }
    res.write("\n");
  };
  const queued = plan.faults.keepAlive;
  if (queued) {
    for (let i = 0; i < queued.count && !signal.aborted; i++) {
      blankLine();
      await sleep(queued.intervalMs, signal);
    }
  }
  const generationMs =
    (plan.firstTokenMs / speed) * (queued ? 0 : 1) + (plan.pieces.length * 1000) / (plan.tokensPerSecond * plan.speed);
  await waitWithTicks(generationMs, KEEP_ALIVE_INTERVAL_MS / speed, blankLine, signal, false);
  if (signal.aborted) return;
  if (plan.faults.cutAfterContentChars !== undefined) return cutConnection(res);

  const join = (kind: Piece["kind"]): string =>
    plan.pieces
      .filter((p) => p.kind === kind)
      .map((p) => p.text)
      .join("");
  const body = buildCompletion(
    plan.meta,
    { content: join("content"), reasoning: plan.thinking ? join("reasoning") : undefined },
    plan.finishReason,
    plan.usage,
  );
  if (started) res.end(JSON.stringify(body));
  else sendJson(res, 200, body);
}
