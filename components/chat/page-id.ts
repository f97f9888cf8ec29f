"use client";

// This page's id on the requests that change something (see lib/events/page-id.ts). A new one
// each time the workspace mounts: the news of a change made under the old one (an answer still
// running when the person opened another conversation) then reaches the new view, which has not
// shown it.
import { PAGE_ID_HEADER } from "@/lib/events/page-id";

let current: string | null = null;

/** Gives the page a new id (getRandomValues: randomUUID needs HTTPS, a LAN address may not have it). */
export function renewPageId(): void {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  current = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Headers naming this page, for a request that changes something (none before the page has an id). */
export function pageIdHeaders(): Record<string, string> {
  return current ? { [PAGE_ID_HEADER]: current } : {};
}

/** News of a change this page made itself. */
export function isOwnChange(change: { page?: unknown }): boolean {
  return current !== null && change.page === current;
}
