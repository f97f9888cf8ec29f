// Comparison queries. A comparison is a conversation of kind "comparison": its prompts form a
// chain (each follow-up's parent is the prompt before it) and each prompt's answers are its
// children with a `lane`, one per pane (see lib/compare/thread.ts). Its set-up (panes, blind)
// and votes sit in their own tables. Every function is scoped by `userId`.
import type { Db } from "./client";
import type { Prisma } from "./generated/client";
import { insertSelectedVersion, listMessages } from "./messages";
import { isUniqueViolation } from "./prisma-errors";
import type { AnswerStart } from "./turns";
import { type Conversation, type Message, toConversation } from "./types";

type Tx = Prisma.TransactionClient;

export interface PaneSetup {
  model: string;
  mode: string;
}

export interface ComparisonSetup {
  panes: PaneSetup[];
  blind: boolean;
  continuedConversationId: string | null;
  continuedLane: number | null;
}

export interface StoredVote {
  promptId: string;
  outcome: string;
  winnerLane: number | null;
}

/** Why a comparison turn could not start (mapped to words by lib/compare/send.ts). */
export class ComparisonRejected extends Error {
  constructor(readonly reason: "no_comparison" | "no_parent" | "duplicate_message" | "no_lane") {
    super(`comparison rejected: ${reason}`);
    this.name = "ComparisonRejected";
  }
}

/** A message copied into a new comparison or chat (earlier history): content and the answer's record. */
export type CopiedMessage = Omit<Prisma.MessageUncheckedCreateInput, "id" | "conversationId" | "parentId" | "seq" | "selected" | "lane" | "createdAt" | "updatedAt"> & {
  role: "user" | "assistant";
};

export interface ComparisonTurnInput {
  userId: string;
  conversationId: string;
  /** The prompt this one follows (null for the first). */
  parentId: string | null;
  prompt: { id: string; text: string; parts: string };
  /** One per pane, in lane order. */
  answers: AnswerStart[];
  /** For a new comparison: its title, set-up and the history it starts from. */
  create: { title: string; blind: boolean; carried: CopiedMessage[] };
}

export interface ReservedComparisonTurn {
  conversation: Conversation;
  prompt: Message;
  /** The reserved answers, by lane. */
  answers: Message[];
  messages: Message[];
}

/**
 * Saves a prompt and reserves one answer per pane, in one transaction (the comparison is created
 * on its first prompt, with any carried history). Checks come first; a rejected turn writes nothing.
 */
export async function reserveComparisonTurn({ db, ...input }: ComparisonTurnInput & { db: Db }): Promise<ReservedComparisonTurn> {
  try {
    return await db.$transaction((tx: Tx) => reserve(tx, input));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ComparisonRejected(input.parentId === null ? "no_comparison" : "duplicate_message");
    throw error;
  }
}

async function reserve(tx: Tx, input: ComparisonTurnInput): Promise<ReservedComparisonTurn> {
  const { userId, conversationId, prompt } = input;
  const existing = await tx.conversation.findFirst({ where: { id: conversationId, userId }, include: { comparison: true } });
  if (existing && (existing.kind !== "comparison" || !existing.comparison)) throw new ComparisonRejected("no_comparison");
  if (existing) {
    const panes = JSON.parse(existing.comparison?.panes ?? "[]") as PaneSetup[];
    if (panes.length !== input.answers.length) throw new ComparisonRejected("no_lane");
  }
  let parentId = input.parentId;
  if (parentId !== null) {
    if (!existing) throw new ComparisonRejected("no_comparison");
    const parent = await tx.message.findFirst({ where: { id: parentId, conversationId, role: "user" } });
    if (!parent) throw new ComparisonRejected("no_parent");
  }
  if (await tx.message.findUnique({ where: { id: prompt.id }, select: { id: true } })) throw new ComparisonRejected("duplicate_message");

  const first = input.answers[0];
  if (!first) throw new ComparisonRejected("no_lane");
  const now = new Date();
  const conversation = existing
    ? await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: now } })
    : await tx.conversation.create({
        data: {
          id: conversationId,
          userId,
          kind: "comparison",
          title: input.create.title,
          model: first.model,
          mode: first.mode,
          comparison: {
            create: {
              panes: JSON.stringify(input.answers.map((answer) => ({ model: answer.model, mode: answer.mode }))),
              blind: input.create.blind,
            },
          },
        },
      });
  if (!existing) parentId = await insertCarried(tx, conversationId, input.create.carried, input.answers.length);

  const promptRow = await insertSelectedVersion(tx, {
    id: prompt.id,
    conversationId,
    parentId,
    role: "user",
    lane: 0,
    parts: prompt.parts,
    content: prompt.text,
    status: "complete",
  });
  const answers: Message[] = [];
  for (const [lane, answer] of input.answers.entries()) {
    answers.push(await insertAnswer(tx, conversationId, promptRow.id, lane, answer));
  }
  const messages = await listMessages({ db: tx, userId, conversationId });
  return { conversation: toConversation(conversation), prompt: promptRow, answers, messages };
}

