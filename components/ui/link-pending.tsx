"use client";

import { Loader2 } from "lucide-react";
import { useLinkStatus } from "next/link";
import { cn } from "@/lib/utils";

/**
 * Inside a Link: a spinner from the click until the page it leads to is shown, so a slow network
 * or a long conversation never leaves a click without an answer.
 */
export function LinkPending({ className }: { className?: string }) {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <>
      <Loader2 className={cn("h-3.5 w-3.5 shrink-0 animate-spin text-muted-foreground", className)} aria-hidden data-testid="link-pending" />
      <span className="sr-only" role="status">
        Loading…
      </span>
    </>
  );
}
