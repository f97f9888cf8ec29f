import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectedPath } from "@/lib/chat/message-tree";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import { toMessage } from "@/lib/db/types";
import { planImport, runImport } from "./import";

/**
 * The shape of ChatGPT's conversations.json: a root node without a message, a hidden system
 * message, a prompt edited once (two branches), an answer that called a tool and went on, and an
 * image in a multimodal prompt. `current_node` is the leaf of the branch shown.
 */
const EXPORT = [
  {
    title: "Trip to Kyoto",
    create_time: 1_730_000_000.5,
    update_time: 1_730_000_900.1,
    conversation_id: "6721-aaaa",
    id: "6721-aaaa",
    current_node: "n-a2",
    mapping: {
      root: { id: "root", message: null, parent: null, children: ["sys"] },
      sys: {
        id: "sys",
        message: { id: "sys", author: { role: "system", name: null, metadata: {} }, create_time: null, content: { content_type: "text", parts: [""] }, status: "finished_successfully", metadata: { is_visually_hidden_from_conversation: true }, recipient: "all" },
        parent: "root",
        children: ["u1", "u1b"],
      },
      u1: {
        id: "u1",
        message: { id: "u1", author: { role: "user", name: null, metadata: {} }, create_time: 1_730_000_010, content: { content_type: "text", parts: ["Plan 3 days in Kyoto"] }, status: "finished_successfully", metadata: {}, recipient: "all" },
        parent: "sys",
        children: ["a1"],
      },
      a1: {
        id: "a1",
        message: { id: "a1", author: { role: "assistant", name: null, metadata: {} }, create_time: 1_730_000_020, content: { content_type: "text", parts: ["Day 1: Fushimi Inari."] }, status: "finished_successfully", metadata: { model_slug: "gpt-4o" }, recipient: "all" },
        parent: "u1",
        children: [],
      },
      u1b: {
        id: "u1b",
        message: {
          id: "u1b",
          author: { role: "user", name: null, metadata: {} },
          create_time: 1_730_000_100,
          content: { content_type: "multimodal_text", parts: [{ content_type: "image_asset_pointer", asset_pointer: "file-service://x" }, "Plan 4 days in Kyoto, see map"] },
          status: "finished_successfully",
          metadata: {},
          recipient: "all",
        },
        parent: "sys",
        children: ["n-call"],
      },
      "n-call": {
        id: "n-call",
        message: { id: "n-call", author: { role: "assistant", name: null, metadata: {} }, create_time: 1_730_000_110, content: { content_type: "code", language: "unknown", text: "search(\"kyoto weather\")" }, status: "finished_successfully", metadata: {}, recipient: "browser" },
        parent: "u1b",
        children: ["n-tool"],
      },
      "n-tool": {
        id: "n-tool",
        message: { id: "n-tool", author: { role: "tool", name: "browser", metadata: {} }, create_time: 1_730_000_111, content: { content_type: "tether_browsing_display", result: "sunny" }, status: "finished_successfully", metadata: {}, recipient: "all" },
        parent: "n-call",
        children: ["n-a1"],
      },
      "n-a1": {
        id: "n-a1",
        message: { id: "n-a1", author: { role: "assistant", name: null, metadata: {} }, create_time: 1_730_000_120, content: { content_type: "text", parts: ["It will be sunny."] }, status: "finished_successfully", metadata: {}, recipient: "all" },
        parent: "n-tool",
        children: ["n-a2"],
      },
      "n-a2": {
        id: "n-a2",
        message: { id: "n-a2", author: { role: "assistant", name: null, metadata: {} }, create_time: 1_730_000_121, content: { content_type: "text", parts: ["Day 1: Arashiyama."] }, status: "finished_successfully", metadata: {}, recipient: "all" },
        parent: "n-a1",
        children: [],
      },
    },
  },
  { title: "Empty", create_time: 1_730_000_000, update_time: 1_730_000_000, id: "empty", current_node: "r", mapping: { r: { id: "r", message: null, parent: null, children: [] } } },
];

let test: TestDatabase;
let db: Db;
beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  await db.user.create({ data: { id: "alice", name: "Alice" } });
});
afterAll(async () => test.cleanup());

describe("ChatGPT import", () => {
  it("maps the mapping tree: branches as versions, the path shown selected, tool calls folded into the answer", async () => {
    const summary = await runImport({ db, userId: "alice", plan: planImport(structuredClone(EXPORT)) });
    expect(summary).toMatchObject({ source: "chatgpt", conversationsAdded: 1, messagesAdded: 4 });

    const conversation = await db.conversation.findFirstOrThrow({ where: { userId: "alice" }, include: { messages: true } });
    expect(conversation).toMatchObject({ title: "Trip to Kyoto", titleSource: "user", sourceKey: "chatgpt:6721-aaaa" });
    expect(conversation.createdAt.toISOString()).toBe(new Date(1_730_000_000_500).toISOString());

    const messages = conversation.messages.map(toMessage);
    const prompts = messages.filter((message) => message.role === "user" && message.parentId === null).sort((a, b) => a.seq - b.seq);
    expect(prompts.map((prompt) => [prompt.seq, prompt.selected, prompt.content])).toEqual([
      [1, false, "Plan 3 days in Kyoto"],
      [2, true, "[image]\nPlan 4 days in Kyoto, see map"],
    ]);
    const path = selectedPath(messages).map((step) => [step.message.role, step.message.content]);
    expect(path).toEqual([
      ["user", "[image]\nPlan 4 days in Kyoto, see map"],
      ["assistant", "It will be sunny.\n\nDay 1: Arashiyama."],
    ]);
  });

  it("adds nothing when the same export is imported again", async () => {
    const again = await runImport({ db, userId: "alice", plan: planImport(structuredClone(EXPORT)) });
    expect(again).toMatchObject({ conversationsAdded: 0, conversationsSkipped: 1 });
    expect(await db.conversation.count({ where: { userId: "alice" } })).toBe(1);
  });

  it("refuses a malformed export with where it went wrong", () => {
    expect(() => planImport([{ title: "x", mapping: { a: { children: "nope" } } }])).toThrow(/ChatGPT export cannot be read: .*mapping\.a\.children/);
  });
});
