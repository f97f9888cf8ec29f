import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

type Tree = { [key: string]: string | Tree };

/** Every message as "namespace.key" → text. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/**
 * The arguments a message takes ({name}, {count, plural, …}) and its rich-text tags (<code>…</code>).
 * Walks the ICU syntax so that the words inside plural and select options are not taken for arguments.
 */
function placeholders(text: string): { args: string[]; tags: string[] } {
  const args = new Set<string>();
  let at = 0;
  const readText = (until: string | null) => {
    while (at < text.length && text[at] !== until) {
      if (text[at] === "{") readArgument();
      else at++;
    }
    at++; // past the closing brace of an option (or the end)
  };
  const readArgument = () => {
    at++; // "{"
    const head = /^\s*([A-Za-z_]\w*)\s*(?:,\s*(\w+)\s*)?/.exec(text.slice(at));
    if (!head) throw new Error(`unreadable argument in: ${text}`);
    args.add(head[1]!);
    at += head[0].length;
    if (text[at] === "}") {
      at++;
      return;
    }
    if (head[2] === "plural" || head[2] === "select" || head[2] === "selectordinal") {
      at++; // ","
      // options: a key ("one", "=0", "other"…) then its message in braces, until the closing brace
      while (at < text.length) {
        const option = /^\s*([^\s{}]+)\s*\{/.exec(text.slice(at));
        if (!option) break;
        at += option[0].length;
        readText("}");
      }
      while (at < text.length && text[at] !== "}") at++;
      at++;
      return;
    }
    at = text.indexOf("}", at) + 1; // {n, number, …}
  };
  readText(null);
  const tags = new Set([...text.matchAll(/<([A-Za-z][\w-]*)>/g)].map((match) => match[1]!));
  return { args: [...args].sort(), tags: [...tags].sort() };
}

const english = flatten(en as Tree);
const chinese = flatten(zh as Tree);

describe("message catalogues", () => {
  it("have the same keys in English and Chinese", () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("have no empty messages", () => {
    for (const [locale, messages] of [["en", english], ["zh", chinese]] as const) {
      const empty = [...messages].filter(([, text]) => text.trim() === "").map(([key]) => `${locale}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it("give each message the same placeholders and tags in both languages", () => {
    const mismatched: string[] = [];
    for (const [key, text] of english) {
      const other = chinese.get(key);
      if (other === undefined) continue;
      if (JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(other))) mismatched.push(key);
    }
    expect(mismatched).toEqual([]);
  });

  it("parse as ICU messages in both languages", () => {
    for (const [locale, messages, tree] of [["en", english, en], ["zh", chinese, zh]] as const) {
      const t = createTranslator({ locale, messages: tree as Tree, onError: (error) => { throw error; } });
      for (const [key, text] of messages) {
        const values = Object.fromEntries(placeholders(text).args.map((name) => [name, 1]));
        const tags = Object.fromEntries(placeholders(text).tags.map((name) => [name, (chunks: unknown) => chunks]));
        const render = () => (placeholders(text).tags.length > 0 ? t.markup(key as never, { ...values, ...tags } as never) : t(key as never, values as never));
        expect(render, `${locale}:${key}`).not.toThrow();
      }
    }
  });
});
