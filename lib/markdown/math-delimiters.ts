/**
 * Math as DeepSeek writes it: `$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` display.
 *
 * The markdown renderer (remark-math) only knows `$$…$$`, with single dollars off so that prices
 * survive. This module finds the other three forms and rewrites them to `$$…$$`, leaving code
 * (fenced, indented by a fence, inline) and prices alone.
 *
 * A single `$` opens math only when Pandoc's rule says so: the opening `$` has a non-space right
 * after it, the closing `$` (the next unescaped `$` on the same line) has a non-space right before
 * it and no digit right after it. "$5 and $10" fails (the `$` before 10 follows a space), as does
 * "$5–$10" (a digit follows the second `$`).
 */

export type MathSegment =
  | { kind: "text"; text: string }
  | { kind: "math"; tex: string; display: boolean };

/** Splits plain text (no markdown) into text and math segments, e.g. for the reasoning panel. */
export function splitMath(text: string): MathSegment[] {
  const segments: MathSegment[] = [];
  let plain = "";
  const flush = () => {
    if (plain) segments.push({ kind: "text", text: plain });
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const found = matchMathAt(text, i);
    if (found) {
      flush();
      segments.push({ kind: "math", tex: found.tex, display: found.display });
      i = found.end;
      continue;
    }
    // An escaped dollar is a literal dollar.
    if (text[i] === "\\" && text[i + 1] === "$") {
      plain += "$";
      i += 2;
      continue;
    }
    plain += text[i];
    i += 1;
  }
  flush();
  return segments;
}

/**
 * Rewrites markdown so that every math form reaches remark-math as `$$…$$`: inline math stays on
 * its line, display math becomes a `$$` block on lines of its own (indented like the line it was
 * on, so it stays inside a list item). Code spans and fenced code are left untouched.
 */
export function normalizeMathMarkdown(markdown: string): string {
  const lines = markdown.split("\n");
  const out: string[] = [];
  let fence: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const fenceRun = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceRun && fenceRun[0] === fence[0] && fenceRun.length >= fence.length) fence = null;
      out.push(line);
      continue;
    }
    if (fenceRun) {
      fence = fenceRun;
      out.push(line);
      continue;
    }
    // A `\[` that opens display math over several lines: find its `\]`.
    const multi = /^(\s*)\\\[\s*$/.exec(line) ?? /^(\s*)\$\$\s*$/.exec(line);
    if (multi) {
      const closer = line.trim() === "$$" ? /^\s*\$\$\s*$/ : /^\s*\\\]\s*$/;
      const end = lines.findIndex((candidate, at) => at > index && closer.test(candidate));
      if (end > index) {
        out.push(`${multi[1]}$$`, ...lines.slice(index + 1, end), `${multi[1]}$$`);
        index = end;
        continue;
      }
    }
    out.push(rewriteLine(line));
  }
  return out.join("\n");
}

/** One line outside fenced code: rewrites its math, skipping inline code spans. */
function rewriteLine(line: string): string {
  const indent = /^\s*/.exec(line)?.[0] ?? "";
  // A line that is only display math becomes a `$$` block, so KaTeX draws it in display mode.
  const whole = /^\s*(?:\\\[(.+)\\\]|\$\$(.+)\$\$)\s*$/.exec(line);
  if (whole) {
    const tex = (whole[1] ?? whole[2] ?? "").trim();
    if (tex && !tex.includes("$$")) return `${indent}$$\n${indent}${tex}\n${indent}$$`;
  }
  let result = "";
  let i = 0;
  while (i < line.length) {
    const char = line[i];
    if (char === "`") {
      const run = /^`+/.exec(line.slice(i))?.[0] ?? "`";
      const close = line.indexOf(run, i + run.length);
      if (close !== -1) {
        result += line.slice(i, close + run.length);
        i = close + run.length;
        continue;
      }
      result += run;
      i += run.length;
      continue;
    }
    if (char === "\\" && line[i + 1] === "$") {
      result += "\\$";
      i += 2;
      continue;
    }
    const found = matchMathAt(line, i);
    if (found) {
      result += `$$${found.tex}$$`;
      i = found.end;
      continue;
    }
    result += char;
    i += 1;
  }
  return result;
}

/** Math starting at `at`, in any of the four forms, or null. Only inline forms stay on one line. */
function matchMathAt(text: string, at: number): { tex: string; display: boolean; end: number } | null {
  if (text.startsWith("$$", at)) {
    const close = text.indexOf("$$", at + 2);
    if (close === -1) return null;
    const tex = text.slice(at + 2, close);
    if (!tex.trim()) return null;
    return { tex: tex.trim(), display: true, end: close + 2 };
  }
  if (text.startsWith("\\[", at)) return delimited(text, at, "\\]", true);
  if (text.startsWith("\\(", at)) return delimited(text, at, "\\)", false);
  if (text[at] === "$") return singleDollar(text, at);
  return null;
}

function delimited(text: string, at: number, closer: string, display: boolean) {
  const close = text.indexOf(closer, at + 2);
  if (close === -1) return null;
  const tex = text.slice(at + 2, close);
  if (!tex.trim() || (!display && tex.includes("\n"))) return null;
  return { tex: tex.trim(), display, end: close + 2 };
}

function singleDollar(text: string, at: number) {
  const after = text[at + 1];
  if (after === undefined || /\s/.test(after) || after === "$") return null;
  // The closing `$` is the next unescaped one on the same line.
  let close = -1;
  for (let j = at + 1; j < text.length; j++) {
    if (text[j] === "\n") return null;
    if (text[j] === "\\") {
      j += 1;
      continue;
    }
    if (text[j] === "$") {
      close = j;
      break;
    }
  }
  if (close === -1) return null;
  const before = text[close - 1] ?? "";
  const next = text[close + 1];
  if (/\s/.test(before) || (next !== undefined && /\d/.test(next)) || next === "$") return null;
  const tex = text.slice(at + 1, close);
  // "$5$" alone or "$1,000$" is a number, not math worth setting; keep it literal either way.
  if (/^\d[\d,.]*$/.test(tex)) return null;
  return { tex, display: false, end: close + 1 };
}
