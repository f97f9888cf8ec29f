// The selected path through a conversation's message tree, on hand-built nodes.
import { describe, expect, it } from "vitest";
import { selectedPath, type TreeNode } from "./message-tree";

function node(id: string, parentId: string | null, role: "user" | "assistant", fields: Partial<TreeNode> = {}): TreeNode {
  return { id, parentId, role, lane: 0, seq: 1, selected: true, ...fields };
}
const prompt = (id: string, parentId: string | null, fields: Partial<TreeNode> = {}) => node(id, parentId, "user", fields);
const answer = (id: string, parentId: string, fields: Partial<TreeNode> = {}) => node(id, parentId, "assistant", fields);

/** The path as "id index/count" steps: what the browser shows, with its ‹ i / n › switchers. */
function walk(nodes: readonly TreeNode[], lane?: number): string[] {
  return selectedPath(nodes, lane).map(({ message, version }) => `${message.id} ${version.index}/${version.count}`);
}

/** Marks `id` selected and its siblings (same parent, role and lane) not, as selectVersion does. */
function select(nodes: TreeNode[], id: string): TreeNode[] {
  const target = nodes.find((n) => n.id === id);
  if (!target) throw new Error(`no node ${id}`);
  return nodes.map((n) =>
    n.parentId === target.parentId && n.role === target.role && n.lane === target.lane ? { ...n, selected: n.id === id } : n,
  );
}

describe("selectedPath", () => {
  it("walks a linear chain from the root prompt, every step version 1/1", () => {
    const nodes = [prompt("u1", null), answer("a1", "u1"), prompt("u2", "a1"), answer("a2", "u2")];
    expect(walk(nodes)).toEqual(["u1 1/1", "a1 1/1", "u2 1/1", "a2 1/1"]);
  });

  it("does not depend on the order the rows come in", () => {
    const nodes = [answer("a2", "u2"), prompt("u2", "a1"), answer("a1", "u1"), prompt("u1", null)];
    expect(walk(nodes)).toEqual(["u1 1/1", "a1 1/1", "u2 1/1", "a2 1/1"]);
  });

  it("is empty for a conversation without messages", () => {
    expect(selectedPath([])).toEqual([]);
  });

  it("shows the selected version of an answer, numbered by seq among its siblings", () => {
    const nodes = [
      prompt("u1", null),
      answer("a1-v1", "u1", { seq: 1, selected: false }),
      answer("a1-v3", "u1", { seq: 3, selected: false }),
      answer("a1-v2", "u1", { seq: 2, selected: true }),
    ];
    expect(walk(nodes)).toEqual(["u1 1/1", "a1-v2 2/3"]);
    expect(walk(select(nodes, "a1-v3"))).toEqual(["u1 1/1", "a1-v3 3/3"]);
    expect(walk(select(nodes, "a1-v1"))).toEqual(["u1 1/1", "a1-v1 1/3"]);
  });

  it("follows the prompt after the answer version that is shown", () => {
    // The conversation went on after the second version of the first answer only.
    const nodes = [
      prompt("u1", null),
      answer("a1-v1", "u1", { seq: 1, selected: false }),
      answer("a1-v2", "u1", { seq: 2 }),
      prompt("u2", "a1-v2"),
      answer("a2", "u2"),
    ];
    expect(walk(nodes)).toEqual(["u1 1/1", "a1-v2 2/2", "u2 1/1", "a2 1/1"]);
    // The first version has nothing after it: the path ends there.
    expect(walk(select(nodes, "a1-v1"))).toEqual(["u1 1/1", "a1-v1 1/2"]);
  });

  describe("edit branches", () => {
    // u1 a1 u2 a2 u3 a3, then u2 edited: u2' is a sibling of u2 (same parent a1) with its own answer.
    const original = [
      prompt("u1", null),
      answer("a1", "u1"),
      prompt("u2", "a1", { seq: 1, selected: false }),
      answer("a2", "u2"),
      prompt("u3", "a2"),
      answer("a3-v1", "u3", { seq: 1, selected: false }),
      answer("a3-v2", "u3", { seq: 2 }),
      prompt("u2-edit", "a1", { seq: 2 }),
      answer("a2-edit", "u2-edit"),
    ];

    it("shows the new branch after an edit", () => {
      expect(walk(original)).toEqual(["u1 1/1", "a1 1/1", "u2-edit 2/2", "a2-edit 1/1"]);
    });

    it("reaches the old branch again when it is re-selected, with its deeper selection preserved", () => {
      const back = select(original, "u2");
      expect(walk(back)).toEqual(["u1 1/1", "a1 1/1", "u2 1/2", "a2 1/1", "u3 1/1", "a3-v2 2/2"]);
      // Switching to the edit and back again changes nothing below.
      expect(walk(select(select(back, "u2-edit"), "u2"))).toEqual(walk(back));
    });

    it("branches at the root when the first prompt is edited", () => {
      const nodes = [
        prompt("u1", null, { seq: 1, selected: false }),
        answer("a1", "u1"),
        prompt("u1-edit", null, { seq: 2 }),
        answer("a1-edit", "u1-edit"),
      ];
      expect(walk(nodes)).toEqual(["u1-edit 2/2", "a1-edit 1/1"]);
      expect(walk(select(nodes, "u1"))).toEqual(["u1 1/2", "a1 1/1"]);
    });
  });

  it("shows the newest version where no sibling is selected", () => {
    const nodes = [
      prompt("u1", null, { selected: false }),
      answer("a1-v2", "u1", { seq: 2, selected: false }),
      answer("a1-v1", "u1", { seq: 1, selected: false }),
    ];
    expect(walk(nodes)).toEqual(["u1 1/1", "a1-v2 2/2"]);
  });

  it("keeps each lane's answers apart and shares the prompts", () => {
    const nodes = [
      prompt("u1", null),
      answer("a1-left", "u1", { lane: 0 }),
      answer("a1-right", "u1", { lane: 1 }),
      answer("a1-right-v2", "u1", { lane: 1, seq: 2, selected: false }),
    ];
    expect(walk(nodes)).toEqual(["u1 1/1", "a1-left 1/1"]);
    expect(walk(nodes, 0)).toEqual(["u1 1/1", "a1-left 1/1"]);
    expect(walk(nodes, 1)).toEqual(["u1 1/1", "a1-right 1/2"]);
    expect(walk(nodes, 2)).toEqual(["u1 1/1"]);
  });

  it("stops at a cycle instead of spinning", () => {
    // Corrupt rows: the root prompt's answer is given as the parent of a prompt that loops back.
    const nodes = [prompt("u1", null), answer("a1", "u1"), prompt("u2", "a1"), answer("a2", "u2"), prompt("u1", "a2")];
    const path = selectedPath(nodes);
    expect(path.map((step) => step.message.id)).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("ignores rows that loop among themselves, unreachable from the root", () => {
    const nodes = [prompt("u1", null), answer("a1", "u1"), prompt("x", "y"), answer("y", "x")];
    expect(walk(nodes)).toEqual(["u1 1/1", "a1 1/1"]);
  });
});
