import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { conversationIds, pathOf, sendPrompt } from "./support/api";
import { isErrorShape, rawRequest, type RawResponse } from "./support/http";
import { receivedRequests, uniqueTag } from "./support/simulator";

/**
 * Every API route gets garbage: malformed JSON, wrong types, missing fields, huge strings, deep
 * nesting, bodies over the limit, wrong content types, unknown and malformed ids. No answer is a
 * 5xx, every error is the app's JSON error shape, nothing reaches the model, and the server keeps
 * answering.
 */

const MAX_REQUEST_BYTES = 16 * 1024 * 1024; // the default, which the test server uses

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface RouteSpec {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route as app/api defines it, `[id]` for the dynamic segment. */
  template: string;
  /** The address to fuzz, when the template alone does not say (catch-alls, a safe target). */
  path?: (target: Target) => string;
  /** A valid body (or one just short of valid, where a valid one would do harm), given a target. */
  body?: (target: Target) => { [key: string]: Json };
  /** Wrong values that are in fact valid for a field (never sent as "wrong"). */
  validFor?: (field: string, value: Json) => boolean;
  /** Only structural garbage (bad JSON, types of the whole body, size, content type): field variants could be valid and do harm. */
  structuralOnly?: boolean;
  /** better-auth's own routes answer errors in its shape ({code, message}), which its client reads. */
  authRoute?: boolean;
  /** A server-sent event stream that stays open: listed, not fuzzed here (e2e/devices.spec.ts). */
  neverEnds?: boolean;
}

interface Target {
  conversationId: string;
  promptId: string;
  answerId: string;
}

/** An id nothing has: aimed at by routes where a valid body must not touch anything real. */
const NOBODY = `nobody${uniqueTag()}`;

const isString = (value: Json) => typeof value === "string";

