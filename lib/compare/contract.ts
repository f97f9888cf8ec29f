// What the comparison view and the server share: the request bodies (checked by zod on the
// server) and the shape of a comparison as the browser shows it. Safe for client components.
import { z } from "zod";
import { getModelInfo, MODEL_KEYS } from "@/lib/ai/catalogue";
import { MODE_LABELS, REASONING_MODES } from "@/lib/ai/modes";
import { clientIdSchema, MAX_DOCUMENTS_PER_MESSAGE, MAX_IMAGES_PER_MESSAGE, MAX_MESSAGE_CHARS, type ChatDataParts, type ChatUIMessage, type ImageFigures } from "@/lib/contract";
import { VOTE_OUTCOMES, type VoteOutcome } from "./results";

export const MIN_PANES = 2;
export const MAX_PANES = 4;

export const paneSetupSchema = z.object({ model: z.enum(MODEL_KEYS), mode: z.enum(REASONING_MODES) });
export type PaneSetup = z.infer<typeof paneSetupSchema>;

/** Flash vs Pro, both in Think High. */
export const DEFAULT_PANES: PaneSetup[] = [
  { model: "flash", mode: "think-high" },
  { model: "pro", mode: "think-high" },
];

/**
 * POST /api/compare: a prompt for every pane. The first one creates the comparison with its panes
 * (and, from "compare this prompt", the chat history before `from.promptId`); later ones follow
 * the prompt `parentId` and must name the same number of panes.
 */
export const startComparisonSchema = z.object({
  conversationId: clientIdSchema,
  parentId: clientIdSchema.nullable(),
  message: z.object({
    id: clientIdSchema,
    text: z.string().trim().min(1, "The message is empty").max(MAX_MESSAGE_CHARS, "The message is too long"),
    /** Documents every pane reads with this prompt (to compare summaries, say). */
    documentIds: z.array(clientIdSchema).max(MAX_DOCUMENTS_PER_MESSAGE, `At most ${MAX_DOCUMENTS_PER_MESSAGE} documents per message`).optional(),
    /** Images (attachment ids from /api/images): panes whose model sees images get them, the others the words only. */
    imageIds: z.array(clientIdSchema).max(MAX_IMAGES_PER_MESSAGE, `At most ${MAX_IMAGES_PER_MESSAGE} images per message`).optional(),
  }),
  panes: z.array(paneSetupSchema).min(MIN_PANES, `Compare at least ${MIN_PANES} answers`).max(MAX_PANES, `Compare at most ${MAX_PANES} answers`),
  blind: z.boolean().default(false),
  from: z.object({ conversationId: clientIdSchema, promptId: clientIdSchema }).optional(),
});
export type StartComparisonRequest = z.input<typeof startComparisonSchema>;

/** POST /api/compare/[id]/retry: another answer in one pane to one prompt. */
export const retryLaneSchema = z.object({ promptId: clientIdSchema, lane: z.number().int().min(0).max(MAX_PANES - 1) });

/** POST /api/compare/[id]/vote. */
export const voteSchema = z
  .object({ promptId: clientIdSchema, outcome: z.enum(VOTE_OUTCOMES), winnerLane: z.number().int().min(0).max(MAX_PANES - 1).nullable().default(null) })
  .refine((vote) => (vote.outcome === "better") === (vote.winnerLane !== null), {
    message: "A 'better' vote names the better pane; a tie or 'both bad' names none",
    path: ["winnerLane"],
  });

/** POST /api/compare/[id]/continue: a new chat from one pane's thread. */
export const continueSchema = z.object({ lane: z.number().int().min(0).max(MAX_PANES - 1), conversationId: clientIdSchema });

export interface ComparisonVote {
  outcome: VoteOutcome;
  winnerLane: number | null;
}

export interface ComparisonTurnView {
  /** The prompt's words, the documents it carries, and its images. */
  prompt: { id: string; text: string; files: Array<ChatDataParts["file"]>; images?: Array<{ attachmentId: string; name: string; image: ImageFigures }> };
  /** By lane: the pane's answer to this prompt (null while it has none). */
  answers: Array<ChatUIMessage | null>;
  vote: ComparisonVote | null;
}

export interface ComparisonView {
  id: string;
  title: string;
  blind: boolean;
  panes: PaneSetup[];
  turns: ComparisonTurnView[];
  /** The chat made from one pane by "Continue with this answer". */
  continued: { conversationId: string; lane: number } | null;
}

/** A pane's setting as words ("V4 Pro · Think High"). */
export function paneLabel(pane: PaneSetup): string {
  return `${getModelInfo(pane.model).label} · ${MODE_LABELS[pane.mode]}`;
}

const SHORT_MODES = { "non-think": "Off", "think-high": "High", "think-max": "Max" } as const;

/** The same, short enough for a phone's tab or vote button ("Pro High"). */
export function paneShortLabel(pane: PaneSetup): string {
  return `${getModelInfo(pane.model).label.replace(/^V4(\.\d+)? /, "")} ${SHORT_MODES[pane.mode]}`;
}
