import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ACCOUNTS_SIMULATOR_PORT } from "../playwright.config";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

/**
 * Accounts, on an app of their own (its first account locks it). One story in order: the local
 * user before accounts, the first account taking over, sign-up closed, a second user made by the
 * admin, the isolation matrix, limits, disabling, passwords, deletion.
 */
test.describe.configure({ mode: "serial" });

const ADA = { name: "Ada", email: `ada-${uniqueTag()}@example.com`, password: "correct horse battery" };
const BOB = { name: "Bob", email: `bob-${uniqueTag()}@example.com`, password: "tr0ub4dor&3 staple" };
const tag = uniqueTag("acct");

/** Chat requests the accounts app's simulator received whose last user message contains `match`. */
async function upstreamRequests(match: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${ACCOUNTS_SIMULATOR_PORT}/__sim/requests?match=${encodeURIComponent(match)}`);
  const { requests } = (await response.json()) as { requests: Array<{ body: { stream?: boolean } }> };
  return requests.filter((request) => request.body.stream === true).length;
}

async function signIn(browser: Browser, who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  return { context, page };
}

async function chat(page: Page, text: string): Promise<string> {
  const view = new ChatPage(page);
  await view.send(text);
  await view.waitForAnswerToEnd();
  return view.conversationIdFromUrl();
}

let adaConversation = "";
let adaAnswerId = "";

test("before any account, the person on this machine chats without signing in", async ({ page }) => {
  await page.goto("/");
  adaConversation = await chat(page, `Before accounts ${tag}`);
  await expect(page.getByTestId("account-link")).toContainText("Account and sign-in");
});

test("the first account becomes the admin and keeps the conversations made so far", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Create the admin account" })).toBeVisible();
  await page.getByLabel("Name").fill(ADA.name);
  await page.getByLabel("Email").fill(ADA.email);
  await page.getByLabel("Password").fill(ADA.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("account-link")).toContainText("Ada");
  await expect(page.getByTestId("account-link")).toContainText("admin");
  await page.goto(`/c/${adaConversation}`);
  await expect(page.getByTestId("user-message").first()).toContainText(`Before accounts ${tag}`);
  const messages = (await (await page.request.get(`/api/conversations/${adaConversation}/messages`)).json()) as { messages: Array<{ id: string; role: string }> };
  adaAnswerId = messages.messages.find((message) => message.role === "assistant")?.id ?? "";
  expect(adaAnswerId).not.toBe("");
});

test("once an account exists, a stranger must sign in: pages redirect, the API answers 401", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  for (const path of ["/api/conversations", `/api/conversations/${adaConversation}/messages`, "/api/usage", "/api/admin/users"]) {
    expect((await page.request.get(path)).status(), path).toBe(401);
  }
  const send = await page.request.post("/api/chat", {
    data: { trigger: "submit", conversationId: adaConversation, model: "flash", mode: "non-think", parentId: adaAnswerId, message: { id: `stranger${uniqueTag()}`, text: `Stranger ${tag}` } },
  });
  expect(send.status()).toBe(401);
  expect(await upstreamRequests(`Stranger ${tag}`)).toBe(0);
  await context.close();
});

test("sign-up is closed to others by default, and a failed sign-in does not say whether the account exists", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-up");
  await expect(page.getByTestId("sign-up-closed")).toBeVisible();

  await page.goto("/sign-in");
  const attempt = async (email: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("auth-error")).toBeVisible();
    return page.getByTestId("auth-error").innerText();
  };
  const known = await attempt(ADA.email);
  const unknown = await attempt(`nobody-${uniqueTag()}@example.com`);
  expect(known).toBe(unknown);
  await context.close();
});

test("the admin adds a user; each sees only their own conversations (isolation matrix)", async ({ browser, page }) => {
  // Ada, signed in, adds Bob.
  const ada = await signIn(browser, ADA);
  await ada.page.goto("/admin");
  const form = ada.page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill(BOB.name);
  await form.getByLabel("Email").fill(BOB.email);
  await form.getByLabel("Password").fill(BOB.password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(ada.page.locator(`[data-testid="user-row"][data-email="${BOB.email}"]`)).toBeVisible();

  const bob = await signIn(browser, BOB);
  await expect(bob.page.getByTestId("conversation-list")).toHaveCount(0);
  const bobConversation = await chat(bob.page, `Bob's own question ${tag}`);

  const before = await snapshot(ada.page.request, adaConversation);
  const api = bob.page.request;
  const refused = [
    await api.get(`/api/conversations/${adaConversation}/messages`),
    await api.patch(`/api/conversations/${adaConversation}`, { data: { title: "Taken over" } }),
    await api.post(`/api/conversations/${adaConversation}/versions`, { data: { messageId: adaAnswerId, version: 1 } }),
    await api.post("/api/chat", {
      data: { trigger: "submit", conversationId: adaConversation, model: "flash", mode: "non-think", parentId: adaAnswerId, message: { id: `bob${uniqueTag()}`, text: `Intruder ${tag}` } },
    }),
    await api.post("/api/chat", { data: { trigger: "regenerate", conversationId: adaConversation, model: "flash", mode: "non-think", parentId: adaAnswerId } }),
    await api.delete(`/api/conversations/${adaConversation}`),
    await api.get("/api/admin/users"),
    await api.patch(`/api/admin/users/${bobConversation}`, { data: { disabled: true } }),
  ];
  for (const response of refused) expect([403, 404], response.url()).toContain(response.status());
  expect((await api.post("/api/chat/stop", { data: { conversationId: adaConversation } })).status()).toBe(200);
  expect((await api.get(`/api/chat/${adaConversation}/stream`)).status()).toBe(204);
  const list = (await (await api.get("/api/conversations")).json()) as { conversations: Array<{ id: string }> };
  expect(list.conversations.map((item) => item.id)).toEqual([bobConversation]);
  expect((await bob.page.goto(`/c/${adaConversation}`))?.status()).toBe(404);
  await bob.page.goto("/admin");
  await expect(bob.page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  expect(await upstreamRequests(`Intruder ${tag}`)).toBe(0);
  expect(await snapshot(ada.page.request, adaConversation)).toEqual(before);
  // And the other way round: Ada (admin) cannot read Bob's conversation either.
  expect((await ada.page.request.get(`/api/conversations/${bobConversation}/messages`)).status()).toBe(404);
  await ada.context.close();
  await bob.context.close();
  void page;
});

