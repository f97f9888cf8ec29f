// Images end to end on the server: checked from their bytes, stored as attachments, and sent to
// the offline simulator over HTTP through the real DeepSeek provider. What is checked is the
// request body the upstream received, the stored rows and the answer.
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataUrl, makePng } from "@/e2e/support/image-fixtures";
import type { Backend } from "@/lib/ai/backends/types";
import { sendChatMessage } from "@/lib/chat/send";
import { loggedRequests, readAll, simulatorBackend, startTestSimulator, uniqueTag } from "@/lib/chat/test-helpers";
import type { ChatRequest } from "@/lib/contract";
import { listMessages } from "@/lib/db/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import { ChatError } from "@/lib/errors";
import type { RunningSimulator } from "@/lib/simulator/server";
import { LocalFolderStore } from "@/lib/storage/local-folder";
import { estimateImageTokens } from "./formats";
import { inspectImage } from "./inspect";
import { uploadImage, visionRefusal } from "./service";
import { createOpenRouterBackend, createSelfHostedBackend } from "@/lib/ai/backends/openai-compatible";

let t: TestDatabase;
let sim: RunningSimulator;
let backend: Backend;
let store: LocalFolderStore;

beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), startTestSimulator()]);
  backend = simulatorBackend(sim);
  store = new LocalFolderStore(mkdtempSync(path.join(t.dir, "files-")));
  await t.db.user.createMany({ data: [{ id: "alice", name: "Alice" }, { id: "bob", name: "Bob" }] });
});
afterAll(async () => {
  await Promise.all([t.cleanup(), sim.close()]);
});

function submit(conversationId: string, parentId: string | null, text: string, model: "flash" | "pro", imageIds: string[] = []): ChatRequest {
  return { trigger: "submit", conversationId, model, mode: "non-think", parentId, message: { id: uniqueTag("m").replace(/-/g, "_"), text, ...(imageIds.length ? { imageIds } : {}) } };
}

async function send(userId: string, request: ChatRequest) {
  const generation = await sendChatMessage({ db: t.db, userId, backend, request, store });
  await readAll(generation.stream());
  return { ...(await generation.done), id: generation.messageId };
}

