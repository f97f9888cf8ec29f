import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { chromium, expect, test, type Page } from "@playwright/test";
import { APP_PORT } from "../playwright.config";
import { conversationIds, pathOf, regenerate, sendPrompt } from "./support/api";
import { isErrorShape, rawRequest, startServer } from "./support/http";
import { receivedRequests, uniqueTag } from "./support/simulator";

/**
 * A page on another site (or another port of this one) tries to make the visitor's browser use
 * V4 Chat for it, and a DNS-rebinding page tries to reach it under its own name. None of them
 * starts a generation, reads a conversation or changes one.
 */

const APP = `http://127.0.0.1:${APP_PORT}`;

/** A chat request as JSON, for pages that send it as text/plain (no preflight) or as a form. */
function chatBody(tag: string): Record<string, unknown> {
  return {
    trigger: "submit",
    conversationId: `conv${tag}`,
    model: "flash",
    mode: "non-think",
    parentId: null,
    message: { id: `msg${tag}`, text: `Hello from another site ${tag}` },
  };
}

/** The classic text/plain form: `name=value` where name and value together make the JSON above. */
function formPage(tag: string): string {
  const json = JSON.stringify({ ...chatBody(tag), pad: "" });
  // The form encodes `name=value`; cut the JSON so the "=" lands inside the pad string.
  const name = json.slice(0, -2); // …"pad":"
  const value = json.slice(-2); // "}
  const attr = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&#39;");
  return `<!doctype html><title>prize</title>
<form method="POST" action="${APP}/api/chat" enctype="text/plain"><input type="hidden" name='${attr(name)}' value='${attr(value)}'></form>
<script>document.forms[0].submit()</script>`;
}

let attacker: Awaited<ReturnType<typeof startServer>>;

test.beforeAll(async () => {
  attacker = await startServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://attacker");
    res.setHeader("content-type", "text/html; charset=utf-8");
    if (url.pathname === "/form") res.end(formPage(url.searchParams.get("tag") ?? "x"));
    else res.end("<!doctype html><title>another site</title><p>nothing to see</p>");
  });
});

test.afterAll(async () => {
  await attacker?.close();
});

/** The two kinds of other origin: another site (localhost vs 127.0.0.1) and the same site on another port. */
const ORIGINS = [
  { name: "another site", base: () => `http://localhost:${attacker.port}` },
  { name: "another port of the same site", base: () => `http://127.0.0.1:${attacker.port}` },
];

/** Waits long enough for a generation that was wrongly started to reach the simulator. */
async function expectNoGeneration(tag: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await receivedRequests(tag)).toHaveLength(0);
}

/** A conversation with two answer versions (the second selected): something to steal, delete or change. */
async function victimConversation(request: Parameters<typeof sendPrompt>[0]) {
  const tag = uniqueTag("victim");
  const conversationId = `conv${tag}`;
  await sendPrompt(request, { conversationId, text: `My private notes ${tag}` });
  const [prompt] = (await pathOf(request, conversationId)) ?? [];
  await regenerate(request, { conversationId, parentId: prompt!.id });
  const path = (await pathOf(request, conversationId))!;
  const answer = path[1]!;
  expect(answer.metadata?.version).toEqual({ index: 2, count: 2 });
  return { tag, conversationId, answerId: answer.id, path };
}

for (const origin of ORIGINS) {
  test.describe(`a page on ${origin.name}`, () => {
    test("cannot start a chat with a text/plain form post", async ({ page }) => {
      const tag = uniqueTag();
      const appAnswer = page.waitForResponse((response) => response.url() === `${APP}/api/chat`);
      await page.goto(`${origin.base()}/form?tag=${tag}`);
      const response = await appAnswer;
      expect(response.status()).toBe(403);
      expect(isErrorShape(await response.json())).toBe(true);
      await expectNoGeneration(tag);
      expect(await pathOf(page.request, `conv${tag}`)).toBeNull();
    });

    test("cannot start a chat, switch a version, delete or read with fetch", async ({ page }) => {
      const victim = await victimConversation(page.request);
      const tag = uniqueTag();
      await page.goto(`${origin.base()}/`);

      const outcome = await page.evaluate(
        async ({ app, chat, conversationId, answerId }) => {
          const attempt = async (run: () => Promise<Response>) => {
            try {
              const response = await run();
              return { type: response.type, status: response.status, body: response.type === "opaque" ? "" : await response.text() };
            } catch (error) {
              return { type: "error", status: 0, body: String(error) };
            }
          };
          return {
            // Simple requests: the browser sends them without asking; only the server can refuse.
            chat: await attempt(() => fetch(`${app}/api/chat`, { method: "POST", mode: "no-cors", body: JSON.stringify(chat) })),
            chatWithCredentials: await attempt(() =>
              fetch(`${app}/api/chat`, { method: "POST", mode: "no-cors", credentials: "include", body: JSON.stringify(chat) }),
            ),
            version: await attempt(() =>
              fetch(`${app}/api/conversations/${conversationId}/versions`, {
                method: "POST",
                mode: "no-cors",
                body: JSON.stringify({ messageId: answerId, version: 1 }),
              }),
            ),
            stop: await attempt(() => fetch(`${app}/api/chat/stop`, { method: "POST", mode: "no-cors", body: JSON.stringify({ conversationId }) })),
            // DELETE and PATCH need CORS, which the app never grants.
            delete: await attempt(() => fetch(`${app}/api/conversations/${conversationId}`, { method: "DELETE" })),
            deleteNoCors: await attempt(() => fetch(`${app}/api/conversations/${conversationId}`, { method: "DELETE", mode: "no-cors" })),
            rename: await attempt(() =>
              fetch(`${app}/api/conversations/${conversationId}`, {
                method: "PATCH",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ title: "pwned" }),
              }),
            ),
            // Reads: the answer is not the page's to see.
            list: await attempt(() => fetch(`${app}/api/conversations`)),
            messages: await attempt(() => fetch(`${app}/api/conversations/${conversationId}/messages`)),
          };
        },
        { app: APP, chat: chatBody(tag), conversationId: victim.conversationId, answerId: victim.answerId },
      );

      // Nothing readable came back to the other page.
      for (const [name, result] of Object.entries(outcome)) {
        expect(["opaque", "error"], name).toContain(result.type);
        expect(result.body, name).not.toContain(victim.tag);
      }
      // Nothing started, nothing changed.
      await expectNoGeneration(tag);
      expect(await pathOf(page.request, `conv${tag}`)).toBeNull();
      const after = await pathOf(page.request, victim.conversationId);
      expect(after?.map((message) => message.id)).toEqual(victim.path.map((message) => message.id));
      expect(after?.[1]?.metadata?.version).toEqual({ index: 2, count: 2 });
      expect(await conversationIds(page.request)).toContain(victim.conversationId);
      const list = (await (await page.request.get("/api/conversations")).json()) as { conversations: Array<{ id: string; title: string }> };
      expect(list.conversations.find((conversation) => conversation.id === victim.conversationId)?.title).not.toBe("pwned");
    });
  });
}

