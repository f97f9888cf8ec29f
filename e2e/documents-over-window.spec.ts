import { expect, test } from "@playwright/test";
import { DOCUMENT_WINDOW_TOKENS_UNDER_TEST, SIMULATOR_PORT } from "../playwright.config";
import { makePdf } from "./support/document-fixtures";
import { ChatPage } from "./support/chat-page";
import { uniqueTag, type ReceivedRequest } from "./support/simulator";

/** Every request the simulator received whose last user message has `match`, streamed or not. */
async function allRequests(match: string): Promise<ReceivedRequest[]> {
  const response = await fetch(`http://127.0.0.1:${SIMULATOR_PORT}/__sim/requests?match=${encodeURIComponent(match)}`);
  return ((await response.json()) as { requests: ReceivedRequest[] }).requests;
}

const contentOf = (request: ReceivedRequest) => request.body.messages.map((message) => (typeof message.content === "string" ? message.content : "")).join("\n");

test("a document longer than the window is read in parts, with progress, then combined", async ({ page }) => {
  test.setTimeout(120_000);
  const chat = new ChatPage(page);
  await chat.open();
  const tag = uniqueTag("long");
  const pages = 60;
  await page.getByTestId("attach-input").setInputFiles({ name: `${tag}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(await makePdf(pages, 20, tag)) });
  const card = page.getByTestId("document-tray").getByTestId("document-card");
  await expect(card).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("estimate-over-window")).toContainText("read in parts");

  await page.getByTestId("preset-key-points").click();
  // Which part is being read shows while it happens, then the answer streams from the summaries.
  await expect(page.getByTestId("document-parts-label")).toContainText(new RegExp(`Reading “${tag}.pdf” in parts: part \\d of \\d`));
  expect(await chat.waitForAnswerToEnd()).toBe("complete");
  await expect(chat.lastAnswer().getByTestId("answer-text")).not.toBeEmpty();

  const requests = await allRequests(tag);
  const partRequests = requests.filter((request) => contentOf(request).includes(`of the document “${tag}.pdf”, which is too long`));
  const final = requests.filter((request) => request.body.stream === true && contentOf(request).includes("read-in-parts="));
  expect(partRequests.length).toBeGreaterThanOrEqual(2);
  expect(final).toHaveLength(1);
  const parts = partRequests.length;

  // Nothing cut: every page went to exactly one part, and each part fits the window.
  const partTexts = partRequests.map(contentOf);
  for (let number = 1; number <= pages; number++) {
    expect(partTexts.filter((text) => text.includes(`--- Page ${number} of ${pages} ---`))).toHaveLength(1);
  }
  for (const text of partTexts) expect(text.length / 3.5).toBeLessThan(DOCUMENT_WINDOW_TOKENS_UNDER_TEST);
  // The answer reads the parts' summaries, said to be such, not the whole text.
  const finalText = contentOf(final[0]!);
  expect(finalText).toContain(`read-in-parts="${parts}"`);
  expect(finalText).toContain(`### Part ${parts} of ${parts}`);
  expect(finalText).not.toContain(`--- Page ${pages} of ${pages} ---`);

  // A follow-up reuses the parts' summaries (no part is read again) from the same prefix, so it hits the cache.
  await chat.send(`And the risks? ${tag}`);
  expect(await chat.waitForAnswerToEnd()).toBe("complete");
  await expect(chat.lastAnswer().getByTestId("document-parts-progress")).toHaveCount(0);
  await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText(/cached/);
  const after = await allRequests(tag);
  expect(after.filter((request) => contentOf(request).includes(`of the document “${tag}.pdf”, which is too long`))).toHaveLength(parts);
  const followUp = after.filter((request) => request.body.stream === true && contentOf(request).includes("read-in-parts=")).pop()!;
  expect(followUp.body.messages[0]).toEqual(final[0]!.body.messages[0]);
});