describe("checking images from their bytes", () => {
  it("reads the type and pixel size from the bytes, whatever the name says", async () => {
    const png = makePng(64, 48);
    expect(await inspectImage(png, "photo.jpg")).toEqual({ mediaType: "image/png", width: 64, height: 48, tokens: estimateImageTokens({ width: 64, height: 48 }) });
    expect(estimateImageTokens({ width: 64, height: 48 })).toBe(4);
    expect(estimateImageTokens({ width: 2048, height: 1536 })).toBe(384);
  });

  it("refuses what is not a PNG, JPEG, WebP or GIF, empty, damaged or too large", async () => {
    const refusal = (bytes: Uint8Array) => inspectImage(bytes, "x.png").then(() => null, (error: ChatError) => [error.code, error.message]);
    expect(await refusal(new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"))).toEqual(["unsupported_media_type:image", "“x.png” is a PDF file: images must be PNG, JPEG, WebP or GIF."]);
    expect(await refusal(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toEqual(["unsupported_media_type:image", expect.stringContaining("images must be PNG, JPEG, WebP or GIF")]);
    expect(await refusal(new Uint8Array(0))).toEqual(["bad_request:image", "“x.png” is empty (0 bytes)."]);
    expect(await refusal(Buffer.concat([makePng(8, 8).subarray(0, 16), Buffer.alloc(8), makePng(8, 8).subarray(24)]))).toEqual(["unprocessable:image", expect.stringContaining("damaged")]);
    expect(await refusal(makePng(2049, 10))).toEqual(["payload_too_large:image", expect.stringContaining("2049×10 pixels")]);
    expect(await refusal(new Uint8Array(10 * 1024 * 1024 + 1))).toEqual(["payload_too_large:image", expect.stringContaining("at most 10 MiB")]);
  });
});

describe("images in a chat turn", () => {
  it("sends them to Flash as image_url data URLs before the words, as the simulator received them, and stores them with the prompt", async () => {
    const tag = uniqueTag("look");
    const first = makePng(40, 30, [255, 0, 0]);
    const second = makePng(64, 64, [0, 128, 0]);
    const a = await uploadImage({ db: t.db, store, userId: "alice", name: "red.png", bytes: first });
    const b = await uploadImage({ db: t.db, store, userId: "alice", name: "green.png", bytes: second });
    const conversationId = uniqueTag("c").replace(/-/g, "_");
    const answer = await send("alice", submit(conversationId, null, `${tag} what are these?`, "flash", [a.attachmentId, b.attachmentId]));

    const [body] = (await loggedRequests(sim, tag)).filter((request) => request.messages?.[0]?.role !== "system");
    expect(body?.model).toBe("deepseek-flash");
    expect(body?.messages?.at(-1)).toEqual({
      role: "user",
      content: [
        { type: "image_url", image_url: { url: dataUrl("image/png", first) } },
        { type: "image_url", image_url: { url: dataUrl("image/png", second) } },
        { type: "text", text: `${tag} what are these?` },
      ],
    });
    expect(answer.text).toMatch(/^I see 2 images: a PNG of 40×30 pixels \(\d+ bytes\); a PNG of 64×64 pixels \(\d+ bytes\)\./);
    // Billed: the tiles of both images on top of the words.
    expect(answer.usage?.inputTokens).toBeGreaterThan(a.tokens + b.tokens);

    const prompt = (await listMessages({ db: t.db, userId: "alice", conversationId })).find((message) => message.role === "user");
    expect(prompt?.parts).toEqual([
      { type: "file", attachmentId: a.attachmentId, name: "red.png", mediaType: "image/png", size: first.byteLength, image: { width: 40, height: 30, tokens: 2 } },
      { type: "file", attachmentId: b.attachmentId, name: "green.png", mediaType: "image/png", size: second.byteLength, image: { width: 64, height: 64, tokens: 4 } },
      { type: "text", text: `${tag} what are these?` },
    ]);
  });

  it("refuses images for Pro before anything is stored or sent", async () => {
    const tag = uniqueTag("pro");
    const image = await uploadImage({ db: t.db, store, userId: "alice", name: "a.png", bytes: makePng(10, 10) });
    const conversationId = uniqueTag("c").replace(/-/g, "_");
    const error = await send("alice", submit(conversationId, null, tag, "pro", [image.attachmentId])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe("bad_request:image");
    expect((error as ChatError).message).toBe("Images need V4.1 Flash: V4 Pro cannot see images. Switch to V4.1 Flash, or remove the images.");
    expect(await listMessages({ db: t.db, userId: "alice", conversationId })).toEqual([]);
    expect(await loggedRequests(sim, tag)).toEqual([]);
  });

  it("refuses another person's image as missing", async () => {
    const image = await uploadImage({ db: t.db, store, userId: "bob", name: "b.png", bytes: makePng(10, 10) });
    const error = await send("alice", submit(uniqueTag("c").replace(/-/g, "_"), null, "hi", "flash", [image.attachmentId])).catch((caught: unknown) => caught);
    expect((error as ChatError).code).toBe("not_found:image");
  });

  it("tells Pro, later in the conversation, where an image was instead of sending it", async () => {
    const tag = uniqueTag("later");
    const image = await uploadImage({ db: t.db, store, userId: "alice", name: "chart.png", bytes: makePng(20, 20) });
    const conversationId = uniqueTag("c").replace(/-/g, "_");
    const first = await send("alice", submit(conversationId, null, `${tag} first`, "flash", [image.attachmentId]));
    await send("alice", submit(conversationId, first.id, `${tag} second`, "pro"));
    const [body] = (await loggedRequests(sim, `${tag} second`)).filter((request) => request.messages?.[0]?.role !== "system");
    expect(body?.model).toBe("deepseek-v4-pro");
    expect(body?.messages?.[0]).toEqual({ role: "user", content: `[An image was attached here (“chart.png”); this model cannot see images.]\n\n${tag} first` });
  });
});

describe("the simulator's image blocks", () => {
  const post = (body: unknown) =>
    fetch(`${sim.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-test" }, body: JSON.stringify(body) });
  const withImage = (model: string, url: string) => ({
    model,
    thinking: { type: "disabled" },
    messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }, { type: "text", text: "what is it?" }] }],
  });

  it("refuses images sent to Pro with a 400 and a clear message", async () => {
    const response = await post(withImage("deepseek-v4-pro", dataUrl("image/png", makePng(4, 4))));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      "The model deepseek-v4-pro does not support image input. Images can be sent to deepseek-flash (DeepSeek-V4.1-Flash).",
    );
  });

  it("refuses bytes that are no image, and URLs it cannot fetch", async () => {
    const notImage = await post(withImage("deepseek-flash", `data:image/png;base64,${Buffer.from("hello").toString("base64")}`));
    expect(notImage.status).toBe(400);
    expect(await notImage.text()).toContain("supported formats are JPEG, PNG, GIF and WebP");
    const remote = await post(withImage("deepseek-flash", "https://example.com/a.png"));
    expect(remote.status).toBe(400);
  });

  it("bills each image by its tiles, and a repeated image is a cache hit", async () => {
    const body = withImage("deepseek-flash", dataUrl("image/png", makePng(320, 320)));
    const first = (await (await post(body)).json()) as { usage: { prompt_tokens: number; prompt_cache_hit_tokens: number }; choices: [{ message: { content: string } }] };
    const text = (await (await post({ ...body, messages: [{ role: "user", content: "what is it?" }] })).json()) as { usage: { prompt_tokens: number } };
    expect(first.usage.prompt_tokens - text.usage.prompt_tokens).toBe(100);
    expect(first.choices[0].message.content).toMatch(/^I see 1 image: a PNG of 320×320 pixels/);
  });
});

describe("which backends and models see images", () => {
  it("Flash does on DeepSeek, OpenRouter and the simulator; Pro never; a self-hosted server does not", () => {
    const openRouter = createOpenRouterBackend({ baseURL: "http://127.0.0.1:1/v1", apiKey: "k" });
    const selfHosted = createSelfHostedBackend({ baseURL: "http://gpu-box:8000/v1", dialect: "vllm", contextWindow: 1_048_576 });
    expect([backend.vision("flash"), backend.vision("pro"), openRouter.vision("flash"), openRouter.vision("pro"), selfHosted.vision("flash")]).toEqual([true, false, true, false, false]);
    expect(visionRefusal(backend, "flash")).toBeNull();
    expect(visionRefusal(openRouter, "pro")?.message).toBe("Images need V4.1 Flash: V4 Pro cannot see images. Switch to V4.1 Flash, or remove the images.");
    expect(visionRefusal(selfHosted, "flash")?.message).toBe("vLLM at gpu-box:8000 does not read images. Remove them to send this message.");
  });
});
