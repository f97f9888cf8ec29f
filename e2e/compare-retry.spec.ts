import { expect, test } from "@playwright/test";
import { ComparePage } from "./support/compare-page";
import { injectFault, receivedRequests, uniqueTag } from "./support/simulator";

test("a pane whose model is busy shows its own retry countdown, then completes; the other pane is untouched", async ({ page }) => {
  const compare = new ComparePage(page);
  const tag = uniqueTag("cmpbusy");
  // One 429 with a short retry-after: waited out on the server, and said so in that pane only.
  await injectFault(tag, { kind: "status", status: 429, retryAfter: 3 }, 1, { model: "flash" });
  await compare.open();
  await compare.send(`Busy pane ${tag}`);
  const flash = compare.pane("V4.1 Flash · Think High");
  const pro = compare.pane("V4 Pro · Think High");
  await expect(flash.getByTestId("answer-retrying")).toContainText(/trying again in \d s \(attempt 2 of 3\)/);
  await expect(pro.getByTestId("answer-retrying")).toHaveCount(0);
  await compare.waitForAllToEnd();
  await expect(flash.getByTestId("pane-answer")).toHaveAttribute("data-status", "complete");
  await expect(flash.getByTestId("answer-retrying")).toHaveCount(0);
  await expect(pro.getByTestId("pane-answer")).toHaveAttribute("data-status", "complete");
  const requests = await receivedRequests(tag);
  expect(requests.filter((request) => request.body.model.includes("flash"))).toHaveLength(2);
  expect(requests.filter((request) => request.body.model.includes("pro"))).toHaveLength(1);
});
