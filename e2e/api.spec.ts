import { expect, test } from "@playwright/test";
import { SIMULATOR_PORT } from "../playwright.config";
import { receivedRequests, uniqueTag } from "./support/simulator";

/** Bad input gets a clear error, loses nothing, and never reaches the model. */
test.describe("the API refuses bad input clearly", () => {
  test("malformed chat requests answer 400 with what is wrong", async ({ request }) => {
    const tag = uniqueTag();
    const cases: Array<{ body: string; message: RegExp }> = [
      { body: "{not json", message: /not valid JSON/ },
      {
        body: JSON.stringify({ conversationId: `conv${tag}`, model: "gpt-5", mode: "think-high", trigger: "submit", parentId: null, message: { id: `m${tag}`, text: `hi ${tag}` } }),
        message: /model/,
      },
      {
        body: JSON.stringify({ conversationId: `conv${tag}`, model: "flash", mode: "ultra", trigger: "submit", parentId: null, message: { id: `m${tag}`, text: `hi ${tag}` } }),
        message: /mode/,
      },
      {
        body: JSON.stringify({ conversationId: `conv${tag}`, model: "flash", mode: "non-think", trigger: "submit", parentId: null, message: { id: `m${tag}`, text: "   " } }),
        message: /empty/,
      },
      {
        body: JSON.stringify({ conversationId: "../../etc/passwd", model: "flash", mode: "non-think", trigger: "submit", parentId: null, message: { id: `m${tag}`, text: `hi ${tag}` } }),
        message: /conversationId/,
      },
    ];
    for (const { body, message } of cases) {
      const response = await request.post("/api/chat", { data: Buffer.from(body), headers: { "content-type": "application/json" } });
      expect(response.status(), body).toBe(400);
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe("bad_request:chat");
      expect(json.error.message).toMatch(message);
    }
    expect(await receivedRequests(tag)).toHaveLength(0);
  });

  test("regenerating in a conversation that does not exist is a 404", async ({ request }) => {
    const response = await request.post("/api/chat", {
      data: { conversationId: `missing${uniqueTag()}`, model: "flash", mode: "non-think", trigger: "regenerate", parentId: `nomessage${uniqueTag()}` },
    });
    expect(response.status()).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found:conversation");
  });

  test("renaming needs a title, and unknown conversations are 404", async ({ request }) => {
    const missing = await request.patch(`/api/conversations/missing${uniqueTag()}`, { data: { title: "New name" } });
    expect(missing.status()).toBe(404);
    const empty = await request.patch(`/api/conversations/missing${uniqueTag()}`, { data: { title: "  " } });
    expect(empty.status()).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/title/i);
    const deleted = await request.delete(`/api/conversations/missing${uniqueTag()}`);
    expect(deleted.status()).toBe(404);
  });

  test("stopping when nothing runs is harmless", async ({ request }) => {
    const response = await request.post("/api/chat/stop", { data: { conversationId: `idle${uniqueTag()}` } });
    expect(response.ok()).toBe(true);
    expect(await response.json()).toEqual({ stopped: false });
  });

  test("the browser is never told the API key or the upstream address", async ({ request }) => {
    const page = await request.get("/");
    const html = await page.text();
    const scripts = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const text of [html, ...(await Promise.all(scripts.map(async (src) => (await request.get(src)).text())))]) {
      expect(text).not.toContain("sk-v4chat");
      expect(text).not.toContain(`127.0.0.1:${SIMULATOR_PORT}`);
    }
  });
});
