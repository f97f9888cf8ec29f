import { describe, expect, it } from "vitest";
import { normalizeMathMarkdown, splitMath } from "./math-delimiters";

describe("normalizeMathMarkdown", () => {
  it("turns DeepSeek's inline forms into $$…$$", () => {
    const answer = "Merge sort runs in $O(n \\log n)$ time, while \\(T(n) = 2T(n/2) + O(n)\\) is its recurrence.";
    expect(normalizeMathMarkdown(answer)).toBe(
      "Merge sort runs in $$O(n \\log n)$$ time, while $$T(n) = 2T(n/2) + O(n)$$ is its recurrence.",
    );
  });

  it("keeps prices as text", () => {
    for (const text of [
      "The plan costs $5 and the pro plan $10 a month.",
      "Expect $5–$10 per million tokens.",
      "Between $5/$10, or $1,000 total.",
      "Pay $20 now; $ signs alone stay.",
      "It is \\$5 exactly.",
    ]) {
      expect(normalizeMathMarkdown(text)).toBe(text);
    }
  });

  it("finds math after a price on the same line", () => {
    expect(normalizeMathMarkdown("It costs $5, and the area is $\\pi r^2$.")).toBe(
      "It costs $5, and the area is $$\\pi r^2$$.",
    );
  });

  it("makes display math a block, inside list items too", () => {
    const answer = [
      "The quadratic formula:",
      "",
      "\\[ x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a} \\]",
      "",
      "1. Sum:",
      "   $$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$",
      "2. Matrix:",
      "   \\[",
      "   \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
      "   \\]",
    ].join("\n");
    expect(normalizeMathMarkdown(answer)).toBe(
      [
        "The quadratic formula:",
        "",
        "$$",
        "x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}",
        "$$",
        "",
        "1. Sum:",
        "   $$",
        "   \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}",
        "   $$",
        "2. Matrix:",
        "   $$",
        "   \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
        "   $$",
      ].join("\n"),
    );
  });

  it("leaves code alone", () => {
    const answer = [
      "In shell, `echo $HOME$PATH` and `\\(x\\)` stay.",
      "```bash",
      "echo \"$a$\" \\(b\\)",
      "```",
      "But $a+b$ renders.",
    ].join("\n");
    expect(normalizeMathMarkdown(answer)).toBe(answer.replace("$a+b$", () => "$$a+b$$"));
  });

  it("leaves unfinished math alone while it streams", () => {
    expect(normalizeMathMarkdown("So \\(x^2 + ")).toBe("So \\(x^2 + ");
    expect(normalizeMathMarkdown("Then\n\\[\nx = 1")).toBe("Then\n\\[\nx = 1");
  });
});

describe("splitMath (reasoning)", () => {
  it("splits text and math, prices stay text", () => {
    expect(splitMath("It costs $5 and $10. So $n^2$ steps, or \\(2^n\\); finally \\[e^{i\\pi}+1=0\\]")).toEqual([
      { kind: "text", text: "It costs $5 and $10. So " },
      { kind: "math", tex: "n^2", display: false },
      { kind: "text", text: " steps, or " },
      { kind: "math", tex: "2^n", display: false },
      { kind: "text", text: "; finally " },
      { kind: "math", tex: "e^{i\\pi}+1=0", display: true },
    ]);
  });

  it("keeps plain text whole", () => {
    expect(splitMath("no math here, $5 only")).toEqual([{ kind: "text", text: "no math here, $5 only" }]);
  });
});