const ROUTES: RouteSpec[] = [
  {
    method: "POST",
    template: "/api/chat",
    body: (t) => ({ trigger: "submit", conversationId: t.conversationId, model: "flash", mode: "non-think", parentId: t.answerId, message: { id: `m${uniqueTag()}`, text: `fuzz ${FUZZ_TAG}` } }),
    validFor: (field, value) => (field === "parentId" && value === null) || (field === "message.text" && isString(value) && value !== ""),
  },
  { method: "POST", template: "/api/chat/stop", body: (t) => ({ conversationId: t.conversationId }) },
  { method: "GET", template: "/api/chat/[id]/stream" },
  { method: "GET", template: "/api/conversations" },
  { method: "GET", template: "/api/conversations/[id]/messages" },
  { method: "PATCH", template: "/api/conversations/[id]", body: () => ({ title: "Fuzzed title" }), validFor: (field, value) => field === "title" && isString(value) && value !== "" },
  { method: "DELETE", template: "/api/conversations/[id]", path: () => `/api/conversations/${NOBODY}` },
  { method: "POST", template: "/api/conversations/[id]/versions", body: (t) => ({ messageId: t.answerId, version: 1 }) },
  { method: "GET", template: "/api/usage" },
  // Search, folders, pins, export and import.
  { method: "GET", template: "/api/search" },
  { method: "GET", template: "/api/folders" },
  {
    method: "POST",
    template: "/api/folders",
    body: () => ({ name: "" }),
    validFor: (field, value) => field === "name" && isString(value) && value.trim() !== "" && value.length <= 60,
  },
  { method: "PATCH", template: "/api/folders/[id]", path: () => `/api/folders/${NOBODY}`, body: () => ({ name: "Fuzzed folder" }), validFor: () => true },
  { method: "DELETE", template: "/api/folders/[id]", path: () => `/api/folders/${NOBODY}` },
  {
    method: "PATCH",
    template: "/api/conversations/[id]/placement",
    body: () => ({ pinned: false }),
    validFor: (field, value) => field === "pinned" && typeof value === "boolean",
  },
  { method: "POST", template: "/api/conversations/[id]/reveal", body: (t) => ({ messageId: t.answerId }) },
  { method: "GET", template: "/api/conversations/[id]/export" },
  { method: "GET", template: "/api/archive" },
  // A valid archive would import: only structural garbage (an empty archive is valid and adds nothing).
  { method: "POST", template: "/api/archive/import", body: () => ({ format: "v4chat-archive", version: 1, exportedAt: "2026-01-01T00:00:00Z", folders: [], conversations: [] }), structuralOnly: true },
  // Documents: the upload's body is a file's bytes, so JSON (valid or not) is refused by type; its
  // own bad inputs (types, sizes, damaged files) are tested in documents-bad-files.spec.ts.
  { method: "GET", template: "/api/documents" },
  { method: "POST", template: "/api/documents" },
  { method: "GET", template: "/api/documents/[id]" },
  { method: "DELETE", template: "/api/documents/[id]", path: () => `/api/documents/${NOBODY}` },
  // Images: like documents, the upload's body is the file's bytes (its checks: e2e/images.spec.ts).
  { method: "POST", template: "/api/images" },
  { method: "GET", template: "/api/images/[id]" },
  // The change stream reads no body and never ends by itself.
  { method: "GET", template: "/api/events", neverEnds: true },
  // Comparisons, aimed at the chat conversation: a comparison route refuses it (404/400), so even
  // a valid body starts nothing.
  { method: "GET", template: "/api/compare" },
  {
    method: "POST",
    template: "/api/compare",
    body: (t) => ({
      conversationId: t.conversationId,
      parentId: t.promptId,
      message: { id: `m${uniqueTag()}`, text: `fuzz ${FUZZ_TAG}` },
      panes: [
        { model: "flash", mode: "non-think" },
        { model: "pro", mode: "think-high" },
      ],
      blind: false,
    }),
    validFor: () => true,
  },
  { method: "GET", template: "/api/compare/[id]" },
  { method: "POST", template: "/api/compare/[id]/retry", body: (t) => ({ promptId: t.promptId, lane: 0 }), validFor: () => true },
  { method: "POST", template: "/api/compare/[id]/vote", body: (t) => ({ promptId: t.promptId, outcome: "tie" }), validFor: () => true },
  { method: "POST", template: "/api/compare/[id]/continue", body: () => ({ lane: 0, conversationId: `c${uniqueTag()}` }), validFor: () => true },
  { method: "GET", template: "/api/compare/answers/[messageId]/stream", path: (t) => `/api/compare/answers/${t.answerId}/stream` },
  // The admin's routes (the local user is the admin until accounts exist). Nothing valid may land:
  // a new account would end the local user's session for the whole suite.
  { method: "GET", template: "/api/admin/users" },
  {
    method: "POST",
    template: "/api/admin/users",
    body: () => ({ name: "Fuzz", email: "fuzz@example.com", password: "short" }),
    validFor: (field) => field === "password",
  },
  // Aimed at a user that does not exist: every body, valid or not, changes nobody.
  { method: "PATCH", template: "/api/admin/users/[id]", path: () => `/api/admin/users/${NOBODY}`, body: () => ({ disabled: true, limits: { requestsPerMinute: 5 } }), validFor: () => true },
  { method: "DELETE", template: "/api/admin/users/[id]", path: () => `/api/admin/users/${NOBODY}` },
  { method: "PATCH", template: "/api/admin/settings", body: () => ({ signUpOpen: false }), validFor: (field, value) => field === "signUpOpen" && typeof value === "boolean" },
  // better-auth's endpoints. No account exists here, so no sign-in can succeed; sign-up gets only
  // structural garbage (a valid one would create the first account).
  { method: "POST", template: "/api/auth/[...all]", path: () => "/api/auth/sign-in/email", body: () => ({ email: "nobody@example.com", password: "not-the-password" }), authRoute: true },
  { method: "POST", template: "/api/auth/[...all]", path: () => "/api/auth/sign-up/email", body: () => ({ email: "not-an-email", password: "short", name: "Fuzz" }), structuralOnly: true, authRoute: true },
  { method: "GET", template: "/api/auth/[...all]", path: () => "/api/auth/get-session", authRoute: true },
  // Addresses no route claims answer a JSON 404 too.
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method) => ({ method, template: "/api/[[...path]]", path: () => "/api/nothing/here" })),
];

/** Every prompt the fuzzer sends carries this, so a generation it caused would be found. */
const FUZZ_TAG = uniqueTag("fuzz");

