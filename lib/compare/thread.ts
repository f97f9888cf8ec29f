// A comparison's message tree, read as panes. Prompts form a chain (each follow-up's parent is
// the prompt before it; edits would be its siblings), and each prompt's answers are its children
// with a lane: pane N shows lane N's selected answer to each prompt. So a pane's history is the
// prompts plus its own answers, and retrying a pane adds a version within that lane only.
import type { VersionInfo } from "@/lib/contract";
import type { TreeNode } from "@/lib/chat/message-tree";

export interface ComparisonTurn<T extends TreeNode> {
  prompt: T;
  /** Per lane, that lane's selected answer to the prompt (absent while none exists). */
  answers: Array<{ message: T; version: VersionInfo } | undefined>;
}

function selectedOf<T extends TreeNode>(siblings: T[]): { message: T; version: VersionInfo } | undefined {
  const sorted = [...siblings].sort((a, b) => a.seq - b.seq);
  const chosen = sorted.find((node) => node.selected) ?? sorted[sorted.length - 1];
  return chosen && { message: chosen, version: { index: sorted.indexOf(chosen) + 1, count: sorted.length } };
}

/** The turns of a comparison with `lanes` panes, in order. */
export function comparisonTurns<T extends TreeNode>(nodes: readonly T[], lanes: number): ComparisonTurn<T>[] {
  const children = new Map<string | null, T[]>();
  for (const node of nodes) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  const turns: ComparisonTurn<T>[] = [];
  const seen = new Set<string>();
  let parentId: string | null = null;
  for (;;) {
    const below: T[] = children.get(parentId) ?? [];
    const prompt: T | undefined = selectedOf(below.filter((node) => node.role === "user"))?.message;
    if (!prompt || seen.has(prompt.id)) break;
    seen.add(prompt.id);
    const replies = (children.get(prompt.id) ?? []).filter((node) => node.role === "assistant");
    const answers = Array.from({ length: lanes }, (_, lane) => selectedOf(replies.filter((node) => node.lane === lane)));
    turns.push({ prompt, answers });
    parentId = prompt.id;
  }
  return turns;
}

/** Pane `lane`'s history: every prompt, each followed by that lane's answer (when it has one). */
export function laneHistory<T extends TreeNode>(turns: readonly ComparisonTurn<T>[], lane: number): T[] {
  return turns.flatMap((turn) => {
    const answer = turn.answers[lane]?.message;
    return answer ? [turn.prompt, answer] : [turn.prompt];
  });
}

/**
 * The order panes are shown in blind mode: a shuffle seeded by the comparison's id, so it stays
 * the same across reloads (and differs between comparisons) without being stored.
 */
export function blindOrder(seed: string, count: number): number[] {
  let state = 2166136261;
  for (let index = 0; index < seed.length; index++) state = Math.imul(state ^ seed.charCodeAt(index), 16777619) >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
}

/** The name a pane goes by while its model is hidden. */
export function blindName(position: number): string {
  return `Answer ${String.fromCharCode(65 + position)}`;
}
