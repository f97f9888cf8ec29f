import { describe, expect, it } from "vitest";
import { parseAllowedHosts } from "@/lib/net/hosts";
import {
  checkContentLength,
  checkContentType,
  checkCrossSite,
  checkHost,
  checkPath,
  formatBytes,
  guardRequest,
  hasBody,
  isJsonContentType,
  isMutation,
  refusalResponse,
  type GuardSettings,
} from "./request-guard";

const MiB = 1024 * 1024;
const settings: GuardSettings = { allowedHosts: parseAllowedHosts("chat.lan"), maxRequestBytes: 16 * MiB };

function req(method: string, pathname: string, headers: Record<string, string>) {
  return { method, pathname, headers: new Headers(headers) };
}

const JSON_BODY = { "content-type": "application/json", "content-length": "20" };

describe("checkHost", () => {
  it("lets loopback names and ALLOWED_HOSTS through", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "chat.lan", "chat.lan:8443"]) {
      expect(checkHost(host, settings), host).toBeUndefined();
    }
  });

  it("refuses a rebinding name with 421 and says how to allow a real one", () => {
    const refusal = checkHost("attacker.example:3000", settings);
    expect(refusal?.status).toBe(421);
    expect(refusal?.code).toBe("misdirected:request");
    expect(refusal?.message).toContain('"attacker.example:3000"');
    expect(refusal?.message).toContain("ALLOWED_HOSTS");
    expect(checkHost(null, settings)?.status).toBe(421);
  });

  it("does not echo control characters or endless names", () => {
    const refusal = checkHost(`evil\u0007${"x".repeat(500)}`, settings);
    expect(refusal?.message).not.toContain("\u0007");
    expect(refusal?.message.length).toBeLessThan(500);
  });
});

describe("checkCrossSite", () => {
  it("never blocks reads", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(checkCrossSite(req(method, "/api/conversations", { "sec-fetch-site": "cross-site", host: "127.0.0.1:3000" }))).toBeUndefined();
    }
  });

  it("allows same-origin and user-initiated requests by Sec-Fetch-Site", () => {
    for (const site of ["same-origin", "none", "Same-Origin"]) {
      expect(checkCrossSite(req("POST", "/api/chat", { "sec-fetch-site": site, host: "127.0.0.1:3000" })), site).toBeUndefined();
    }
  });

  it("refuses cross-site and same-site mutations with 403, whatever Origin says", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "PROPFIND"]) {
      for (const site of ["cross-site", "same-site", "bogus"]) {
        const refusal = checkCrossSite(
          req(method, "/api/chat", { "sec-fetch-site": site, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }),
        );
        expect(refusal?.status, `${method} ${site}`).toBe(403);
        expect(refusal?.code).toBe("forbidden:request");
      }
    }
  });

  it("without Sec-Fetch-Site, an Origin must be the request's own", () => {
    const host = { host: "127.0.0.1:3000" };
    expect(checkCrossSite(req("POST", "/api/chat", { ...host, origin: "http://127.0.0.1:3000" }))).toBeUndefined();
    expect(checkCrossSite(req("POST", "/api/chat", { host: "chat.lan", origin: "https://chat.lan" }))).toBeUndefined();
    expect(checkCrossSite(req("POST", "/api/chat", { host: "chat.lan:443", origin: "https://chat.lan" }))).toBeUndefined();
    for (const origin of [
      "http://127.0.0.1:3001",
      "http://localhost:3000",
      "http://attacker.example",
      "null",
      "",
      "file://",
      "http://127.0.0.1:3000/path",
      "http://127.0.0.1:3000.attacker.example",
    ]) {
      expect(checkCrossSite(req("POST", "/api/chat", { ...host, origin }))?.status, origin).toBe(403);
    }
    expect(checkCrossSite(req("POST", "/api/chat", { origin: "http://127.0.0.1:3000" }))?.status).toBe(403); // no Host
  });

  it("lets a client that sends neither header through: not a browser, so nobody's ambient credentials", () => {
    expect(checkCrossSite(req("POST", "/api/chat", { host: "127.0.0.1:3000" }))).toBeUndefined();
    expect(checkCrossSite(req("DELETE", "/api/conversations/abcdef", { host: "127.0.0.1:3000" }))).toBeUndefined();
  });
});

