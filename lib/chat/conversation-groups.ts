/** Sidebar sections by last activity, as chat apps show them. Local calendar days. */
export const GROUP_LABELS = ["Today", "Yesterday", "Previous 7 days", "Previous 30 days", "Older"] as const;
export type GroupLabel = (typeof GROUP_LABELS)[number];

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function groupLabel(updatedAt: Date, now: Date): GroupLabel {
  const days = Math.round((startOfDay(now) - startOfDay(updatedAt)) / 86_400_000);
  if (days <= 0) return "Today";
  if (days === 1) return "Yesterday";
  if (days <= 7) return "Previous 7 days";
  if (days <= 30) return "Previous 30 days";
  return "Older";
}

/** Items (already newest first) split into labelled groups, empty groups left out. */
export function groupByActivity<T extends { updatedAt: string }>(items: readonly T[], now: Date): Array<{ label: GroupLabel; items: T[] }> {
  const groups = new Map<GroupLabel, T[]>();
  for (const item of items) {
    const label = groupLabel(new Date(item.updatedAt), now);
    const list = groups.get(label) ?? [];
    list.push(item);
    groups.set(label, list);
  }
  return GROUP_LABELS.filter((label) => groups.has(label)).map((label) => ({ label, items: groups.get(label)! }));
}