/** The routes as the app defines them: app/api/**\/route.ts and the methods each exports. */
function definedRoutes(): string[] {
  const root = path.join(process.cwd(), "app", "api");
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name === "route.ts") {
        const template = `/api/${path.relative(root, dir).split(path.sep).join("/")}`.replace(/\/$/, "");
        const source = readFileSync(full, "utf8");
        for (const [, method] of source.matchAll(/export\s+(?:(?:async\s+)?function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.push(`${method} ${template}`);
        }
      }
    }
  };
  visit(root);
  return found.sort();
}

/** `[[[…]]]`, `depth` levels: JSON.parse copes; code that walks it recursively would not. */
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

const WRONG_VALUES: Json[] = [null, 0, -1, 1.5, 1e308, true, "", "x", "x".repeat(70), [], {}, ["flash"], { $gt: "" }];

interface Case {
  name: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  chunked?: boolean;
  /** The route must refuse it (4xx), not only survive it. */
  refused: boolean;
}

/** Every broken variant of a valid body. */
function bodyCases(valid: { [key: string]: Json }, { validFor = () => false, structuralOnly = false }: Pick<RouteSpec, "validFor" | "structuralOnly">): Case[] {
  const json = { "content-type": "application/json" };
  const cases: Case[] = [];
  const add = (name: string, body: string | Buffer, refused = true) => cases.push({ name, body, headers: json, refused });

  // Malformed JSON, and JSON that is not an object.
  for (const text of ["{not json", "{", "[1,2", "nul", '{"a":1,}', "'single'", "\u0000", "\ufeff", '{"trigger":"submit"', "{}", "[]", "null", "true", "0", '"text"', "[{}]"]) {
    add(`malformed ${JSON.stringify(text)}`, text);
  }
  add("invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
  add("empty body", "");

  // Wrong types, missing fields, huge strings and deep nesting in each field (nested ones too).
  const fields: Array<{ name: string; set: (value: Json | undefined) => { [key: string]: Json } }> = [];
  for (const key of Object.keys(valid)) {
    fields.push({ name: key, set: (value) => withField(valid, [key], value) });
    const inner = valid[key];
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      for (const innerKey of Object.keys(inner)) fields.push({ name: `${key}.${innerKey}`, set: (value) => withField(valid, [key, innerKey], value) });
    }
  }
  for (const field of structuralOnly ? [] : fields) {
    for (const value of WRONG_VALUES) {
      if (validFor(field.name, value)) continue;
      add(`${field.name} = ${JSON.stringify(value).slice(0, 30)}`, JSON.stringify(field.set(value)));
    }
    add(`${field.name} missing`, JSON.stringify(field.set(undefined)));
    add(`${field.name} huge`, JSON.stringify(field.set("x".repeat(field.name === "message.text" ? 4_000_001 : 1_000_000))));
    add(`${field.name} deeply nested`, JSON.stringify(field.set("__DEEP__")).replace('"__DEEP__"', deepArray(50_000)));
  }
  add("deeply nested body", deepObject(100_000));
  add("deeply nested array body", deepArray(100_000));
  add("many keys", JSON.stringify(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))));

  // Bodies over the limit: declared, and sent in chunks with no length.
  const oversized = Buffer.alloc(MAX_REQUEST_BYTES + 1024, "a");
  cases.push({ name: "over the limit, with Content-Length", body: oversized, headers: json, refused: true });
  cases.push({ name: "over the limit, chunked", body: oversized, headers: json, chunked: true, refused: true });
  cases.push({ name: "valid JSON over the limit, chunked", body: JSON.stringify(withField(valid, [Object.keys(valid)[0]!], "y".repeat(MAX_REQUEST_BYTES))), headers: json, chunked: true, refused: true });

  // Wrong content types around a valid body.
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json", "application/json-patch+json", "application/jsonx", ""]) {
    cases.push({ name: `content-type ${JSON.stringify(type)}`, body: JSON.stringify(valid), headers: type ? { "content-type": type } : {}, refused: true });
  }
  cases.push({ name: "no content type, chunked", body: JSON.stringify(valid), headers: {}, chunked: true, refused: true });
  return cases;
}

function withField(valid: { [key: string]: Json }, keys: string[], value: Json | undefined): { [key: string]: Json } {
  const copy = structuredClone(valid);
  let holder: { [key: string]: Json } = copy;
  for (const key of keys.slice(0, -1)) holder = holder[key] as { [key: string]: Json };
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return copy;
}