describe("content type and length", () => {
  it("knows a JSON content type", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    for (const type of [null, "", "text/plain", "text/plain;application/json", "application/json-seq", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json"]) {
      expect(isJsonContentType(type), String(type)).toBe(false);
    }
  });

  it("knows when there is a body", () => {
    expect(hasBody(new Headers({ "content-length": "10" }))).toBe(true);
    expect(hasBody(new Headers({ "transfer-encoding": "chunked" }))).toBe(true);
    expect(hasBody(new Headers({ "content-length": "0" }))).toBe(false);
    expect(hasBody(new Headers())).toBe(false);
  });

  it("refuses a mutation body that is not JSON with 415; no body needs no type", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const refusal = checkContentType(req("POST", "/api/chat", { "content-type": type, "content-length": "5" }));
      expect(refusal?.status, type).toBe(415);
      expect(refusal?.code).toBe("unsupported_media_type:request");
    }
    expect(checkContentType(req("POST", "/api/chat", { "transfer-encoding": "chunked" }))?.status).toBe(415);
    expect(checkContentType(req("POST", "/api/chat", { "content-length": "5" }))?.status).toBe(415);
    expect(checkContentType(req("POST", "/api/chat", JSON_BODY))).toBeUndefined();
    expect(checkContentType(req("DELETE", "/api/conversations/abcdef", {}))).toBeUndefined();
    expect(checkContentType(req("GET", "/api/conversations", { "content-type": "text/plain", "content-length": "5" }))).toBeUndefined();
  });

  it("refuses a declared length over the limit with 413, and a malformed one with 400", () => {
    expect(checkContentLength(null, 100)).toBeUndefined();
    expect(checkContentLength("100", 100)).toBeUndefined();
    const refusal = checkContentLength("101", 100);
    expect(refusal?.status).toBe(413);
    expect(refusal?.code).toBe("payload_too_large:request");
    expect(checkContentLength(String(16 * MiB + 1), 16 * MiB)?.message).toContain("16 MiB");
    expect(checkContentLength("99999999999999999999999", 100)?.status).toBe(413);
    for (const bad of ["-1", "1e3", "ten", "", "1, 2"]) expect(checkContentLength(bad, 100)?.status, bad).toBe(400);
  });

  it("formats limits for people", () => {
    expect(formatBytes(16 * MiB)).toBe("16 MiB");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(900)).toBe("900 bytes");
  });
});

describe("guardRequest", () => {
  const local = { host: "127.0.0.1:3000" };

  it("lets the app's own requests and scripted clients through", () => {
    expect(guardRequest(req("POST", "/api/chat", { ...local, ...JSON_BODY, "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" }), settings)).toBeUndefined();
    expect(guardRequest(req("POST", "/api/chat", { ...local, ...JSON_BODY }), settings)).toBeUndefined();
    expect(guardRequest(req("DELETE", "/api/conversations/abcdef", { ...local, "sec-fetch-site": "same-origin" }), settings)).toBeUndefined();
    expect(guardRequest(req("GET", "/", { ...local, "sec-fetch-site": "cross-site" }), settings)).toBeUndefined();
  });

  it("checks the host first, then the site, then length and type", () => {
    const all = { host: "attacker.example", "sec-fetch-site": "cross-site", "content-type": "text/plain", "content-length": String(20 * MiB) };
    expect(guardRequest(req("POST", "/api/chat", all), settings)?.status).toBe(421);
    expect(guardRequest(req("POST", "/api/chat", { ...all, ...local }), settings)?.status).toBe(403);
    expect(guardRequest(req("POST", "/api/chat", { ...all, ...local, "sec-fetch-site": "same-origin" }), settings)?.status).toBe(413);
    expect(guardRequest(req("POST", "/api/chat", { ...all, ...local, "sec-fetch-site": "same-origin", "content-length": "5" }), settings)?.status).toBe(415);
  });

  it("guards pages against rebinding and cross-site posts too, but reads no page body", () => {
    expect(guardRequest(req("GET", "/c/abcdef", { host: "attacker.example" }), settings)?.status).toBe(421);
    expect(guardRequest(req("POST", "/", { ...local, "sec-fetch-site": "cross-site" }), settings)?.status).toBe(403);
    expect(guardRequest(req("POST", "/", { ...local, "sec-fetch-site": "same-origin", "content-type": "text/plain", "content-length": "5" }), settings)).toBeUndefined();
  });
});

