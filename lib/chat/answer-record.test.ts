// One answer, one record: what a user sees under an answer while it streams must be what they
// see after a reload. Each case runs a real turn (sendChatMessage on a migrated temp database,
// the offline simulator over HTTP), reads the live stream as the browser does (the AI SDK's own
// readUIMessageStream merges the `message-metadata` chunk over the `start` chunk's metadata),
// then reads the row back from the database.
import { readUIMessageStream } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Backend } from "@/lib/ai/backends/types";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { ChatMessageMetadata, ChatUIMessage } from "@/lib/contract";
import { listMessages } from "@/lib/db/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import type { Fault } from "@/lib/simulator/faults";
import type { RunningSimulator } from "@/lib/simulator/server";
import { DEEPSEEK_PRICE_HISTORY, type PricePeriod } from "@/lib/usage/prices";
import { answerMetadata } from "./answer-record";
import type { Generation } from "./generation";
import { toUIPath } from "./history";
import { sendChatMessage } from "./send";
import { addFault, simulatorBackend, startTestSimulator, uniqueTag } from "./test-helpers";

let t: TestDatabase;
let sim: RunningSimulator;
let backend: Backend;

beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), startTestSimulator()]);
  backend = simulatorBackend(sim);
  await t.db.user.create({ data: { id: "owner", name: "Owner" } });
});
afterAll(async () => {
  await Promise.all([t.cleanup(), sim.close()]);
});
beforeEach(() => {
  // Failed answers are logged on purpose; keep the output quiet.
  vi.spyOn(console, "warn").mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

const lastPeriod = DEEPSEEK_PRICE_HISTORY.at(-1) as PricePeriod;
/** Today's prices with peak hours that never apply: every answer is priced off-peak. */
const ALWAYS_OFF_PEAK: PricePeriod[] = [
  { from: "2020-01-01T00:00:00Z", prices: lastPeriod.prices, peak: { offPeakFactor: 0.5, hoursUtc: [], weekdays: [] } },
];

/** The last state of the answer as the browser's chat builds it from the stream. */
async function liveMessage(generation: Generation, onUpdate?: (message: ChatUIMessage) => void): Promise<ChatUIMessage> {
  let last: ChatUIMessage | undefined;
  for await (const message of readUIMessageStream<ChatUIMessage>({ stream: generation.stream() })) {
    last = message;
    onUpdate?.(message);
  }
  if (!last) throw new Error("the stream produced no message");
  return last;
}

const textOf = (message: ChatUIMessage | undefined) =>
  (message?.parts ?? []).map((part) => (part.type === "text" ? part.text : "")).join("");

interface Case {
  name: string;
  mode?: ReasoningMode;
  fault?: Fault;
  /** The fault answers every call (the default is the first call only). */
  faultEveryTime?: boolean;
  backend?: () => Backend;
  /** Stop the answer once some text has arrived. */
  stop?: boolean;
  expected: (meta: ChatMessageMetadata) => void;
}

const cases: Case[] = [
  {
    name: "complete (with the model version the upstream reported)",
    mode: "think-high",
    expected: (meta) => {
      expect(meta).toMatchObject({ status: "complete", finishReason: "stop", modelVersion: "deepseek-flash" });
      expect(meta.usage?.reasoningTokens).toBeGreaterThan(0);
      expect(meta.costUsd).toBeGreaterThan(0);
      expect(meta.reasoningMs).toBeGreaterThanOrEqual(0);
      expect(meta.error).toBeUndefined();
    },
  },
  {
    name: "stopped",
    fault: { kind: "slow", tokensPerSecond: 150 },
    stop: true,
    expected: (meta) => {
      expect(meta.status).toBe("stopped");
      expect(meta.error).toBeUndefined();
    },
  },
  {
    name: "error, with its hint and a retry time from retry-after",
    fault: { kind: "status", status: 429 },
    // A single 429 is tried again by itself; the error stays when every attempt is refused.
    faultEveryTime: true,
    expected: (meta) => {
      expect(meta.status).toBe("error");
      const error = meta.error;
      if (!error) throw new Error("no error in the metadata");
      expect(error).toMatchObject({ code: "rate_limit:model", retryable: true, hint: expect.stringMatching(/retry/i) });
      expect(error.message).not.toContain(error.hint);
      // retry-after: 1 from the simulator, counted from when the answer ended.
      const retryAt = Date.parse(error.retryAt ?? "");
      expect(retryAt).toBeGreaterThan(Date.parse(meta.createdAt ?? ""));
      expect(retryAt).toBeLessThanOrEqual(Date.now() + 1000);
      expect(meta.usage).toBeUndefined();
    },
  },
  {
    name: "interrupted (the connection broke mid-answer)",
    fault: { kind: "cut", afterContentChars: 40 },
    expected: (meta) => {
      expect(meta.status).toBe("interrupted");
      expect(meta.error).toMatchObject({ code: "interrupted:model", retryable: true });
      expect(meta.error?.hint).toBeTruthy();
    },
  },
  {
    name: "content_filter",
    fault: { kind: "finish", reason: "content_filter", afterTokens: 20 },
    expected: (meta) => {
      expect(meta).toMatchObject({ status: "complete", finishReason: "content_filter" });
      expect(meta.usage?.outputTokens).toBe(20);
    },
  },
  {
    name: "Think Max that fell back to Think High, with the notice",
    mode: "think-max",
    backend: () => ({ ...simulatorBackend(sim), contextWindow: 262_144 }),
    expected: (meta) => {
      expect(meta).toMatchObject({ status: "complete", mode: "think-max", effectiveMode: "think-high" });
      expect(meta.modeNotice).toMatch(/Think Max needs at least 384K.*256K.*Think High/);
    },
  },
  {
    name: "priced off-peak",
    backend: () => simulatorBackend(sim, { priceHistory: ALWAYS_OFF_PEAK }),
    expected: (meta) => {
      expect(meta).toMatchObject({ status: "complete", priceTier: "off-peak" });
      expect(meta.costUsd).toBeGreaterThan(0);
    },
  },
];

describe("the answer record round-trips: live metadata equals reloaded metadata", () => {
  it.each(cases)("$name", async (c) => {
    const caseBackend = c.backend?.() ?? backend;
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("case");
    const send = (parentId: string | null, id: string, text: string, mode: ReasoningMode) =>
      sendChatMessage({
        db: t.db,
        userId: "owner",
        backend: caseBackend,
        request: { trigger: "submit", conversationId, model: "flash", mode, parentId, message: { id, text } },
      });

    // A first turn, so the case's answer is not the one that makes the title, and has a path before it.
    const first = await send(null, uniqueTag("p1"), `Hello there ${conversationId}`, "non-think");
    await first.done;

    if (c.fault) await addFault(sim, tag, c.fault, c.faultEveryTime ? undefined : 1);
    const promptId = uniqueTag("p2");
    const generation = await send(first.messageId, promptId, `${tag} tell me about lighthouses`, c.mode ?? "non-think");
    let stopped = false;
    const live = await liveMessage(generation, (message) => {
      if (c.stop && !stopped && textOf(message).length > 0) {
        stopped = true;
        generation.stop();
      }
    });
    const settled = await generation.done;
    if (c.stop) expect(stopped).toBe(true);

    const rows = await listMessages({ db: t.db, userId: "owner", conversationId });
    const row = rows.find((message) => message.id === generation.messageId);
    if (!row) throw new Error("the answer's row is missing");
    const reloaded = toUIPath(rows).find((message) => message.id === generation.messageId);

    const version = { index: 1, count: 1 };
    expect(live.metadata).toEqual({ ...answerMetadata(row), version, parentId: promptId });
    expect(reloaded?.metadata).toEqual(live.metadata);
    expect(reloaded?.parts.map((part) => part.type)).toEqual(live.parts.filter((part) => part.type !== "step-start").map((part) => part.type));
    expect(textOf(reloaded)).toBe(textOf(live));
    expect(row.content).toBe(settled.text);
    expect(row.status).toBe(settled.status);
    if (!live.metadata) throw new Error("no live metadata");
    c.expected(live.metadata);
  });
});
