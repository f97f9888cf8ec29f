// The path a conversation shows, walked from its message tree: start at the selected root
// prompt, then follow the selected child down. Each step also knows its version among its
// siblings (‹ 2 / 3 ›). Pure: works on rows already read.
import type { VersionInfo } from "@/lib/contract";

/** The fields of a stored message the walk needs. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  role: string;
  lane: number;
  seq: number;
  selected: boolean;
}

export interface PathStep<T extends TreeNode> {
  message: T;
  version: VersionInfo;
}

/**
 * The selected path of lane `lane` (0 in a plain chat). Where no sibling is marked selected
 * (should not happen), the newest version is shown.
 */
export function selectedPath<T extends TreeNode>(nodes: readonly T[], lane = 0): PathStep<T>[] {
  const children = new Map<string | null, T[]>();
  for (const node of nodes) {
    if (node.lane !== lane && node.role === "assistant") continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const path: PathStep<T>[] = [];
  const seen = new Set<string>();
  let parentId: string | null = null;
  for (;;) {
    const siblings: T[] = (children.get(parentId) ?? []).sort((a, b) => a.seq - b.seq);
    const chosen: T | undefined = siblings.find((node) => node.selected) ?? siblings[siblings.length - 1];
    if (!chosen) break;
    if (seen.has(chosen.id)) break; // a cycle could only come from a corrupt row: stop, don't spin
    seen.add(chosen.id);
    path.push({ message: chosen, version: { index: siblings.indexOf(chosen) + 1, count: siblings.length } });
    parentId = chosen.id;
  }
  return path;
}