test("limits set by the admin are enforced with a clear message, and usage is shown to both", async ({ browser }) => {
  const ada = await signIn(browser, ADA);
  await ada.page.goto("/admin");
  const row = ada.page.locator(`[data-testid="user-row"][data-email="${BOB.email}"]`);
  // Bob has used tokens today (his question above): a daily limit of 1 token is already reached.
  await expect(row).toContainText("1 answer");
  await row.getByLabel("Tokens / day for Bob").fill("1");
  await row.getByRole("button", { name: "Save limits" }).click();
  await expect(row.getByLabel("Tokens / day for Bob")).toHaveValue("1");

  const bob = await signIn(browser, BOB);
  const view = new ChatPage(bob.page);
  await view.send(`Over the limit ${tag}`);
  await expect(bob.page.getByRole("alert").filter({ hasText: "tokens today (your limit is 1)" })).toBeVisible();
  expect(await upstreamRequests(`Over the limit ${tag}`)).toBe(0);
  await bob.page.goto("/account");
  await expect(bob.page.getByTestId("usage-today")).toContainText("limit 1");

  await row.getByLabel("Tokens / day for Bob").fill("");
  await row.getByRole("button", { name: "Save limits" }).click();
  await expect(row.getByLabel("Tokens / day for Bob")).toHaveValue("");
  await ada.context.close();
  await bob.context.close();
});

test("a disabled user is signed out and cannot sign in; enabled again, they can", async ({ browser }) => {
  const bob = await signIn(browser, BOB);
  const ada = await signIn(browser, ADA);
  await ada.page.goto("/admin");
  const row = ada.page.locator(`[data-testid="user-row"][data-email="${BOB.email}"]`);
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("disabled");

  expect((await bob.page.request.get("/api/conversations")).status()).toBe(401);
  await bob.page.goto("/");
  await expect(bob.page).toHaveURL(/\/sign-in$/);
  await bob.page.getByLabel("Email").fill(BOB.email);
  await bob.page.getByLabel("Password").fill(BOB.password);
  await bob.page.getByRole("button", { name: "Sign in" }).click();
  await expect(bob.page.getByTestId("auth-error")).toBeVisible();

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).not.toContainText("disabled");
  await (await signIn(browser, BOB)).context.close();
  await ada.context.close();
  await bob.context.close();
});

test("a user changes their password; the old one stops working", async ({ browser }) => {
  const bob = await signIn(browser, BOB);
  await bob.page.goto("/account");
  const form = bob.page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill(BOB.password);
  await form.getByLabel("New password").fill("a brand new passphrase");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(bob.page.getByTestId("password-message")).toContainText("Password changed");
  BOB.password = "a brand new passphrase";
  await (await signIn(browser, BOB)).context.close();
  await bob.context.close();
});

test("the admin deletes a user, and everything they owned goes", async ({ browser }) => {
  const bob = await signIn(browser, BOB);
  const mine = (await (await bob.page.request.get("/api/conversations")).json()) as { conversations: Array<{ id: string }> };
  expect(mine.conversations.length).toBeGreaterThan(0);
  const ada = await signIn(browser, ADA);
  await ada.page.goto("/admin");
  const row = ada.page.locator(`[data-testid="user-row"][data-email="${BOB.email}"]`);
  await row.getByRole("button", { name: "Delete" }).click();
  await ada.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);
  expect((await bob.page.request.get("/api/conversations")).status()).toBe(401);
  // Ada's own data is untouched.
  expect((await ada.page.request.get(`/api/conversations/${adaConversation}/messages`)).status()).toBe(200);
  await ada.context.close();
  await bob.context.close();
});

test("repeated wrong passwords lock the account name for a minute (429), the same for an unknown name", async ({ browser }) => {
  const context = await browser.newContext();
  const origin = new URL(test.info().project.use.baseURL ?? "").origin;
  const attempts = async (email: string, password: string, count: number) => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < count; attempt += 1) {
      const response = await context.request.post("/api/auth/sign-in/email", { data: { email, password }, headers: { origin } });
      statuses.push(response.status());
    }
    return statuses;
  };
  const known = await attempts(ADA.email, "wrong password", 7);
  const unknown = await attempts(`nobody-${uniqueTag()}@example.com`, "wrong password", 7);
  expect(known.slice(-2)).toEqual([429, 429]);
  expect(unknown).toEqual(known.map((status) => status));
  // Even the right password waits now.
  expect(await attempts(ADA.email, ADA.password, 1)).toEqual([429]);
  await context.close();
});

async function snapshot(api: APIRequestContext, conversationId: string): Promise<unknown> {
  const conversations = (await (await api.get("/api/conversations")).json()) as { conversations: Array<{ id: string; title: string }> };
  const messages = await (await api.get(`/api/conversations/${conversationId}/messages`)).json();
  return { title: conversations.conversations.find((item) => item.id === conversationId)?.title, messages };
}
