import { groupByActivity } from "@/lib/chat/conversation-groups";
import type { ConversationSummary, FolderSummary } from "@/lib/contract";

export type SidebarSection<T> =
  | { kind: "pinned"; key: "pinned"; label: "Pinned"; items: T[] }
  | { kind: "folder"; key: string; label: string; folder: FolderSummary; items: T[] }
  | { kind: "activity"; key: string; label: string; items: T[] };

/**
 * The sidebar's sections, top to bottom: pinned conversations (latest pin first, wherever they
 * are filed), then each folder (by name, even when empty), then the rest by last activity.
 * `now` is null before hydration: the rest is then one unlabelled group (days are the browser's).
 */
export function sidebarSections<T extends Pick<ConversationSummary, "id" | "updatedAt" | "pinnedAt" | "folderId">>(
  conversations: readonly T[],
  folders: readonly FolderSummary[],
  now: Date | null,
): SidebarSection<T>[] {
  const folderIds = new Set(folders.map((folder) => folder.id));
  const pinned = conversations.filter((item) => item.pinnedAt).sort((a, b) => (b.pinnedAt ?? "").localeCompare(a.pinnedAt ?? ""));
  const unpinned = conversations.filter((item) => !item.pinnedAt);
  const sections: SidebarSection<T>[] = [];
  if (pinned.length > 0) sections.push({ kind: "pinned", key: "pinned", label: "Pinned", items: pinned });
  const byName = [...folders].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base", numeric: true }));
  for (const folder of byName) {
    sections.push({ kind: "folder", key: `folder-${folder.id}`, label: folder.name, folder, items: unpinned.filter((item) => item.folderId === folder.id) });
  }
  // A conversation whose folder is unknown here (just deleted elsewhere) shows with the rest.
  const rest = unpinned.filter((item) => !item.folderId || !folderIds.has(item.folderId));
  if (now) {
    for (const group of groupByActivity(rest, now)) sections.push({ kind: "activity", key: group.label, label: group.label, items: group.items });
  } else if (rest.length > 0) {
    sections.push({ kind: "activity", key: "all", label: "", items: rest });
  }
  return sections;
}