test.describe("a DNS-rebinding page (the app reached under another name)", () => {
  const REBOUND = { host: `attacker.example:${APP_PORT}` };

  test("gets 421 for the API and pages, and reaches no data", async ({ request }) => {
    const victim = await victimConversation(request);
    const tag = uniqueTag();

    const list = await rawRequest({ path: "/api/conversations", headers: REBOUND });
    expect(list.status).toBe(421);
    expect(isErrorShape(JSON.parse(list.text))).toBe(true);
    expect(list.text).toContain("ALLOWED_HOSTS");
    expect(list.text).not.toContain(victim.conversationId);

    for (const path of ["/", `/c/${victim.conversationId}`, `/api/conversations/${victim.conversationId}/messages`]) {
      const page = await rawRequest({ path, headers: REBOUND });
      expect(page.status, path).toBe(421);
      expect(page.text, path).not.toContain(victim.tag);
    }

    // What a rebound page's own fetch would send: same-origin to the browser, the wrong Host to us.
    const json = { "content-type": "application/json", "sec-fetch-site": "same-origin", origin: `http://attacker.example:${APP_PORT}` };
    const chat = await rawRequest({ method: "POST", path: "/api/chat", headers: { ...REBOUND, ...json }, body: JSON.stringify(chatBody(tag)) });
    expect(chat.status).toBe(421);
    const removal = await rawRequest({ method: "DELETE", path: `/api/conversations/${victim.conversationId}`, headers: { ...REBOUND, ...json } });
    expect(removal.status).toBe(421);
    // Any Host that is not this machine's, however written.
    for (const host of ["attacker.example", "127.0.0.1.nip.io", "localhost.attacker.example", "0.0.0.0", "192.0.2.1:80", ""]) {
      const response = await rawRequest({ path: "/api/conversations", headers: { host } });
      expect(response.status, host).toBe(421);
    }

    await expectNoGeneration(tag);
    expect(await pathOf(request, victim.conversationId)).toHaveLength(2);
    // The app's own names still work.
    for (const host of [`127.0.0.1:${APP_PORT}`, `localhost:${APP_PORT}`, `[::1]:${APP_PORT}`]) {
      expect((await rawRequest({ path: "/api/conversations", headers: { host } })).status, host).toBe(200);
    }
  });

  test("in a real browser whose DNS answers 127.0.0.1 for attacker.example", async ({ request }) => {
    const victim = await victimConversation(request);
    const tag = uniqueTag();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--host-resolver-rules=MAP attacker.example 127.0.0.1"],
    });
    try {
      const page: Page = await browser.newPage();
      const response = await page.goto(`http://attacker.example:${APP_PORT}/`);
      expect(response?.status()).toBe(421);
      expect(await page.content()).not.toContain(victim.tag);
      // The rebound page is same-origin with "the app" as far as the browser knows.
      const outcome = await page.evaluate(
        async ({ chat, conversationId }) => {
          const list = await fetch("/api/conversations");
          const post = await fetch("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chat) });
          const removal = await fetch(`/api/conversations/${conversationId}`, { method: "DELETE" });
          return { list: list.status, listBody: await list.text(), post: post.status, removal: removal.status };
        },
        { chat: chatBody(tag), conversationId: victim.conversationId },
      );
      expect(outcome).toMatchObject({ list: 421, post: 421, removal: 421 });
      expect(outcome.listBody).not.toContain(victim.conversationId);
    } finally {
      await browser.close();
    }
    await expectNoGeneration(tag);
    expect(await pathOf(request, victim.conversationId)).toHaveLength(2);
  });
});

test.describe("the listening address", () => {
  test("the app answers on 127.0.0.1 and on none of the machine's network addresses", async ({ request }) => {
    expect((await request.get(`${APP}/api/conversations`)).status()).toBe(200);
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info !== undefined && !info.internal && !info.address.startsWith("fe80:"))
      .map((info) => info!.address);
    for (const address of addresses) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: APP_PORT, timeout: 3000 });
        socket.once("connect", () => {
          socket.destroy();
          resolve("connected");
        });
        socket.once("timeout", () => {
          socket.destroy();
          resolve("timeout");
        });
        socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      });
      expect(outcome, `${address}:${APP_PORT}`).not.toBe("connected");
    }
  });
});
