import { describe, expect, it } from "vitest";
import { groupByActivity, groupLabel } from "./conversation-groups";

const now = new Date(2026, 10, 29, 9, 30); // local time, Sunday 29 November 2026

describe("conversation groups", () => {
  it("labels by calendar day, not by 24-hour spans", () => {
    expect(groupLabel(new Date(2026, 10, 29, 0, 5), now)).toBe("Today");
    expect(groupLabel(new Date(2026, 10, 28, 23, 55), now)).toBe("Yesterday");
    expect(groupLabel(new Date(2026, 10, 22, 12), now)).toBe("Previous 7 days");
    expect(groupLabel(new Date(2026, 10, 21, 12), now)).toBe("Previous 30 days");
    expect(groupLabel(new Date(2026, 9, 1), now)).toBe("Older");
  });

  it("keeps the order inside groups and leaves out empty ones", () => {
    const items = [
      { id: "a", updatedAt: new Date(2026, 10, 29, 9).toISOString() },
      { id: "b", updatedAt: new Date(2026, 10, 29, 8).toISOString() },
      { id: "c", updatedAt: new Date(2026, 8, 1).toISOString() },
    ];
    expect(groupByActivity(items, now)).toEqual([
      { label: "Today", items: [items[0], items[1]] },
      { label: "Older", items: [items[2]] },
    ]);
  });
});