function insertAnswer(tx: Tx, conversationId: string, promptId: string, lane: number, answer: AnswerStart): Promise<Message> {
  return insertSelectedVersion(tx, {
    conversationId,
    parentId: promptId,
    role: "assistant",
    lane,
    parts: "[]",
    content: "",
    status: "streaming",
    ...answer,
  });
}

/**
 * The history a comparison starts from ("compare this prompt" in a chat): its prompts as a chain,
 * each earlier answer copied into every pane, so each pane's history holds it. Returns the last
 * prompt's id (the parent of the new prompt).
 */
async function insertCarried(tx: Tx, conversationId: string, carried: CopiedMessage[], lanes: number): Promise<string | null> {
  let lastPrompt: string | null = null;
  for (const message of carried) {
    if (message.role === "user") {
      const row: { id: string } = await tx.message.create({
        data: { ...message, conversationId, parentId: lastPrompt, lane: 0, seq: 1, selected: true },
        select: { id: true },
      });
      lastPrompt = row.id;
    } else if (lastPrompt !== null) {
      for (let lane = 0; lane < lanes; lane++) {
        await tx.message.create({ data: { ...message, conversationId, parentId: lastPrompt, lane, seq: 1, selected: true } });
      }
    }
  }
  return lastPrompt;
}

/** Reserves a new answer in one pane (a retry): a new version within that lane, selected. */
export async function reserveLaneAnswer({
  db,
  userId,
  conversationId,
  promptId,
  lane,
  answer,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  promptId: string;
  lane: number;
  answer: AnswerStart;
}): Promise<{ answer: Message; messages: Message[]; setup: ComparisonSetup }> {
  return db.$transaction(async (tx: Tx) => {
    const conversation = await tx.conversation.findFirst({ where: { id: conversationId, userId, kind: "comparison" }, include: { comparison: true } });
    if (!conversation?.comparison) throw new ComparisonRejected("no_comparison");
    const setup = toSetup(conversation.comparison);
    if (lane >= setup.panes.length) throw new ComparisonRejected("no_lane");
    const prompt = await tx.message.findFirst({ where: { id: promptId, conversationId, role: "user" } });
    if (!prompt) throw new ComparisonRejected("no_parent");
    await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
    const row = await insertAnswer(tx, conversationId, promptId, lane, answer);
    return { answer: row, messages: await listMessages({ db: tx, userId, conversationId }), setup };
  });
}

function toSetup(row: { panes: string; blind: boolean; continuedConversationId: string | null; continuedLane: number | null }): ComparisonSetup {
  return {
    panes: JSON.parse(row.panes) as PaneSetup[],
    blind: row.blind,
    continuedConversationId: row.continuedConversationId,
    continuedLane: row.continuedLane,
  };
}

export interface StoredComparison {
  conversation: Conversation;
  setup: ComparisonSetup;
  messages: Message[];
  votes: StoredVote[];
}

