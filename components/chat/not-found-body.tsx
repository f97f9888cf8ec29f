"use client";

import { SearchX } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

/** In the chat's place when the address names no conversation: the sidebar stays, so nothing else is lost. */
export function NotFoundBody({ onNew }: { onNew: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus lands on the news, for screen readers and keyboard users alike.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center" data-testid="not-found">
      <SearchX className="h-8 w-8 text-muted-foreground" aria-hidden />
      <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
        Conversation not found
      </h1>
      <p className="max-w-sm text-sm text-muted-foreground">It may have been deleted, or the link is wrong. Your other conversations are in the sidebar.</p>
      <Button variant="primary" onClick={onNew}>
        Start a new chat
      </Button>
    </div>
  );
}
