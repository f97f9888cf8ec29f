import "server-only";
import { isModelKey } from "@/lib/ai/catalogue";
import { isReasoningMode } from "@/lib/ai/modes";
import { toUIMessage } from "@/lib/chat/answer-record";
import type { StoredPart } from "@/lib/contract";
import type { StoredComparison } from "@/lib/db/comparisons";
import type { ComparisonView, PaneSetup } from "./contract";
import { VOTE_OUTCOMES, type VoteOutcome } from "./results";
import { comparisonTurns } from "./thread";

/** A stored comparison as the browser shows it: its panes, and per prompt each pane's answer and the vote. */
export function toComparisonView(stored: StoredComparison): ComparisonView {
  const panes = narrowPanes(stored.setup.panes);
  const votes = new Map(stored.votes.map((vote) => [vote.promptId, vote]));
  const { continuedConversationId, continuedLane } = stored.setup;
  return {
    id: stored.conversation.id,
    title: stored.conversation.title,
    blind: stored.setup.blind,
    panes,
    turns: comparisonTurns(stored.messages, panes.length).map((turn) => {
      const vote = votes.get(turn.prompt.id);
      return {
        prompt: {
          id: turn.prompt.id,
          text: turn.prompt.content,
          files: turn.prompt.parts.flatMap((part) =>
            part.type === "file" && !part.image ? [{ attachmentId: part.attachmentId, name: part.name, mediaType: part.mediaType, size: part.size, document: part.document }] : [],
          ),
          ...promptImages(turn.prompt.parts),
        },
        answers: turn.answers.map((answer) => (answer ? toUIMessage(answer.message, answer.version) : null)),
        vote:
          vote && (VOTE_OUTCOMES as readonly string[]).includes(vote.outcome)
            ? { outcome: vote.outcome as VoteOutcome, winnerLane: vote.winnerLane }
            : null,
      };
    }),
    continued: continuedConversationId && continuedLane !== null ? { conversationId: continuedConversationId, lane: continuedLane } : null,
  };
}

/** A prompt's images, for its thumbnails. */
function promptImages(parts: readonly StoredPart[]) {
  const images = parts.flatMap((part) => (part.type === "file" && part.image ? [{ attachmentId: part.attachmentId, name: part.name, image: part.image }] : []));
  return images.length > 0 ? { images } : {};
}

/** Stored pane settings with their model and mode checked (an unknown one reads as the default). */
export function narrowPanes(panes: ReadonlyArray<{ model: string; mode: string }>): PaneSetup[] {
  return panes.map((pane) => ({
    model: isModelKey(pane.model) ? pane.model : "flash",
    mode: isReasoningMode(pane.mode) ? pane.mode : "think-high",
  }));
}
