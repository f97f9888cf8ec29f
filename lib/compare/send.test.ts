// A comparison turn end to end: a migrated temp SQLite database and the offline simulator over
// HTTP through the real DeepSeek provider. Checked: the panes run at the same time, each claims
// only its own lane, and each request carries its pane's model, mode and history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "@/lib/ai/backends/types";
import type { Db } from "@/lib/db/client";
import { activeAnswers, claimConversation } from "@/lib/chat/registry";
import { readAll, simulatorBackend, startTestSimulator, uniqueTag, addFault, loggedRequests } from "@/lib/chat/test-helpers";
import { getComparison } from "@/lib/db/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import type { RunningSimulator } from "@/lib/simulator/server";
import { startComparisonSchema } from "./contract";
import { retryPane, startComparisonTurn } from "./send";
import { comparisonTurns } from "./thread";

let t: TestDatabase;
let sim: RunningSimulator;
let backend: Backend;
beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), startTestSimulator()]);
  backend = simulatorBackend(sim);
});
afterAll(async () => {
  await Promise.all([t.cleanup(), sim.close()]);
});

let users = 0;
async function makeUser(): Promise<string> {
  const id = `cmp-send-${++users}`;
  await t.db.user.create({ data: { id, name: id } });
  return id;
}

/** The database, counting the reads that return documents' text. */
function countingTextReads(db: Db): { db: Db; reads: () => number } {
  let reads = 0;
  const documents = new Proxy(db.document, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      return (args?: { select?: { text?: boolean } }) => {
        // Without a select every column comes back, the text too.
        if (!args?.select || args.select.text) reads++;
        return (value as (args: unknown) => unknown).call(target, args);
      };
    },
  });
  const counted = new Proxy(db, {
    get(target, key) {
      if (key === "document") return documents;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: counted, reads: () => reads };
}

function request(conversationId: string, parentId: string | null, text: string) {
  return startComparisonSchema.parse({
    conversationId,
    parentId,
    message: { id: uniqueTag("m"), text },
    panes: [
      { model: "flash", mode: "non-think" },
      { model: "pro", mode: "think-max" },
    ],
  });
}

describe("startComparisonTurn", () => {
  it("runs every pane at once, one claim per pane, and a pane's claim refuses only that pane", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("cmp");
    const tag = uniqueTag("slow");
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 200 });
    const before = activeAnswers();
    const started = await startComparisonTurn({ db: t.db, userId, backend, request: request(conversationId, null, `Explain queues ${tag}`) });
    expect(started.generations).toHaveLength(2);
    expect(activeAnswers()).toBe(before + 2);
    // Both panes hold a claim: the same lane is refused, a normal chat claim on the conversation is not.
    expect(() => claimConversation({ userId, conversationId, lane: 1 })).toThrow(/still writing/);
    const chatClaim = claimConversation({ userId, conversationId });
    chatClaim.release();
    await Promise.all(started.generations.map((generation) => readAll(generation.stream())));
    const settled = await Promise.all(started.generations.map((generation) => generation.done));
    expect(settled.map((answer) => answer.status)).toEqual(["complete", "complete"]);
    expect(activeAnswers()).toBe(before);

    const bodies = (await loggedRequests(sim, tag)).filter((body) => body.stream === true);
    expect(bodies.map((body) => `${body.model}:${body.thinking?.type}:${body.reasoning_effort ?? "-"}`).sort()).toEqual([
      "deepseek-flash:disabled:-",
      "deepseek-v4-pro:enabled:max",
    ]);
  });

  it("sends each pane's follow-up with its own answers only, and retries one pane alone", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("cmp");
    const first = await startComparisonTurn({ db: t.db, userId, backend, request: request(conversationId, null, "What is a heap?") });
    const firstAnswers = await Promise.all(first.generations.map((generation) => generation.done));
    const tag = uniqueTag("follow");
    const second = await startComparisonTurn({ db: t.db, userId, backend, request: request(conversationId, first.promptId, `And a stack? ${tag}`) });
    await Promise.all(second.generations.map((generation) => generation.done));
    const bodies = (await loggedRequests(sim, tag)).filter((body) => body.stream === true);
    for (const [lane, model] of [
      [0, "deepseek-flash"],
      [1, "deepseek-v4-pro"],
    ] as const) {
      const body = bodies.find((item) => item.model === model);
      expect(body?.messages?.map((message) => [message.role, message.content])).toEqual([
        ["user", "What is a heap?"],
        ["assistant", firstAnswers[lane]?.text],
        ["user", `And a stack? ${tag}`],
      ]);
    }

    const retried = await retryPane({ db: t.db, userId, backend, conversationId, promptId: second.promptId, lane: 1 });
    await retried.done;
    const stored = await getComparison({ db: t.db, userId, id: conversationId });
    const turns = comparisonTurns(stored?.messages ?? [], 2);
    expect(turns[1]?.answers[0]?.version).toEqual({ index: 1, count: 1 });
    expect(turns[1]?.answers[1]?.version).toEqual({ index: 2, count: 2 });
    expect(turns[1]?.answers[1]?.message.id).toBe(retried.messageId);
  });

  it("reads a prompt's documents once for all its panes, and every pane's request carries them whole", async () => {
    const userId = await makeUser();
    const tag = uniqueTag("docs");
    const text = `# Plan ${tag}\n\nShip the export on Tuesday.`;
    await t.db.attachment.create({ data: { id: `att-${tag}`, userId, name: `${tag}.md`, mediaType: "text/markdown", size: text.length, sha256: tag.padEnd(64, "0"), storageKey: `k/${tag}` } });
    await t.db.document.create({ data: { id: `doc-${tag}`, userId, attachmentId: `att-${tag}`, sha256: tag.padEnd(64, "0"), kind: "markdown", text, chars: text.length, tokens: 12, encoding: "utf-8" } });
    const counting = countingTextReads(t.db);
    const panes = [
      { model: "flash", mode: "non-think" },
      { model: "pro", mode: "think-max" },
      { model: "flash", mode: "think-high" },
    ];
    const started = await startComparisonTurn({
      db: counting.db,
      userId,
      backend,
      request: startComparisonSchema.parse({ conversationId: uniqueTag("cmp"), parentId: null, message: { id: uniqueTag("m"), text: `Summarise it ${tag}`, documentIds: [`doc-${tag}`] }, panes }),
    });
    await Promise.all(started.generations.map((generation) => generation.done));

    expect(counting.reads()).toBe(1);
    const bodies = (await loggedRequests(sim, tag)).filter((body) => body.stream === true);
    expect(bodies.map((body) => body.model).sort()).toEqual(["deepseek-flash", "deepseek-flash", "deepseek-v4-pro"]);
    for (const body of bodies) {
      expect(body.messages?.map((message) => [message.role, message.content])).toEqual([["user", `<document name="${tag}.md">\n${text}\n</document>\n\nSummarise it ${tag}`]]);
    }
  });
});
