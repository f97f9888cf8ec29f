"use client";

// Heavy parts of the rendering, loaded when an answer first needs them rather than with every chat
// page: Shiki for code blocks (a block shows plain until its highlighting arrives, as it does
// anyway while Shiki compiles a language), and KaTeX for math in reasoning (a formula shows its
// source for the moment KaTeX takes to load).
import type { CodeHighlighterPlugin } from "@streamdown/code";
import { useEffect, useState } from "react";

/** A module loaded once, on first demand; `current` is set once it is there. */
function lazy<T>(load: () => Promise<T>) {
  const state: { current: T | null; promise: Promise<T> | null } = { current: null, promise: null };
  return {
    get current() {
      return state.current;
    },
    load(): Promise<T> {
      state.promise ??= load().then((value) => (state.current = value));
      return state.promise;
    },
  };
}

const shiki = lazy(() => import("@streamdown/code").then((module) => module.code));
export const katexHtml = lazy(() => import("@/lib/markdown/render-math").then((module) => module.renderMathToHtml));

const THEMES: ReturnType<CodeHighlighterPlugin["getThemes"]> = ["github-light", "github-dark"];

/** Streamdown's code plugin, standing in for Shiki until it has loaded (highlighting is asynchronous anyway). */
export const lazyCode: CodeHighlighterPlugin = {
  name: "shiki",
  type: "code-highlighter",
  getSupportedLanguages: () => shiki.current?.getSupportedLanguages() ?? [],
  getThemes: () => THEMES,
  supportsLanguage: (language) => shiki.current?.supportsLanguage(language) ?? true,
  highlight(options, callback) {
    if (shiki.current) return shiki.current.highlight(options, callback);
    void shiki.load().then((plugin) => {
      const result = plugin.highlight(options, callback);
      if (result) callback?.(result);
    });
    return null;
  },
};

/** The same without highlighting: code shows plain (busy views highlight afterwards). */
export const plainCode: CodeHighlighterPlugin = { ...lazyCode, highlight: () => null };

/** A lazily loaded module once `needed`: null until it is there (then the component renders again). */
export function useLazy<T>(module: { current: T | null; load(): Promise<T> }, needed: boolean): T | null {
  const [value, setValue] = useState<T | null>(() => module.current);
  useEffect(() => {
    if (!needed || value) return;
    let live = true;
    void module.load().then((loaded) => {
      if (live) setValue(() => loaded);
    });
    return () => {
      live = false;
    };
  }, [module, needed, value]);
  return needed ? (value ?? module.current) : null;
}
