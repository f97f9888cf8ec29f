import { expect, test, type Page } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

/**
 * The pages run fully under their Content-Security-Policy: scripts with the per-request nonce
 * (Next.js's and the theme script), chunks they load, Shiki's and KaTeX's inline styles, KaTeX's
 * fonts. No violation and no console error on the way; an injected inline handler is blocked.
 */

declare global {
  interface Window {
    __violations: string[];
    __injected?: boolean;
  }
}

/** Records CSP violations and console errors from the first script on. */
async function watch(page: Page): Promise<{ problems: string[]; violations: () => Promise<string[]> }> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
    // The theme script (inline, in <head>) must run: it turns this into the `dark` class.
    localStorage.setItem("theme", "dark");
  });
  return { problems, violations: () => page.evaluate(() => window.__violations) };
}

function policyOf(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? "").split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

test.describe("Content-Security-Policy", () => {
  test("every page carries a strict policy with a fresh nonce", async ({ request }) => {
    const nonces = new Set<string>();
    for (const path of ["/", "/", `/c/missing${uniqueTag()}`]) {
      const response = await request.get(path);
      const header = response.headers()["content-security-policy"];
      const policy = policyOf(header);
      const script = policy.get("script-src") ?? [];
      const nonce = script.find((value) => value.startsWith("'nonce-"));
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      expect(script).toEqual(["'self'", nonce, "'strict-dynamic'"]); // no 'unsafe-eval' in production
      expect(policy.get("default-src")).toEqual(["'self'"]);
      expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
      expect(policy.get("font-src")).toEqual(["'self'", "data:"]);
      expect(policy.get("connect-src")).toEqual(["'self'"]);
      expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
      expect(policy.get("base-uri")).toEqual(["'none'"]);
      expect(policy.get("form-action")).toEqual(["'self'"]);
      expect(policy.get("object-src")).toEqual(["'none'"]);
      // The headers next.config.ts sets are still there.
      expect(response.headers()["x-frame-options"]).toBe("DENY");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(response.headers()["referrer-policy"]).toBe("no-referrer");
      // Every script on the page carries the nonce.
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce!.slice(7, -1)}"`);
    }
    expect(nonces.size).toBe(3);
  });

  test("the chat works with no violation: streaming code, math and a table, reloads, the sidebar", async ({ page }) => {
    const { problems, violations } = await watch(page);
    const chat = new ChatPage(page);
    await chat.open();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);

    // The simulator quotes the prompt in its answer, so the $$…$$ comes back as math to render.
    await chat.send(`Caching with code and a table ${uniqueTag()}: $$\\frac{n(n+1)}{2}$$`);
    const answer = chat.lastAnswer();
    await expect(answer.getByTestId("answer-text")).toBeVisible({ timeout: 30_000 });
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(answer.locator("table")).toBeVisible();
    await expect(answer.locator(".katex").first()).toBeVisible();
    // Highlighted code: Shiki colours tokens with inline styles.
    await expect(answer.locator("pre span[style]").first()).toBeAttached();
    // KaTeX's fonts load (font-src).
    await expect.poll(() => page.evaluate(() => [...document.fonts].some((font) => font.family.includes("KaTeX") && font.status === "loaded"))).toBe(true);

    // Reload the conversation, open another from the sidebar, start a new chat.
    const id = chat.conversationIdFromUrl();
    await page.reload();
    await expect(chat.lastAnswer().locator(".katex").first()).toBeVisible();
    await chat.open("/");
    await chat.sidebar.locator(`a[href="/c/${id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
    await expect(chat.lastAnswer().locator("table")).toBeVisible();
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);

    // And the page of a conversation that does not exist (its 404 is the one console error).
    await page.goto(`/c/missing${uniqueTag()}`);
    await expect(page.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
    expect(await violations()).toEqual([]);
    expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
  });

  test("the account pages run with no violation", async ({ page }) => {
    const { problems, violations } = await watch(page);
    // Before any account exists: the first sign-up, the local user's account page (and /admin,
    // which sends someone not signed in to the sign-up).
    for (const [path, heading] of [
      ["/sign-up", /admin account/i],
      ["/account", /account/i],
      ["/admin", /admin account/i],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading").first(), path).toContainText(heading);
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    }
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
  });

  test("an injected inline script does not run", async ({ page }) => {
    const { violations } = await watch(page);
    const chat = new ChatPage(page);
    await chat.open();
    await page.evaluate(() => {
      document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.__injected = true" alt="">`);
    });
    await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src/));
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  });
});