/** A comparison with everything it holds, or null when missing or not the user's. */
export async function getComparison({ db, userId, id }: { db: Db; userId: string; id: string }): Promise<StoredComparison | null> {
  const row = await db.conversation.findFirst({
    where: { id, userId, kind: "comparison" },
    include: { comparison: true, comparisonVotes: true },
  });
  if (!row?.comparison) return null;
  const { comparison, comparisonVotes, ...conversation } = row;
  return {
    conversation: toConversation(conversation),
    setup: toSetup(comparison),
    messages: await listMessages({ db, userId, conversationId: id }),
    votes: comparisonVotes.map((vote) => ({ promptId: vote.promptId, outcome: vote.outcome, winnerLane: vote.winnerLane })),
  };
}

export interface ComparisonListItem {
  id: string;
  title: string;
  updatedAt: Date;
  panes: PaneSetup[];
  blind: boolean;
  votes: number;
}

/** The user's comparisons, newest activity first. */
export async function listComparisons({ db, userId }: { db: Db; userId: string }): Promise<ComparisonListItem[]> {
  const rows = await db.conversation.findMany({
    where: { userId, kind: "comparison" },
    include: { comparison: true, _count: { select: { comparisonVotes: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    updatedAt: row.updatedAt,
    panes: row.comparison ? toSetup(row.comparison).panes : [],
    blind: row.comparison?.blind ?? false,
    votes: row._count.comparisonVotes,
  }));
}

/** Saves (or changes) the vote on one prompt of an owned comparison. False when not found. */
export async function saveVote({
  db,
  userId,
  conversationId,
  promptId,
  outcome,
  winnerLane,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  promptId: string;
  outcome: string;
  winnerLane: number | null;
}): Promise<boolean> {
  return db.$transaction(async (tx: Tx) => {
    const prompt = await tx.message.findFirst({
      where: { id: promptId, conversationId, role: "user", conversation: { userId, kind: "comparison" } },
      select: { id: true },
    });
    if (!prompt) return false;
    await tx.comparisonVote.upsert({
      where: { promptId },
      create: { conversationId, promptId, outcome, winnerLane },
      update: { outcome, winnerLane },
    });
    return true;
  });
}

/** Every answer and vote of the user's comparisons, for the results page. */
export async function comparisonResultRows({ db, userId }: { db: Db; userId: string }): Promise<{
  answers: Array<{
    parentId: string | null;
    lane: number;
    model: string | null;
    mode: string | null;
    status: string;
    ttftMs: number | null;
    durationMs: number | null;
    outputTokens: number | null;
    costUsd: number | null;
  }>;
  votes: StoredVote[];
}> {
  const [answers, votes] = await Promise.all([
    db.message.findMany({
      where: { role: "assistant", selected: true, status: { not: "streaming" }, conversation: { userId, kind: "comparison" } },
      select: { parentId: true, lane: true, model: true, mode: true, status: true, ttftMs: true, durationMs: true, outputTokens: true, costUsd: true },
    }),
    db.comparisonVote.findMany({ where: { conversation: { userId } }, select: { promptId: true, outcome: true, winnerLane: true } }),
  ]);
  return { answers, votes };
}

/**
 * Makes a new chat from copied messages (a pane's thread: "Continue with this answer") and
 * records it on the comparison. The messages form a plain chat path: prompt, answer, prompt, …
 */
export async function createChatFromComparison({
  db,
  userId,
  comparisonId,
  lane,
  chat,
}: {
  db: Db;
  userId: string;
  comparisonId: string;
  lane: number;
  chat: { id: string; title: string; model: string; mode: string; messages: CopiedMessage[] };
}): Promise<boolean> {
  return db.$transaction(async (tx: Tx) => {
    const source = await tx.comparison.findFirst({ where: { conversationId: comparisonId, conversation: { userId } } });
    if (!source) return false;
    await tx.conversation.create({ data: { id: chat.id, userId, title: chat.title, model: chat.model, mode: chat.mode, kind: "chat" } });
    let parentId: string | null = null;
    for (const message of chat.messages) {
      const row: { id: string } = await tx.message.create({
        data: { ...message, conversationId: chat.id, parentId, lane: 0, seq: 1, selected: true },
        select: { id: true },
      });
      parentId = row.id;
    }
    await tx.comparison.update({ where: { conversationId: comparisonId }, data: { continuedConversationId: chat.id, continuedLane: lane } });
    return true;
  });
}