/** Ids a path may carry: unknown but well-formed, and malformed in every way a URL allows. */
const ODD_IDS = [
  "unknownconversation",
  "a",
  "x".repeat(65),
  "x".repeat(5000),
  "..",
  "%2e%2e",
  "%2E%2E%2F%2E%2E%2Fetc",
  "abc%2Fdef",
  "%00abcdef",
  "abc%20def",
  "%ZZabcdef",
  "%",
  "%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4%C3%A4",
  "%F0%9F%98%80abcdef",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "abcdef%3Fx%3D1",
  "null",
  "undefined",
  "constructor",
  "__proto__",
];

/**
 * No 5xx; a refusal is a 4xx; every error is the JSON error shape. With `odd addresses`, Next.js
 * may first redirect an address it normalises (`/a/..` → `/a`), to a path on this server.
 */
/** better-auth's error shape, which its client reads: {message, code?}. */
function isAuthErrorShape(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { message } = value as { message?: unknown };
  return typeof message === "string" && message.trim().length > 0;
}

/** How many answers of each status the fuzzer saw (reported with the test). */
const tally = new Map<number, number>();

function expectSane(response: RawResponse, what: string, refused: boolean, { oddAddress = false, authRoute = false } = {}): void {
  tally.set(response.status, (tally.get(response.status) ?? 0) + 1);
  expect(response.status, `${what}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
  if (oddAddress && [301, 308].includes(response.status)) {
    expect(String(response.headers.location), what).toMatch(/^\/(?!\/)/);
    return;
  }
  if (refused) expect(response.status, `${what} must be refused: ${response.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  if (response.status >= 400) {
    expect(response.headers["content-type"], what).toContain("application/json");
    let parsed: unknown;
    expect(() => (parsed = JSON.parse(response.text)), `${what}: ${response.text.slice(0, 300)}`).not.toThrow();
    const shaped = isErrorShape(parsed) || (authRoute && isAuthErrorShape(parsed));
    expect(shaped, `${what}: ${response.text.slice(0, 300)}`).toBe(true);
  }
}

test.describe("fuzzing every API route", () => {
  test.describe.configure({ timeout: 600_000 });

  test("the fuzzer knows every route the app defines", () => {
    expect([...new Set(ROUTES.map((route) => `${route.method} ${route.template}`))].sort()).toEqual(definedRoutes());
  });

  test("garbage in, a 4xx with the JSON error shape out; nothing reaches the model; the server keeps answering", async ({ request }) => {
    // A real conversation to aim at, so the routes get past "not found" to their input checks.
    const tag = uniqueTag("target");
    const conversationId = `conv${tag}`;
    await sendPrompt(request, { conversationId, text: `Something to aim at ${tag}` });
    const [prompt, answer] = (await pathOf(request, conversationId))!;
    const target: Target = { conversationId, promptId: prompt!.id, answerId: answer!.id };
    const before = (await (await request.get("/api/conversations")).json()) as { conversations: Array<{ id: string; title: string }> };

    for (const route of ROUTES) {
      if (route.neverEnds) continue;
      const realPath = route.path?.(target) ?? route.template.replace("[id]", conversationId);
      const auth = { authRoute: route.authRoute === true };

      if (route.body) {
        for (const fuzz of bodyCases(route.body(target), route)) {
          const what = `${route.method} ${route.template} ${fuzz.name}`;
          const response = await rawRequest({ method: route.method, path: realPath, headers: fuzz.headers, body: fuzz.body, chunked: fuzz.chunked });
          expectSane(response, what, fuzz.refused, auth);
        }
      } else {
        // Routes that read no body: a body (even an oversized one) changes nothing. (DELETE routes
        // aim at something that does not exist: they would delete the real one, body or not.)
        for (const body of ["{not json", Buffer.alloc(MAX_REQUEST_BYTES + 1024, "a")]) {
          const response = await rawRequest({ method: route.method, path: realPath, headers: { "content-type": "application/json" }, body });
          expectSane(response, `${route.method} ${route.template} with a body of ${body.length} bytes`, route.method !== "GET", auth);
        }
      }

      // Addresses no route claims, however they are written.
      if (route.template.endsWith("[[...path]]")) {
        for (const address of ["/api", "/api/", "/api/nope", "/api/chat/../stream", "/api/conversations/x/y/z", "/api/%ZZ", "/api/chat/abcdef/stream/more", `/api/${"x".repeat(5000)}`]) {
          const response = await rawRequest({ method: route.method, path: address });
          expectSane(response, `${route.method} ${address.slice(0, 60)}`, true, { oddAddress: true });
        }
        // better-auth's own addresses (its route answers GET and POST only).
        for (const address of route.method === "GET" || route.method === "POST" ? ["/api/auth/nothing-here", "/api/auth/a/b/c/d", "/api/auth/%ZZ"] : []) {
          const response = await rawRequest({ method: route.method, path: address });
          expectSane(response, `${route.method} ${address}`, true, { oddAddress: true, authRoute: true });
        }
      }

      // Unknown and malformed ids, with a valid body where there is one.
      if (route.template.includes("[id]")) {
        for (const id of ODD_IDS) {
          const body = route.body ? JSON.stringify(route.body(target)) : undefined;
          const response = await rawRequest({
            method: route.method,
            path: route.template.replace("[id]", id),
            headers: body ? { "content-type": "application/json" } : {},
            body,
          });
          // The stream of a conversation with nothing running is an empty 204, not an error.
          const emptyStream = route.template.endsWith("/stream") && response.status === 204;
          expectSane(response, `${route.method} ${route.template} id ${id.slice(0, 40)}`, !emptyStream, { oddAddress: true });
        }
      }
    }

    // Valid bodies aimed at things that do not exist.
    const unknown = `unknown${uniqueTag()}`;
    const missing: Array<[string, string, { [key: string]: Json }]> = [
      ["POST", "/api/chat", { trigger: "regenerate", conversationId: unknown, model: "flash", mode: "non-think", parentId: unknown }],
      ["POST", "/api/chat", { trigger: "regenerate", conversationId, model: "flash", mode: "non-think", parentId: unknown }],
      ["POST", "/api/chat", { trigger: "submit", conversationId, model: "flash", mode: "non-think", parentId: unknown, message: { id: unknown, text: `fuzz ${FUZZ_TAG}` } }],
      ["POST", "/api/chat", { trigger: "submit", conversationId: unknown, model: "flash", mode: "non-think", parentId: unknown, message: { id: unknown, text: `fuzz ${FUZZ_TAG}` } }],
      ["POST", `/api/conversations/${conversationId}/versions`, { messageId: unknown, version: 1 }],
      ["POST", `/api/conversations/${conversationId}/versions`, { messageId: target.answerId, version: 99 }],
      ["POST", `/api/conversations/${unknown}/versions`, { messageId: target.answerId, version: 1 }],
      ["PATCH", `/api/conversations/${unknown}`, { title: "Nope" }],
    ];
    for (const [method, url, body] of missing) {
      const response = await rawRequest({ method, path: url, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expectSane(response, `${method} ${url} ${JSON.stringify(body).slice(0, 120)}`, true);
    }
    const stop = await rawRequest({ method: "POST", path: "/api/chat/stop", headers: { "content-type": "application/json" }, body: JSON.stringify({ messageId: unknown }) });
    expect(stop.status).toBe(200);
    expect(JSON.parse(stop.text)).toEqual({ stopped: false });

    // Nothing reached the model, and the conversation aimed at is as it was.
    expect(await receivedRequests(FUZZ_TAG)).toHaveLength(0);
    const after = (await (await request.get("/api/conversations")).json()) as { conversations: Array<{ id: string; title: string }> };
    expect(after.conversations.find((c) => c.id === conversationId)).toEqual(before.conversations.find((c) => c.id === conversationId));
    expect((await pathOf(request, conversationId))?.map((message) => message.id)).toEqual([target.promptId, target.answerId]);

    test.info().annotations.push({ type: "statuses", description: JSON.stringify(Object.fromEntries([...tally].sort(([a], [b]) => a - b))) });
    if (process.env.FUZZ_REPORT) console.log(test.info().annotations);

    // The server still works: a normal request succeeds.
    const fresh = uniqueTag("after");
    await sendPrompt(request, { conversationId: `conv${fresh}`, text: `Still there? ${fresh}` });
    expect(await receivedRequests(fresh)).toHaveLength(1);
    expect(await conversationIds(request)).toContain(`conv${fresh}`);
  });
});
