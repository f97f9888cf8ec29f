"use client";

// A message is remembered in this tab (sessionStorage) from the moment it is sent until the
// server has it (its answer starts streaming, or the server refuses it with a reason on screen).
// A reload in between, when the request had not reached the server (a busy server takes a while
// to read it), would otherwise lose the words: the page restores them into the message box.

const KEY = "v4chat:unsent";
/** Older than this it is not the reload it was meant for. */
const MAX_AGE_MS = 15 * 60_000;

export interface UnsentMessage {
  conversationId: string;
  text: string;
  at: number;
  /** Its conversation turned out never to have been created: the new-chat page takes it back. */
  lost?: boolean;
}

export function rememberUnsent(conversationId: string, text: string): void {
  write({ conversationId, text, at: Date.now() });
}

export function forgetUnsent(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // storage unavailable
  }
}

export function readUnsent(): UnsentMessage | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<UnsentMessage>;
    if (typeof value.conversationId !== "string" || typeof value.text !== "string" || typeof value.at !== "number") return null;
    if (Date.now() - value.at > MAX_AGE_MS) return null;
    return value as UnsentMessage;
  } catch {
    return null;
  }
}

/** The conversation the message started does not exist: a new chat should take the message back. */
export function markUnsentLost(conversationId: string): boolean {
  const unsent = readUnsent();
  if (!unsent || unsent.conversationId !== conversationId) return false;
  write({ ...unsent, lost: true });
  return true;
}

/**
 * The words to put back into this conversation's message box, if its last message never reached
 * the server: the same conversation (a follow-up), or a new chat taking back a lost first
 * message. Null when there is none, or when the server has it after all (then it is forgotten).
 */
export function unsentFor({ conversationId, isNew, savedPrompts }: { conversationId: string; isNew: boolean; savedPrompts: string[] }): string | null {
  const unsent = readUnsent();
  if (!unsent) return null;
  const mine = unsent.conversationId === conversationId || (isNew && unsent.lost === true);
  if (!mine) return null;
  if (unsent.conversationId === conversationId && savedPrompts.includes(unsent.text)) {
    forgetUnsent();
    return null;
  }
  return unsent.text;
}

function write(value: UnsentMessage): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // storage unavailable or full: the message is sent all the same
  }
}
