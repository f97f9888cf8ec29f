import { expect, type Locator, type Page } from "@playwright/test";

/** The chat page as a user works it: type, pick a model and mode, read answers. */
export class ChatPage {
  readonly composer: Locator;
  readonly answers: Locator;
  readonly userMessages: Locator;
  readonly sidebar: Locator;

  constructor(readonly page: Page) {
    this.composer = page.getByRole("textbox", { name: "Message" });
    this.answers = page.getByTestId("assistant-message");
    this.userMessages = page.getByTestId("user-message");
    this.sidebar = page.getByRole("navigation", { name: "Conversations" });
  }

  async open(path = "/"): Promise<void> {
    await this.page.goto(path);
    await expect(this.composer).toBeVisible();
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  async chooseModel(label: "Flash" | "Pro"): Promise<void> {
    await this.page.getByRole("radiogroup", { name: "Model" }).getByRole("radio", { name: label }).click();
  }

  async chooseMode(label: "Non-think" | "Think High" | "Think Max"): Promise<void> {
    await this.page.getByRole("radiogroup", { name: "Reasoning mode" }).getByRole("radio", { name: label }).click();
  }

  selectedModel(): Locator {
    return this.page.getByRole("radiogroup", { name: "Model" }).getByRole("radio", { checked: true });
  }

  selectedMode(): Locator {
    return this.page.getByRole("radiogroup", { name: "Reasoning mode" }).getByRole("radio", { checked: true });
  }

  lastAnswer(): Locator {
    return this.answers.last();
  }

  /** Waits until the last answer has ended (in any status) and returns that status. */
  async waitForAnswerToEnd(): Promise<string> {
    const answer = this.lastAnswer();
    await expect(answer).toBeVisible();
    await expect(answer).not.toHaveAttribute("data-status", "streaming", { timeout: 45_000 });
    await expect(this.page.getByRole("button", { name: "Send message" })).toBeVisible();
    return (await answer.getAttribute("data-status")) ?? "";
  }

  conversationIdFromUrl(): string {
    const match = /\/c\/([A-Za-z0-9_-]+)/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`not on a conversation page: ${this.page.url()}`);
    return match[1];
  }
}
