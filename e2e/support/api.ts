// Drives the API the way the app does, for tests that need data to attack or to check.
import { expect, type APIRequestContext } from "@playwright/test";
import type { ChatUIMessage } from "../../lib/contract";
import { uniqueTag } from "./simulator";

/** Sends a prompt in a new conversation (or after `parentId`) and reads the streamed answer to its end. */
export async function sendPrompt(
  request: APIRequestContext,
  { conversationId, text, parentId = null }: { conversationId: string; text: string; parentId?: string | null },
): Promise<void> {
  const response = await request.post("/api/chat", {
    data: { trigger: "submit", conversationId, model: "flash", mode: "non-think", parentId, message: { id: `m${uniqueTag()}`, text } },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Asks for another answer to the prompt `parentId`, read to its end. */
export async function regenerate(request: APIRequestContext, { conversationId, parentId }: { conversationId: string; parentId: string }): Promise<void> {
  const response = await request.post("/api/chat", { data: { trigger: "regenerate", conversationId, model: "flash", mode: "non-think", parentId } });
  expect(response.status(), await response.text()).toBe(200);
}

/** The conversation's selected path, or null when it does not exist. */
export async function pathOf(request: APIRequestContext, conversationId: string): Promise<ChatUIMessage[] | null> {
  const response = await request.get(`/api/conversations/${conversationId}/messages`);
  if (response.status() === 404) return null;
  expect(response.status()).toBe(200);
  return ((await response.json()) as { messages: ChatUIMessage[] }).messages;
}

export async function conversationIds(request: APIRequestContext): Promise<string[]> {
  const response = await request.get("/api/conversations");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { conversations: Array<{ id: string }> }).conversations.map((conversation) => conversation.id);
}
