"use client";

// News of changes made on the person's other devices, from GET /api/events (server-sent events).
// One page holds one connection, and only while it is visible: browsers allow few connections per
// server, and a hidden tab catches up when it is shown again anyway. Coming back after a break in
// the connection counts as "resync": whatever changed meanwhile is read again. A change this page
// made itself comes back tagged with its id, and is passed by: the page has shown it already.
import { useEffect } from "react";
import { isOwnChange, renewPageId } from "./page-id";
import type { TabsMessage } from "./use-chat-session";

export type ServerChange = TabsMessage | { type: "resync" };

const changes = typeof window === "undefined" ? null : new EventTarget();

/** Hears the changes the server announces, until the returned function is called. */
export function onServerChange(listener: (change: ServerChange) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ServerChange>).detail);
  changes?.addEventListener("change", handler);
  return () => changes?.removeEventListener("change", handler);
}

function dispatch(change: ServerChange) {
  changes?.dispatchEvent(new CustomEvent("change", { detail: change }));
}

function isChange(value: unknown): value is TabsMessage & { page?: unknown } {
  if (typeof value !== "object" || value === null) return false;
  const { type, conversationId } = value as { type?: unknown; conversationId?: unknown };
  return type === "list" || (type === "conversation" && typeof conversationId === "string");
}

/** Keeps the page's connection to the server's change stream open while the page is visible. */
export function useServerChanges(): void {
  useEffect(() => {
    renewPageId();
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let opened = false;
    const open = () => {
      if (source || document.visibilityState !== "visible") return;
      source = new EventSource("/api/events");
      source.addEventListener("ready", () => {
        // The first opening finds the page fresh; a later one may have missed news.
        if (opened) dispatch({ type: "resync" });
        opened = true;
      });
      source.onmessage = (event: MessageEvent<string>) => {
        try {
          const change: unknown = JSON.parse(event.data);
          if (isChange(change) && !isOwnChange(change)) dispatch(change);
        } catch {
          // not news we know
        }
      };
    };
    const close = () => {
      source?.close();
      source = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") open();
      else {
        close();
        opened = false; // the page reads everything again when shown (see the visibility handlers)
      }
    };
    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  }, []);
}
