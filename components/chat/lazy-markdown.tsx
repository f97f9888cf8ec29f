"use client";

import dynamic from "next/dynamic";

/**
 * The markdown renderer (streamdown and its parser) as its own chunk: a new chat's page does not
 * load it until there is an answer to show, and a saved conversation's page shows the server's
 * rendering while the chunk arrives. `preloadMarkdown` fetches it early (when the person starts typing).
 */
export const Markdown = dynamic(() => import("./markdown").then((module) => module.Markdown));

export function preloadMarkdown(): void {
  void import("./markdown");
}
