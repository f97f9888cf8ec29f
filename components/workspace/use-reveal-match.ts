"use client";

import { useSearchParams } from "next/navigation";
import { useEffect } from "react";

/**
 * Opening a search result lands on `?m=<messageId>`: scroll that message into view and mark it
 * (data-search-match, styled in globals.css) until another conversation opens.
 */
export function useRevealMatch(messageCount: number): void {
  const messageId = useSearchParams().get("m");
  useEffect(() => {
    if (!messageId) return;
    const element = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
    if (!element) return;
    element.scrollIntoView({ block: "center" });
    for (const other of document.querySelectorAll("[data-search-match]")) other.removeAttribute("data-search-match");
    element.setAttribute("data-search-match", "");
    // Once per message asked for, when the messages are there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [messageId, messageCount > 0]);
}