describe("refusalResponse", () => {
  it("answers the API in the JSON error shape and pages in plain text", async () => {
    const refusal = checkHost("attacker.example", settings)!;
    const api = refusalResponse(refusal, "/api/conversations");
    expect(api.status).toBe(421);
    expect(api.headers.get("content-type")).toContain("application/json");
    const json = (await api.json()) as { error: { code: string; message: string; retryable: boolean } };
    expect(json.error).toMatchObject({ code: "misdirected:request", retryable: false });
    expect(json.error.message).toMatch(/ALLOWED_HOSTS/);

    const page = refusalResponse(refusal, "/");
    expect(page.status).toBe(421);
    expect(page.headers.get("content-type")).toContain("text/plain");
    expect(await page.text()).toMatch(/does not answer to the host name "attacker\.example"/);
  });
});

describe("checkPath", () => {
  it("refuses broken %-escapes with 400, lets the rest through", () => {
    for (const path of ["/", "/c/abcdef", "/api/chat/abc%20def/stream", "/api/%C3%A4", "/api/%2e%2e"]) expect(checkPath(path), path).toBeUndefined();
    for (const path of ["/c/%ZZ", "/api/chat/%ZZabcdef/stream", "/api/%", "/api/%C3", "/api/%E0%A4%A"]) {
      const refusal = checkPath(path);
      expect(refusal?.status, path).toBe(400);
      expect(refusal?.code).toBe("bad_request:request");
    }
  });

  it("is part of the guards, after the host", () => {
    expect(guardRequest(req("GET", "/c/%ZZ", { host: "127.0.0.1:3000" }), settings)?.status).toBe(400);
    expect(guardRequest(req("GET", "/c/%ZZ", { host: "attacker.example" }), settings)?.status).toBe(421);
  });
});

describe("isMutation", () => {
  it("is everything but reads", () => {
    expect(["POST", "put", "PATCH", "DELETE", "PURGE"].every(isMutation)).toBe(true);
    expect(["GET", "head", "OPTIONS"].some(isMutation)).toBe(false);
  });
});

describe("guardRequest on the upload route", () => {
  const local = { host: "127.0.0.1:3000", "sec-fetch-site": "same-origin" };
  const upload = { ...settings, maxUploadBytes: 50 * MiB };

  it("takes a file's bytes, up to the upload limit (above the JSON limit)", () => {
    const bytes = { "content-type": "application/octet-stream", "content-length": String(40 * MiB) };
    expect(guardRequest(req("POST", "/api/documents", { ...local, ...bytes }), upload)).toBeUndefined();
    // Elsewhere the same body is neither the right type nor size.
    expect(guardRequest(req("POST", "/api/chat", { ...local, ...bytes }), upload)?.status).toBe(413);
    expect(guardRequest(req("POST", "/api/chat", { ...local, "content-type": "application/octet-stream", "content-length": "10" }), upload)?.status).toBe(415);
  });

  it("refuses a file over the upload limit by name, forms and JSON, and cross-site senders", () => {
    const over = guardRequest(req("POST", "/api/documents", { ...local, "content-type": "application/octet-stream", "content-length": String(51 * MiB) }), upload);
    expect(over?.status).toBe(413);
    expect(over?.message).toContain("documents can be at most 50 MiB (DOCUMENT_MAX_BYTES)");
    const image = guardRequest(req("POST", "/api/images", { ...local, "content-type": "application/octet-stream", "content-length": String(51 * MiB) }), upload);
    expect(image?.status).toBe(413);
    expect(image?.message).toContain("images can be at most 50 MiB");
    for (const type of ["multipart/form-data; boundary=x", "text/plain", "application/x-www-form-urlencoded", "application/json"]) {
      expect(guardRequest(req("POST", "/api/documents", { ...local, "content-type": type, "content-length": "10" }), upload)?.status, type).toBe(415);
    }
    const crossSite = { host: "127.0.0.1:3000", "sec-fetch-site": "cross-site", "content-type": "application/octet-stream", "content-length": "10" };
    expect(guardRequest(req("POST", "/api/documents", crossSite), upload)?.status).toBe(403);
    // A document's delete is an ordinary API mutation.
    expect(guardRequest(req("DELETE", "/api/documents/abcdef", { host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" }), upload)?.status).toBe(403);
  });
});
