import { describe, expect, it } from "vitest";
import { ChatError } from "@/lib/errors";
import { readBodyBytes, readJsonBody } from "./request-body";

/** A request whose body arrives in chunks, with no Content-Length (as a chunked upload does). */
function chunkedRequest(chunks: Uint8Array[], onPull?: () => void): Request {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Request("http://127.0.0.1/api/chat", { method: "POST", body, duplex: "half" } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

const encode = (text: string) => new TextEncoder().encode(text);

describe("readBodyBytes", () => {
  it("reads a body within the limit", async () => {
    const bytes = await readBodyBytes(chunkedRequest([encode("ab"), encode("cd")]), 4);
    expect(new TextDecoder().decode(bytes)).toBe("abcd");
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    // Reading this body would fail with a 400: the 413 shows it was never read.
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error("read")) });
    const request = new Request("http://127.0.0.1/api/chat", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-length": "5000" },
    } as RequestInit);
    const error = await refusal(readBodyBytes(request, 4096));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/4 KiB.*MAX_REQUEST_BYTES/);
  });

  it("stops reading a body without a length as soon as it passes the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1000);
    const chunks = Array.from({ length: 100 }, () => chunk);
    const error = await refusal(readBodyBytes(chunkedRequest(chunks, () => (pulled += 1)), 2500));
    expect(error.status).toBe(413);
    expect(error.code).toBe("payload_too_large:request");
    expect(pulled).toBeLessThan(10);
  });

  it("answers 400 when the body breaks off", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("socket hang up"));
      },
    });
    const request = new Request("http://127.0.0.1/api/chat", { method: "POST", body, duplex: "half" } as RequestInit);
    const error = await refusal(readBodyBytes(request, 100));
    expect(error.status).toBe(400);
  });
});

describe("readJsonBody", () => {
  const post = (body: BodyInit | null) => new Request("http://127.0.0.1/api/chat", { method: "POST", body });

  it("parses JSON", async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'), 100)).toEqual({ a: [1, 2] });
    expect(await readJsonBody(post("\ufeff{\"a\":1}"), 100)).toEqual({ a: 1 });
  });

  it("answers 4xx with a message for every malformed body", async () => {
    const cases: Array<[BodyInit | null, RegExp]> = [
      [null, /empty/],
      ["", /empty/],
      ["{not json", /not valid JSON/],
      ['{"a":', /not valid JSON/],
      [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /UTF-8/],
      ["[".repeat(100_000) + "]".repeat(100_000), /./], // deep nesting parses (V8's parser is iterative)
    ];
    for (const [body, message] of cases.slice(0, 5)) {
      const error = await refusal(readJsonBody(post(body), 1000));
      expect(error.status).toBe(400);
      expect(error.message).toMatch(message);
    }
    await expect(readJsonBody(post(cases[5]![0]), 1_000_000)).resolves.toBeInstanceOf(Array);
    expect((await refusal(readJsonBody(post("x".repeat(101)), 100))).status).toBe(413);
  });
});
