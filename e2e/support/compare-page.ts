import { expect, type Locator, type Page } from "@playwright/test";
import type { ComparisonView } from "../../lib/compare/contract";

/** The comparison view as a user works it: set up panes, send, read panes, vote. */
export class ComparePage {
  readonly prompt: Locator;
  readonly panes: Locator;

  constructor(readonly page: Page) {
    this.prompt = page.getByRole("textbox", { name: "Prompt for every pane" });
    this.panes = page.getByTestId("compare-pane");
  }

  async open(path = "/compare"): Promise<void> {
    await this.page.goto(path);
    await expect(this.prompt).toBeVisible();
  }

  async setPanes(setups: Array<{ model: "V4.1 Flash" | "V4 Pro"; mode: "Non-think" | "Think High" | "Think Max" }>): Promise<void> {
    await this.page.getByRole("radiogroup", { name: "Number of panes" }).getByRole("radio", { name: String(setups.length) }).click();
    for (const [index, setup] of setups.entries()) {
      await this.page.getByLabel(`Pane ${index + 1} model`, { exact: true }).selectOption({ label: setup.model });
      await this.page.getByLabel(`Pane ${index + 1} mode`, { exact: true }).selectOption({ label: setup.mode });
    }
  }

  /** Sends, and waits until the comparison took the prompt (the box empties once the server has the turn). */
  async send(text: string): Promise<void> {
    await this.prompt.fill(text);
    // As a person would: Enter once Send is on (the page is alive, no pane still writing).
    await expect(this.page.getByRole("button", { name: "Send to every pane" })).toBeEnabled();
    await this.prompt.press("Enter");
    await expect(this.prompt).toHaveValue("", { timeout: 15_000 });
  }

  /** The pane named `name` (its model and mode, or "Answer A" when blind). */
  pane(name: string): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  /** Waits until no pane is writing any more. */
  async waitForAllToEnd(): Promise<void> {
    await expect(this.page.getByTestId("compare-view")).toHaveAttribute("data-comparison-id", /.+/);
    await expect(this.page.locator('[data-testid="pane-answer"][data-status="streaming"]')).toHaveCount(0, { timeout: 45_000 });
    await expect(this.panes.first()).not.toHaveAttribute("data-status", "streaming");
  }

  async comparisonId(): Promise<string> {
    const id = await this.page.getByTestId("compare-view").getAttribute("data-comparison-id");
    if (!id) throw new Error("no comparison yet");
    return id;
  }

  /** The comparison as the server has it. */
  async saved(): Promise<ComparisonView> {
    const response = await this.page.request.get(`/api/compare/${await this.comparisonId()}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { comparison: ComparisonView }).comparison;
  }
}

/** The answer text of a pane's last answer. */
export function lastAnswerText(pane: Locator): Locator {
  return pane.getByTestId("pane-answer").last().getByTestId("pane-answer-text");
}
