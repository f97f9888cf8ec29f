import { describe, expect, it } from "vitest";
import { renderMathToHtml } from "./render-math";

describe("renderMathToHtml", () => {
  it("draws a formula", () => {
    const html = renderMathToHtml("O(n \\log n)", false);
    expect(html).toContain('class="katex"');
    expect(html).toContain("log");
  });

  it("makes no link, image or raw markup from hostile input", () => {
    for (const tex of [
      "\\href{javascript:alert(1)}{x}",
      "\\url{https://evil.example/}",
      "\\includegraphics{https://evil.example/a.png}",
      "\\htmlClass{x}{y} \\htmlId{a}{b} \\htmlStyle{color:red}{c} \\htmlData{foo=bar}{d}",
      "<img src=x onerror=alert(1)>",
      "\\text{<script>alert(1)</script>}",
    ]) {
      const html = renderMathToHtml(tex, false);
      // Tags KaTeX made: none is a link, image or script, and none carries a URL or a handler.
      expect(html).not.toMatch(/<(a|img|script|iframe|object)[\s>]/i);
      expect(html).not.toMatch(/<[^>]*\s(href|src|on\w+)=/i);
    }
  });
});
