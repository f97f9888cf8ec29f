// proxy.ts as Next.js calls it: the guards and the CSP wired together.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const APP = "http://127.0.0.1:3000";

function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Response {
  const headers = { host: "127.0.0.1:3000", ...init.headers };
  return proxy(new NextRequest(`${APP}${path}`, { method: init.method ?? "GET", headers, body: init.body }));
}

/** NextResponse.next() marks "go on to the route". */
const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("proxy", () => {
  it("passes the app's own API calls on untouched", () => {
    const response = call("/api/chat", {
      method: "POST",
      headers: { "sec-fetch-site": "same-origin", "content-type": "application/json", "content-length": "2" },
      body: "{}",
    });
    expect(passedOn(response)).toBe(true);
    expect(response.headers.get("content-security-policy")).toBeNull();
  });

  it("refuses rebinding, cross-site posts, non-JSON bodies and oversized ones in the JSON error shape", async () => {
    const cases: Array<[Parameters<typeof call>[1], number, string]> = [
      [{ headers: { host: "attacker.example:3000" } }, 421, "misdirected:request"],
      [{ method: "POST", headers: { "sec-fetch-site": "cross-site", "content-type": "text/plain", "content-length": "2" }, body: "{}" }, 403, "forbidden:request"],
      [{ method: "POST", headers: { origin: "http://attacker.example", "content-type": "application/json" }, body: "{}" }, 403, "forbidden:request"],
      [{ method: "POST", headers: { "content-type": "text/plain", "content-length": "2" }, body: "{}" }, 415, "unsupported_media_type:request"],
      [{ method: "POST", headers: { "content-type": "application/json", "content-length": String(17 * 1024 * 1024) } }, 413, "payload_too_large:request"],
    ];
    for (const [init, status, code] of cases) {
      const response = call("/api/chat", init);
      expect(response.status, code).toBe(status);
      expect(passedOn(response)).toBe(false);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it("gives every page a fresh nonce in its CSP and hands it to the render", () => {
    const first = call("/", { headers: { "sec-fetch-site": "none" } });
    const second = call("/c/abcdef");
    const policy = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("'strict-dynamic'");
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    // The render reads the nonce from the request headers Next forwards.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
  });

  it("refuses a page by a rebinding name in plain text", async () => {
    const response = call("/", { headers: { host: "attacker.example" } });
    expect(response.status).toBe(421);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(await response.text()).toContain("ALLOWED_HOSTS");
  });

  it("runs on pages and the API, not on build assets", () => {
    const [matcher] = config.matcher;
    const regex = new RegExp(`^${matcher}$`);
    for (const path of ["/", "/c/abc", "/api/chat", "/api/conversations/abc", "/icon.svg"]) expect(regex.test(path), path).toBe(true);
    expect(regex.test("/_next/static/chunks/main.js")).toBe(false);
  });
});
