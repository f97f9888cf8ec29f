"use client";

import { SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { markUnsentLost, readUnsent } from "./unsent-message";

/** How long a just-sent chat is looked for before its message counts as lost: 8 × 0.5 s. */
const LOOKS = 8;
const LOOK_EVERY_MS = 500;

/** In the chat's place when the address names no conversation: the sidebar stays, so nothing else is lost. */
export function NotFoundBody({ onNew }: { onNew: () => void }) {
  const t = useTranslations("notFound");
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus lands on the news, for screen readers and keyboard users alike.
  useEffect(() => heading.current?.focus(), []);
  // A new chat reloaded before its first message reached the server: the chat was never made,
  // and a new one takes the message back (components/chat/unsent-message.ts). The reload may also
  // have come while the server was still reading the request: it looks again for a few seconds,
  // and shows the chat if it appears, before calling the message lost.
  useEffect(() => {
    const id = /^\/c\/([^/?#]+)/.exec(window.location.pathname)?.[1];
    const conversationId = id && decodeURIComponent(id);
    if (!conversationId || readUnsent()?.conversationId !== conversationId) return;
    let live = true;
    void (async () => {
      for (let attempt = 0; attempt < LOOKS && live; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS));
        const response = await fetch(`/api/conversations/${encodeURIComponent(conversationId)}/messages`).catch(() => null);
        if (!live) return;
        if (response?.ok) {
          window.location.reload();
          return;
        }
      }
      if (live && markUnsentLost(conversationId)) window.location.replace("/");
    })();
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center" data-testid="not-found">
      <SearchX className="h-8 w-8 text-muted-foreground" aria-hidden />
      <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
        {t("title")}
      </h1>
      <p className="max-w-sm text-sm text-muted-foreground">{t("inApp")}</p>
      <Button variant="primary" onClick={onNew}>
        {t("newChat")}
      </Button>
    </div>
  );
}
