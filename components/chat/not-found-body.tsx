"use client";

import { SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { markUnsentLost } from "./unsent-message";

/** In the chat's place when the address names no conversation: the sidebar stays, so nothing else is lost. */
export function NotFoundBody({ onNew }: { onNew: () => void }) {
  const t = useTranslations("notFound");
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus lands on the news, for screen readers and keyboard users alike.
  useEffect(() => heading.current?.focus(), []);
  // A new chat reloaded before its first message reached the server: the chat was never made,
  // and a new one takes the message back (components/chat/unsent-message.ts).
  useEffect(() => {
    const id = /^\/c\/([^/?#]+)/.exec(window.location.pathname)?.[1];
    if (id && markUnsentLost(decodeURIComponent(id))) window.location.replace("/");
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
