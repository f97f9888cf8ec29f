import type { LanguageModelUsage } from "ai";
import { splitInput } from "@/lib/usage/cost";
import type { AnswerUsage } from "@/lib/contract";

/**
 * Follows one answer as it streams: the text, the reasoning, and the moments that the figures
 * under the answer are made of (time to first token, reasoning time, duration).
 */
export class AnswerRecorder {
  text = "";
  reasoning = "";
  finishReason: string | undefined;
  /** The model version the upstream reported (its stream's `model` field). */
  modelVersion: string | undefined;
  usage: LanguageModelUsage | undefined;
  /** The upstream's usage object as it sent it (OpenRouter adds the charged `cost`). */
  rawUsage: unknown;
  private readonly startedAt = performance.now();
  private firstTokenAt: number | undefined;
  private reasoningStartedAt: number | undefined;
  private reasoningEndedAt: number | undefined;
  private endedAt: number | undefined;

  addReasoning(delta: string): void {
    const now = performance.now();
    this.firstTokenAt ??= now;
    this.reasoningStartedAt ??= now;
    this.reasoning += delta;
  }

  endReasoning(): void {
    if (this.reasoningStartedAt !== undefined) this.reasoningEndedAt ??= performance.now();
  }

  addText(delta: string): void {
    const now = performance.now();
    this.firstTokenAt ??= now;
    if (this.reasoningStartedAt !== undefined) this.reasoningEndedAt ??= now;
    this.text += delta;
  }

  end(): void {
    this.endedAt ??= performance.now();
    this.endReasoning();
  }

  get hasOutput(): boolean {
    return this.text.length > 0 || this.reasoning.length > 0;
  }

  get ttftMs(): number | undefined {
    return this.firstTokenAt === undefined ? undefined : Math.round(this.firstTokenAt - this.startedAt);
  }

  get reasoningMs(): number | undefined {
    if (this.reasoningStartedAt === undefined) return undefined;
    const end = this.reasoningEndedAt ?? this.endedAt ?? performance.now();
    return Math.round(end - this.reasoningStartedAt);
  }

  get durationMs(): number {
    return Math.round((this.endedAt ?? performance.now()) - this.startedAt);
  }

  /** Token counts, when the upstream reported them (a broken stream has none). */
  answerUsage(): AnswerUsage | undefined {
    const usage = this.usage;
    if (!usage || usage.inputTokens === undefined) return undefined;
    const input = usage.inputTokens;
    return {
      inputTokens: input,
      ...splitInput(input, usage.inputTokenDetails?.cacheReadTokens),
      outputTokens: usage.outputTokens ?? 0,
      reasoningTokens: usage.outputTokenDetails?.reasoningTokens ?? 0,
    };
  }
}
