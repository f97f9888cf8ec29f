import { describe, expect, it } from "vitest";
import { sidebarSections } from "./sidebar-sections";

const now = new Date("2026-11-30T12:00:00");
const item = (id: string, extra: { pinnedAt?: string; folderId?: string; updatedAt?: string } = {}) => ({
  id,
  updatedAt: extra.updatedAt ?? "2026-11-30T10:00:00",
  pinnedAt: extra.pinnedAt ?? null,
  folderId: extra.folderId ?? null,
});

describe("sidebarSections", () => {
  it("puts pins first, then folders by name, then the rest by activity", () => {
    const sections = sidebarSections(
      [
        item("a"),
        item("b", { pinnedAt: "2026-11-29T10:00:00" }),
        item("c", { folderId: "f2" }),
        item("d", { pinnedAt: "2026-11-30T09:00:00", folderId: "f1" }),
        item("e", { updatedAt: "2026-11-20T10:00:00" }),
        item("f", { folderId: "gone" }),
      ],
      [
        { id: "f2", name: "Work" },
        { id: "f1", name: "books" },
        { id: "f3", name: "Empty" },
      ],
      now,
    );
    expect(sections.map((section) => [section.label, section.items.map((entry) => entry.id)])).toEqual([
      ["Pinned", ["d", "b"]],
      ["books", []],
      ["Empty", []],
      ["Work", ["c"]],
      ["Today", ["a", "f"]],
      ["Previous 30 days", ["e"]],
    ]);
  });
});
