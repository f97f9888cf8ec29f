import { expect, test } from "@playwright/test";
import { makeScannedPdf } from "./support/document-fixtures";
import { makePng } from "./support/image-fixtures";
import { ChatPage } from "./support/chat-page";
import { pasteImage } from "./support/paste-image";
import { receivedRequests, uniqueTag } from "./support/simulator";

test.describe("images for Flash", () => {
  test("paste an image, see its thumbnail, send it to Flash, see the answer and its cost; a reload keeps it", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.chooseModel("Flash");
    // Larger than 2048 px: downscaled in the browser before upload.
    await pasteImage(page, { width: 3000, height: 1500, name: "chart.png" });

    const draft = page.getByTestId("draft-image");
    await expect(draft).toHaveAttribute("data-state", "ready");
    await expect(draft.getByRole("button", { name: "View chart.png (2048×1024 · ≈384 tokens)" })).toBeVisible();
    await expect(page.getByTestId("image-estimate")).toHaveText(/^1 image · ≈384 input tokens · ≈<?\$[\d.]+ on V4\.1 Flash$/);

    const tag = uniqueTag("img");
    await chat.send(`${tag} what does this chart show?`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(page.getByTestId("image-tray")).toHaveCount(0);
    await expect(chat.lastAnswer()).toContainText("I see 1 image: a PNG of 2048×1024 pixels");
    await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText("$");

    // The upstream got the image as DeepSeek expects it: an image_url block with a data URL, before the words.
    const [request] = await receivedRequests(tag);
    const content = request!.body.messages.at(-1)!.content as Array<{ type: string; image_url?: { url: string }; text?: string }>;
    expect(content.map((part) => part.type)).toEqual(["image_url", "text"]);
    expect(content[0]!.image_url!.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(content[1]!.text).toBe(`${tag} what does this chart show?`);

    // The conversation shows it; a click opens it larger, Escape closes.
    const thumb = chat.userMessages.last().getByTestId("image-thumb");
    await expect(thumb).toBeVisible();
    await thumb.click();
    const viewer = page.getByRole("dialog", { name: /chart\.png/ });
    await expect(viewer).toBeVisible();
    await expect(viewer.getByRole("img", { name: "chart.png" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(viewer).toHaveCount(0);

    await page.reload();
    const again = chat.userMessages.last().getByTestId("image-thumb");
    await expect(again).toBeVisible();
    await expect.poll(() => again.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2048);
  });

  test("with Pro selected, the image is refused with its message and nothing is sent", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.chooseModel("Pro");
    await pasteImage(page, { width: 400, height: 300, name: "photo.png" });
    const notice = page.getByTestId("vision-notice");
    await expect(notice).toContainText("Images need V4.1 Flash. V4 Pro cannot see images, so nothing is sent until you switch or remove them.");

    const tag = uniqueTag("pro");
    await chat.composer.fill(`${tag} describe it`);
    await expect(page.getByRole("button", { name: "Send message" })).toBeDisabled();
    await chat.composer.press("Enter");
    await expect(chat.userMessages).toHaveCount(0);
    await expect(chat.composer).toHaveValue(`${tag} describe it`);
    expect(await receivedRequests(tag)).toEqual([]);

    // The way out: switch to Flash, and the same message goes.
    await notice.getByRole("button", { name: "Switch to V4.1 Flash" }).click();
    await expect(chat.selectedModel()).toHaveAccessibleName(/Flash/);
    await expect(notice).toHaveCount(0);
    await chat.composer.press("Enter");
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer()).toContainText("I see 1 image: a PNG of 400×300 pixels");
  });

  test("the server refuses images for Pro with a 400, and files that are not images", async ({ page }) => {
    const request = page.request;
    await page.goto("/");
    const upload = await request.post("/api/images", {
      headers: { "content-type": "application/octet-stream", "x-file-name": "dot.png" },
      data: makePng(8, 8),
    });
    expect(upload.status()).toBe(201);
    const { image } = (await upload.json()) as { image: { attachmentId: string; width: number; tokens: number } };
    expect(image).toMatchObject({ width: 8, tokens: 1 });

    const tag = uniqueTag("api");
    const chat = await request.post("/api/chat", {
      data: { trigger: "submit", conversationId: `c${tag}`, model: "pro", mode: "non-think", parentId: null, message: { id: `m${tag}`, text: tag, imageIds: [image.attachmentId] } },
    });
    expect(chat.status()).toBe(400);
    expect(((await chat.json()) as { error: { message: string } }).error.message).toBe("Images need V4.1 Flash: V4 Pro cannot see images. Switch to V4.1 Flash, or remove the images.");
    expect(await receivedRequests(tag)).toEqual([]);

    const fake = await request.post("/api/images", {
      headers: { "content-type": "application/octet-stream", "x-file-name": "notes.png" },
      data: Buffer.from("just some text, not a picture"),
    });
    expect(fake.status()).toBe(415);
    expect(((await fake.json()) as { error: { message: string } }).error.message).toBe("“notes.png” is not an image V4 Chat can read: images must be PNG, JPEG, WebP or GIF.");
  });

  test("a file named .png that is not an image is refused in the composer with the reason", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await page.getByTestId("attach-input").setInputFiles([{ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n") }]);
    await expect(page.getByTestId("draft-image")).toHaveAttribute("data-state", "failed");
    await expect(page.getByTestId("image-error")).toHaveText("“fake.png” is a PDF file: images must be PNG, JPEG, WebP or GIF.");
  });

  test("in Chinese, the refusal of a file named .png that is not an image is in Chinese", async ({ browser }) => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("textbox", { name: "消息" })).toBeVisible();
    await page.getByTestId("attach-input").setInputFiles([{ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n") }]);
    await expect(page.getByTestId("draft-image")).toHaveAttribute("data-state", "failed");
    await expect(page.getByTestId("image-error")).toHaveText("“fake.png”是 PDF 文件：图片必须是 PNG、JPEG、WebP 或 GIF 格式。");
    await context.close();
  });

  test("an upload the connection drops, or the server answers without words, says so in the page's language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("textbox", { name: "消息" })).toBeVisible();
    const png = { name: "chart.png", mimeType: "image/png", buffer: makePng(64, 48) };
    await page.route("**/api/images", (route) => route.abort("connectionreset"));
    await page.getByTestId("attach-input").setInputFiles([png]);
    await expect(page.getByTestId("image-error")).toHaveText("无法发送“chart.png”：连接失败。");
    await page.unroute("**/api/images");
    await page.route("**/api/images", (route) => route.fulfill({ status: 502, body: "Bad Gateway" }));
    await page.getByTestId("attach-input").setInputFiles([png]);
    await expect(page.getByTestId("image-error").nth(1)).toHaveText("上传失败（HTTP 502）。");
    await context.close();
  });

  test("a comparison with an image: the Flash pane sees it, the Pro pane gets the words and says so", async ({ page }) => {
    await page.goto("/compare");
    await pasteImage(page, { width: 640, height: 480, name: "diagram.png", into: "Prompt for every pane" });
    const tray = page.getByTestId("compare-image-tray");
    await expect(tray.getByTestId("draft-image")).toHaveAttribute("data-state", "ready");
    await expect(tray.getByTestId("compare-vision-note")).toHaveText("V4 Pro · Think High cannot see images: that pane gets the words only.");

    const tag = uniqueTag("cmp");
    await page.getByRole("textbox", { name: "Prompt for every pane" }).fill(`${tag} explain the diagram`);
    await page.getByRole("button", { name: "Send to every pane" }).click();
    const panes = page.getByTestId("compare-pane");
    await expect(panes).toHaveCount(2);
    await expect(panes.nth(0)).toContainText("I see 1 image: a PNG of 640×480 pixels", { timeout: 45_000 });
    await expect(panes.nth(1).getByTestId("pane-no-vision")).toHaveText("This model cannot see images: it got the words only.");
    await expect(panes.nth(0).getByTestId("pane-no-vision")).toHaveCount(0);

    const requests = await receivedRequests(tag);
    const flash = requests.find((request) => request.body.model === "deepseek-flash")!;
    const pro = requests.find((request) => request.body.model === "deepseek-v4-pro")!;
    expect((flash.body.messages.at(-1)!.content as Array<{ type: string }>).map((part) => part.type)).toEqual(["image_url", "text"]);
    expect(pro.body.messages.at(-1)!.content).toBe(`[An image was attached here (“diagram.png”); this model cannot see images.]\n\n${tag} explain the diagram`);
  });

  test("a scanned PDF (no text layer) becomes its pages' images, read by Flash", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await chat.chooseModel("Flash");
    await page.getByTestId("attach-input").setInputFiles([{ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(await makeScannedPdf(2)) }]);
    const drafts = page.getByTestId("draft-image");
    await expect(drafts).toHaveCount(2);
    await expect(drafts.nth(0).getByRole("button", { name: "View scan.pdf, page 1 of 2 (1190×1684 · ≈384 tokens)" })).toBeVisible();
    await expect(drafts.nth(1).getByRole("button", { name: "View scan.pdf, page 2 of 2 (1190×1684 · ≈384 tokens)" })).toBeVisible();
    await expect(page.getByTestId("document-card")).toHaveCount(0);
    await expect(page.getByTestId("image-estimate")).toHaveText(/^2 images · ≈768 input tokens/);

    const tag = uniqueTag("scan");
    await chat.send(`${tag} summarise the scan`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer()).toContainText("I see 2 images: a JPEG of 1190×1684 pixels");
    const [request] = await receivedRequests(tag);
    const content = request!.body.messages.at(-1)!.content as Array<{ type: string; image_url?: { url: string } }>;
    expect(content.map((part) => part.type)).toEqual(["image_url", "image_url", "text"]);
    expect(content[0]!.image_url!.url).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  });
});
